import { ALL_MEASURES, DESCRIPTORS, FAMILY_NAMES } from '../../shared/analysis/families';
import {
  DEFAULT_CV,
  DEFAULT_SETTINGS,
  DEFAULT_STABILITY,
  penaltyName,
} from '../../shared/analysis/settings';

// The defaults shown are the ones the settings use (shared/analysis/settings.ts), never retyped.
const D = DEFAULT_SETTINGS;

/** Command-line mistakes: exit code 2, one `error:` line that says how to fix it. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

export const FIT_HELP = `Usage: npm run cli -- fit --data FILE --target COLUMN [options]

Fit a lasso, ridge or elastic-net regularization path (R glmnet's conventions).

Data
  --data FILE                 CSV file (header row; comma, semicolon, tab or pipe separated)
                              or Parquet file (recognized by its first bytes, PAR1)
  --target COLUMN             column to predict: numbers (gaussian), two classes such as
                              No/Yes or 0/1 (binomial), or counts 0, 1, 2, … (poisson)
  --features a,b,c            feature columns (default: every other column)
  --exclude a,b               columns to leave out of the default features
  --weights COLUMN            numeric column of observation weights (glmnet's weights:
                              finite, ≥ 0, positive sum); rows missing one are dropped
  --offset COLUMN             numeric column added to the linear predictor (glmnet's
                              offset), also when scoring; rows missing one are dropped
  --rows COLUMN=VALUE         keep only matching rows (repeatable; all must match)
  --missing drop|impute       rows with a missing feature: drop them (default) or impute
                              (mean / most frequent level, learned on training rows only)
  --missing-markers a,b,...   cell values read as missing (default: empty, NA, N/A, NaN,
                              null, NULL, ?, .)
  --max-levels N              allow categorical features with up to N levels (default ${D.maxLevels})
  --two-level single|one-hot  a text feature with two levels: one 0/1 column, 1 for the
                              second level in sorted order (single, the default: sex=M, 1 for
                              M, 0 for F), or a column per level as glmnet's makeX (one-hot)
  --drop-malformed-rows       drop rows with the wrong number of fields instead of stopping
  --column-type NAME=TYPE     read column NAME as numeric (its text cells missing, counted in
                              a warning) or categorical (its numbers become levels); repeatable
                              or a comma list: --column-type Cylinders=categorical
  --decimal .|,               the decimal mark (then the other mark may group thousands:
                              1,037.5 or 1.037,5); default: a point, or a comma in
                              semicolon-separated files
  --delimiter ,|;|tab||       the field delimiter (default: detected from the first rows)

Column types: a column is numeric when every non-missing cell is a decimal number
(12, -3.5, 1e-4; see --decimal); otherwise it is categorical and one-hot coded (column=level),
except that two levels make one 0/1 column (see --two-level).

Model
  --family ${FAMILY_NAMES.join('|').padEnd(18)} the response family (default ${D.family}):
${FAMILY_NAMES.map((name) => `                              ${name}: ${DESCRIPTORS[name].label}, CV measures ${DESCRIPTORS[name].measures.map((m) => m.id).join(', ')}`).join('\n')}
  --positive LEVEL            binomial: the target value modelled, P(target = LEVEL)
                              (default: the second of the two in sorted order, Yes of
                              No/Yes, 1 of 0/1)
  --penalty lasso|ridge|elastic-net   α = 1, 0 or 0.5 (default ${penaltyName(D.alpha)})
  --alpha A                   L1 ratio α in [0, 1] (1 = lasso, 0 = ridge); several values
                              (--alpha 0,0.5,1, each once, with --cv) are compared by CV
                              on the same folds
  --nlambda N                 number of λ values (default ${D.nlambda})
  --lambda-min-ratio R        smallest λ as a fraction of λ_max (default 1e-4 if n ≥ p, else 1e-2)
  --lambda v1,v2,...          explicit λ sequence instead of the default grid
  --no-standardize            do not scale features to unit variance
  --no-intercept              fit without an intercept
  --penalty-factor col=v,...  relative penalty per column or feature (0 = unpenalized, Inf =
                              excluded, as glmnet's), each column named once
  --lower-limits B            lower bound on the coefficients, as glmnet's lower.limits: B ≤ 0
                              for every column (0: non-negative coefficients), or col=B,...
                              per column or feature (the others unbounded); a negative
                              bound for every column is written --lower-limits=-1
  --upper-limits B            upper bound, B ≥ 0, the same way (glmnet's upper.limits)
  --thresh T                  convergence threshold (default ${D.thresh})
  --max-iter N                coordinate-descent passes allowed over the whole path, as
                              glmnet's maxit (default ${D.maxIter}); where they run out the path
                              ends at the values solved, with a warning (each CV fold too)
  --max-iter-per-lambda N     also cap the passes at each λ: a λ that reaches it keeps its
                              approximate fit, with a warning, and the path goes on
  --no-path-stop              fit every λ of the default grid; by default the path ends early,
                              as glmnet's, once the deviance explained stops improving
  --relax                     the relaxed lasso (glmnet's relax = TRUE): refit each λ's active
                              set without penalty and blend the fits by γ; with --cv, choose
                              (λ, γ) on the same folds (printed as min and 1se)
  --gamma G1,G2,...           the γ blended with --relax (default 0,0.25,0.5,0.75,1)
  --tighten                   refit the λ whose convergence certificate (duality gap) says the
                              answer may be far from optimal, at thresh/100, repeatedly down to
                              1e-14 or until it passes (gaussian; the summary says what it did)

Validation
  --cv K                      K-fold cross-validation (as R's cv.glmnet); folds run in parallel
  --foldid-column COLUMN      use this column's values as the folds (overrides K)
  --seed S                    seed of the random fold assignment (default ${DEFAULT_CV.seed})
  --measure ${ALL_MEASURES.join('|').padEnd(17)} CV error measure, one the family offers (default: its
                              first, ${DEFAULT_CV.measure} for ${D.family})
  --grouped true|false        CV standard errors from the folds (true, default) or the rows
                              (false); folds averaging under 3 rows use the rows, as cv.glmnet
  --keep                      keep the out-of-fold predictions at every λ in --json
                              (cv.glmnet's keep = TRUE; always kept at λ_min and λ_1se)
  --test-rows COLUMN=VALUE    hold these rows out of fitting and CV, and score them
  --test-fraction F           hold out a random share F of the rows instead (0 < F < 1,
                              e.g. 0.2), drawn with --test-seed (default 1); the held-out
                              rows are listed in --json (data.heldOutRows)
  --test-seed S               seed of the random hold-out (its own, not the folds' --seed)

Stability selection (Meinshausen & Bühlmann; complementary pairs, Shah & Samworth)
  --stability                 fit complementary pairs of half-samples on the path's λ values
                              (in parallel) and print the columns selected with probability
                              ≥ the threshold somewhere in the λ range, with the bound on
                              expected false selections and its assumptions
  --stability-pairs B         pairs of half-samples, 2B fits (default ${DEFAULT_STABILITY.pairs})
  --stability-threshold P     selection probability threshold, 0.5 < P ≤ 1 (default ${DEFAULT_STABILITY.threshold})
  --stability-seed S          seed of the half-samples (default ${DEFAULT_STABILITY.seed})
  --stability-lambda L        the λ range is the first λ down to (the path's λ nearest) L;
                              default: the lowest λ whose bound is at most 1

Output
  --json FILE                 write the full result as JSON (atomically; nothing on failure)
  --report FILE.html          write a self-contained HTML report (charts, table, code to reproduce)
  --model FILE.json           write the fitted model at the selected λ, for \`predict\`
  --select WHICH              the λ for --report and --model: lambda-1se (default with CV),
                              lambda-min, lambda-aic, lambda-bic, lambda-ebic (the λ that
                              minimizes AIC, BIC or extended BIC; no CV needed), last
                              (default without CV), or a λ value; a value off the path is
                              interpolated as R's predict.glmnet does
  --exact                     with --select VALUE: refit with VALUE inserted into the λ
                              sequence instead (predict.glmnet's exact = TRUE)
  --noise-variance S2         σ² for the gaussian AIC/BIC (default: the OLS estimate
                              RSS/(n − p − 1), as scikit-learn's LassoLarsIC; when n ≤ p,
                              without it the σ²-free form n·log(RSS/n) + k·df is used)
  --ebic-gamma G              γ of the extended BIC, BIC + 2γ·log C(p, df) (0 to 1; default 0.5)
  --help                      show this help

Memory
  --memory-limit SIZE         e.g. 4GB, 512MB (powers of 1024): when the in-memory fit would
                              need more (≈ 6 copies of the data, plus per row and λ
                              with --cv: from the file's size and first rows), a gaussian fit
                              streams the file into sufficient statistics instead and never
                              holds it (numeric columns, complete rows, random folds and
                              hold-out; --json and the summary only). Other families refuse.
                              Default: SHRINKAGE_MEMORY_LIMIT if set, else half of this
                              machine's memory (or of the container's limit, if smaller): the
                              estimate counts the fit's arrays only, and the rest is for the
                              worker threads, the OS and other programs.

An output FILE of - writes to standard output (one output at most). No output may be the
data file itself (under any name: link, ./path) or the same file as another output. A
symlink at an output's path is replaced by the new file, never written through (its target
is left as it was), so a link planted in a shared folder such as /tmp cannot redirect it.

Exit codes: 0 success, 1 data or fitting error, 2 usage error.`;

export const MAIN_HELP = `Usage: npm run cli -- <command> [options]

Commands
  fit       fit a regularization path to a CSV or Parquet file (npm run cli -- fit --help)
  inspect   describe a CSV or Parquet file's columns: types, missing values, ranges, problems
  predict   score a CSV or Parquet file with a model saved by fit --model (to CSV, or .parquet)

Outputs (--json, --report, --model, --out) are written atomically and never through a
symlink: a link at an output's path is replaced by the file, its target left as it was.

Example
  npm run cli -- fit --data examples/diabetes.csv --target y`;
