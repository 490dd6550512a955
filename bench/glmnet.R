# Times R's glmnet on the benchmark problem written by bench/run.ts (raw little-endian doubles).
# Usage: Rscript bench/glmnet.R DIR   (DIR holds x.bin, y.bin, foldid.bin and meta.json values)
suppressMessages(library(glmnet))
args <- commandArgs(trailingOnly = TRUE)
dir <- args[1]
meta <- strsplit(readLines(file.path(dir, "meta.txt")), " ")[[1]]
n <- as.integer(meta[1]); p <- as.integer(meta[2]); alpha <- as.numeric(meta[3])
x <- matrix(readBin(file.path(dir, "x.bin"), "double", n * p, endian = "little"), n, p)
y <- readBin(file.path(dir, "y.bin"), "double", n, endian = "little")
foldid <- readBin(file.path(dir, "foldid.bin"), "integer", n, endian = "little")
fit_time <- system.time(fit <- glmnet(x, y, alpha = alpha))[["elapsed"]]
# Best of three for the path (short runs are noisy); CV once.
for (i in 1:2) fit_time <- min(fit_time, system.time(glmnet(x, y, alpha = alpha))[["elapsed"]])
cv_time <- system.time(cvfit <- cv.glmnet(x, y, alpha = alpha, foldid = foldid))[["elapsed"]]
cat(sprintf('{"pathSeconds": %.4f, "cvSeconds": %.4f, "lambdas": %d, "lambdaMin": %.10g, "beta_last": [%s]}\n',
            fit_time, cv_time, length(fit$lambda), cvfit$lambda.min,
            paste(sprintf("%.12g", as.numeric(fit$beta[, ncol(fit$beta)])[1:min(5, p)]), collapse = ",")))
