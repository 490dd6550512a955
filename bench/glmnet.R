# Times R's glmnet on the benchmark problem written by bench/run.ts (raw little-endian doubles).
# Usage: Rscript bench/glmnet.R DIR   (DIR holds x.bin, y.bin, foldid.bin and meta.txt)
# Reads commands from stdin, one per line, and answers each with one line of JSON, so that
# bench/run.ts can alternate its own runs with glmnet's on the same data:
#   path  -> time glmnet(x, y, family, alpha)   cv -> time cv.glmnet(x, y, family, alpha, foldid)
# (the family's default type.measure: mse for gaussian, deviance for binomial).
suppressMessages(library(glmnet))
args <- commandArgs(trailingOnly = TRUE)
dir <- args[1]
meta <- strsplit(readLines(file.path(dir, "meta.txt")), " ")[[1]]
n <- as.integer(meta[1]); p <- as.integer(meta[2]); alpha <- as.numeric(meta[3])
family <- if (length(meta) >= 4) meta[4] else "gaussian"
x <- matrix(readBin(file.path(dir, "x.bin"), "double", n * p, endian = "little"), n, p)
y <- readBin(file.path(dir, "y.bin"), "double", n, endian = "little")
foldid <- readBin(file.path(dir, "foldid.bin"), "integer", n, endian = "little")
invisible(glmnet(x[1:min(n, 200), 1:min(p, 20)], y[1:min(n, 200)], family = family, alpha = alpha)) # load and warm
cat('{"ready": true}\n')
input <- file("stdin", "r")
repeat {
  command <- readLines(input, n = 1)
  if (length(command) == 0 || command == "quit") break
  if (command == "path") {
    seconds <- system.time(fit <- glmnet(x, y, family = family, alpha = alpha))[["elapsed"]]
    # The whole path, for bench/run.ts to compare: beta is p x L, column-major.
    writeBin(as.numeric(as.matrix(fit$beta)), file.path(dir, "beta.bin"), endian = "little")
    writeBin(as.numeric(fit$a0), file.path(dir, "a0.bin"), endian = "little")
    writeBin(as.numeric(fit$lambda), file.path(dir, "lambda.bin"), endian = "little")
    cat(sprintf('{"seconds": %.4f, "lambdas": %d}\n', seconds, length(fit$lambda)))
  } else if (command == "cv") {
    seconds <- system.time(cvfit <- cv.glmnet(x, y, family = family, alpha = alpha, foldid = foldid))[["elapsed"]]
    writeBin(as.numeric(cvfit$cvm), file.path(dir, "cvm.bin"), endian = "little")
    cat(sprintf('{"seconds": %.4f, "lambdaMin": %.17g}\n', seconds, cvfit$lambda.min))
  }
}
