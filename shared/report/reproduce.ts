/**
 * Code that reproduces a Shrinkage fit elsewhere, with the exact settings: R's glmnet (the
 * reference; equal to tolerance), scikit-learn (with the parameter translation below), and
 * PySpark MLlib for data that outgrows one machine.
 *
 * The family's own pieces (glmnet's family and type.measure, the scikit-learn model and its
 * equivalence, the Spark estimator) come from its descriptor (shared/analysis/families); here
 * is what every family shares: reading, filtering, imputing and coding the data.
 */

import {
  cvMaximizes,
  type LambdaRule,
  RULE_LABEL,
  ruleAt,
  rulesAvailable,
} from '../analysis/alphaComparison';
import { describeFamily } from '../analysis/families';
import type { ReproduceContext } from '../analysis/families/descriptor';
import { designColumnsOf } from '../analysis/model';
import type { AnalysisResult } from '../analysis/result';
import { MISSING_MARKERS } from '../data/csv';
import { uniqueName } from '../data/names';
import { plural } from '../plural';
import { numberLiteral, PYTHON, R } from './codeLiterals';
import { pythonInformationCriteria, rInformationCriteria } from './reproduceIc';
import { rStability } from './stability';

export interface ReproduceOptions {
  /** λ index of the coefficients to print. */
  index: number;
  /** How the CSV file is referred to in the code. */
  dataPath: string;
  /** A λ off the path (predict.glmnet interpolates at it): the code's s; else the index's λ. */
  lambda?: number | undefined;
}

// Every user string goes in through R.string / PYTHON.string (quoted and escaped), every user
// text in a comment through .comment, every number through num: nothing else is interpolated.
const rString = R.string;
const rStrings = R.strings;
const py = PYTHON.string;
const pyList = PYTHON.strings;
const num = numberLiteral;
/** A penalty factor in R: a number, or Inf (glmnet's exclude). */
const factorLiteral = (factor: number | 'Inf') => (factor === 'Inf' ? 'Inf' : num(factor));

/** Features that were one-hot coded (read from the design column records, not their names). */
export function categoricalFeatures(result: AnalysisResult): string[] {
  const columns = designColumnsOf(result);
  return result.settings.features.filter((f) =>
    columns.some((c) => c.feature === f && c.kind === 'level'),
  );
}

export { sklearnTranslation } from '../analysis/families/gaussian';

/**
 * The coefficient bounds per design column, as the fit used them (shared/analysis/limits.ts),
 * or undefined when there are none.
 */
function limitsOf(result: AnalysisResult) {
  const { lowerLimits, upperLimits } = result.settings;
  if (!lowerLimits && !upperLimits) return undefined;
  const side = (bounds: Record<string, number> | undefined, unbounded: number) =>
    bounds && result.columns.map((c) => (Object.hasOwn(bounds, c) ? bounds[c]! : unbounded));
  return {
    lower: side(lowerLimits, Number.NEGATIVE_INFINITY),
    upper: side(upperLimits, Number.POSITIVE_INFINITY),
  };
}

/** scikit-learn's positive=True is exactly lower bounds of 0 on every column and no upper bound. */
function nonNegativeOnly(result: AnalysisResult): boolean {
  const limits = limitsOf(result);
  return (
    limits !== undefined &&
    limits.lower?.every((v) => v === 0) === true &&
    (limits.upper?.every((v) => v === Number.POSITIVE_INFINITY) ?? true)
  );
}

/** A bound in R: a number, or ±Inf for none. */
const limitLiteral = (value: number) =>
  value === Number.POSITIVE_INFINITY
    ? 'Inf'
    : value === Number.NEGATIVE_INFINITY
      ? '-Inf'
      : num(value);

/** What a family's reproduce pieces need of a result at the λ index `index`. */
function reproduceContext(
  result: AnalysisResult,
  index: number,
  offGrid?: number | undefined,
): ReproduceContext {
  const s = result.settings;
  const { weights, offset } = weightAndOffset(result);
  return {
    positive: nonNegativeOnly(result),
    alpha: s.alpha,
    lambda: offGrid ?? result.path.lambda[index]!,
    lambdas: result.path.lambda,
    yScale: result.standardization.yScale,
    standardize: s.standardize,
    intercept: s.intercept,
    target: s.target,
    weights,
    offset,
    num,
    py,
    r: rString,
    // A 0/1 target is used as it is; any other two-class target is compared with its modelled
    // class (a quoted literal), so the generated code codes it exactly as Shrinkage did.
    positiveClass:
      result.classes && !(result.classes.negative === '0' && result.classes.positive === '1')
        ? result.classes.positive
        : undefined,
  };
}

/** The design columns of a one-hot coded feature's levels, in Shrinkage's order. */
function levelColumnsOf(result: AnalysisResult, feature: string) {
  return designColumnsOf(result).flatMap((c) =>
    c.feature === feature && c.kind === 'level' ? [c] : [],
  );
}

/** A categorical feature's levels in Shrinkage's order, a two-level feature's reference first. */
function levelsOf(result: AnalysisResult, feature: string): string[] {
  return levelColumnsOf(result, feature).flatMap((c) =>
    c.reference === undefined ? [c.level] : [c.reference, c.level],
  );
}

/** The two-level features coded as one 0/1 column: that column's record (level 1, reference 0). */
function singleDummies(result: AnalysisResult) {
  return designColumnsOf(result).flatMap((c) =>
    c.kind === 'level' && c.reference !== undefined ? [{ ...c, reference: c.reference }] : [],
  );
}

/** The weight and offset columns the fit read, if any (results saved before them have neither). */
function weightAndOffset(result: AnalysisResult): { weights?: string; offset?: string } {
  const { weights, offset } = result.settings;
  return { ...(weights ? { weights } : {}), ...(offset ? { offset } : {}) };
}

/** The columns whose missing cells drop a row (without imputation: all of them). */
function usedColumns(result: AnalysisResult): string[] {
  const { weights, offset } = weightAndOffset(result);
  return [
    result.settings.target,
    ...result.settings.features,
    ...(weights ? [weights] : []),
    ...(offset ? [offset] : []),
  ];
}

/** The columns whose missing cells drop a row even when features are imputed (never imputed). */
function neverImputed(result: AnalysisResult): string[] {
  const { weights, offset } = weightAndOffset(result);
  return [result.settings.target, ...(weights ? [weights] : []), ...(offset ? [offset] : [])];
}

/**
 * R's read.csv turns a CR (or CR LF) inside a quoted header field into LF, so a column Shrinkage
 * calls `a⏎b` with a CR is `a\nb` in R: rename those back, by R's name for them, so that every
 * name the code uses is exactly Shrinkage's.
 */
function rRestoreNames(result: AnalysisResult): string[] {
  const s = result.settings;
  const named = [
    ...usedColumns(result),
    ...s.rows.map((f) => f.column),
    ...(s.testRows ? [s.testRows.column] : []),
  ];
  const withCr = [...new Set(named)].filter((name) => name.includes('\r'));
  if (withCr.length === 0) return [];
  return [
    "# R's reader turns a CR inside a quoted column name into LF: restore Shrinkage's names.",
    `names(d)[match(${rStrings(withCr.map((name) => name.replace(/\r\n?/g, '\n')))}, names(d))] <- ${rStrings(withCr)}`,
  ];
}

/**
 * The rows a random hold-out took, as literals (Shrinkage's generator is not R's or numpy's):
 * the file's data row numbers, which are R's row index after read.csv. They are taken out
 * first; the row filters and missing values then leave exactly Shrinkage's training rows.
 */
function heldOutRows(result: AnalysisResult): number[] | undefined {
  return result.settings.testSplit ? (result.data.heldOutRows ?? []) : undefined;
}

function heldOutComment(result: AnalysisResult): string {
  const split = result.settings.testSplit!;
  return `Shrinkage's random hold-out (${num(100 * split.fraction)}%, seed ${num(split.seed)}): the file's data rows, 1 = the first after the header`;
}

function rHeldOut(result: AnalysisResult): string[] {
  const rows = heldOutRows(result);
  if (!rows) return [];
  return [
    R.comment(heldOutComment(result)),
    `held_out <- c(${rows.map(num).join(', ')})`,
    'test <- d[held_out, ]',
    'd <- d[-held_out, ]',
  ];
}

/** The columns the user typed numeric / categorical when reading (readOptions.ts columnTypes). */
function typedColumns(result: AnalysisResult, type: 'numeric' | 'categorical'): string[] {
  return Object.entries(result.data.columnTypes ?? {})
    .filter(([, t]) => t === type)
    .map(([name]) => name);
}

/**
 * Reading the file as Shrinkage read it: CSV with its missing markers, or Parquet (through
 * arrow, booleans as true/false text as Shrinkage reads them); columns typed categorical read
 * as their text, columns typed numeric with their text cells missing.
 */
function rRead(result: AnalysisResult, dataPath: string): string[] {
  const categorical = typedColumns(result, 'categorical');
  const numeric = typedColumns(result, 'numeric');
  const lines: string[] = [];
  if (result.data.format === 'parquet') {
    lines.push(
      `d <- as.data.frame(arrow::read_parquet(${rString(dataPath)}))  # needs the arrow package`,
    );
    lines.push(
      'd[] <- lapply(d, function(v) if (is.logical(v)) ifelse(v, "true", "false") else v)',
    );
    for (const c of categorical)
      lines.push(
        `d[[${rString(c)}]] <- as.character(d[[${rString(c)}]])  ${R.comment('typed categorical')}`,
      );
  } else {
    const classes =
      categorical.length > 0
        ? `,\n              colClasses = c(${categorical.map((c) => `${rString(c)} = "character"`).join(', ')})`
        : '';
    if (categorical.length > 0)
      lines.push(R.comment('Columns typed categorical are read as their text.'));
    lines.push(`d <- read.csv(${rString(dataPath)}, check.names = FALSE, stringsAsFactors = TRUE,`);
    lines.push(`              na.strings = ${rStrings(MISSING_MARKERS)}${classes})`);
  }
  for (const c of numeric)
    lines.push(
      `d[[${rString(c)}]] <- suppressWarnings(as.numeric(as.character(d[[${rString(c)}]])))  ${R.comment('typed numeric: text is missing')}`,
    );
  return lines;
}

/** pandas: the same reading as rRead. */
function pythonRead(
  result: AnalysisResult,
  dataPath: string,
  categorical: readonly string[],
): string[] {
  const numeric = typedColumns(result, 'numeric');
  const lines: string[] = [];
  if (result.data.format === 'parquet') {
    lines.push(`d = pd.read_parquet(${py(dataPath)})  # needs pyarrow`);
    // Text as Shrinkage reads it: booleans true/false, whole numbers without '.0'.
    for (const f of categorical)
      lines.push(
        `d[${py(f)}] = d[${py(f)}].map(lambda v: v if pd.isna(v) else str(v).lower() if isinstance(v, bool) else str(int(v)) if isinstance(v, float) and v.is_integer() else str(v))`,
      );
  } else {
    // Categorical features read as text, as Shrinkage reads them (never pandas' True/False or numbers).
    const asText = categorical.map((f) => `${py(f)}: str`).join(', ');
    lines.push(
      `d = pd.read_csv(${py(dataPath)}, keep_default_na=False, na_values=${pyList(MISSING_MARKERS)}${categorical.length > 0 ? `, dtype={${asText}}` : ''})`,
    );
  }
  for (const c of numeric)
    lines.push(
      `d[${py(c)}] = pd.to_numeric(d[${py(c)}], errors="coerce")  # typed numeric: text is missing`,
    );
  return lines;
}

export function rCode(
  result: AnalysisResult,
  { index, dataPath, lambda: offGrid }: ReproduceOptions,
): string {
  const s = result.settings;
  const lines: string[] = [];
  const categorical = categoricalFeatures(result);
  lines.push(
    R.comment(
      `Reproduces Shrinkage ${result.version}: ${s.penalty} (alpha = ${num(s.alpha)}) predicting ${s.target}`,
    ),
  );
  lines.push(R.comment(`from ${result.data.file} (sha256 ${result.data.sha256}).`));
  lines.push('library(glmnet)  # results agree with Shrinkage to the convergence tolerance');
  lines.push(...rRead(result, dataPath));
  lines.push(...rRestoreNames(result));
  lines.push(...rHeldOut(result));
  for (const f of s.rows)
    lines.push(`d <- d[as.character(d[[${rString(f.column)}]]) == ${rString(f.value)}, ]`);
  if (s.testRows) {
    lines.push(
      `test <- d[as.character(d[[${rString(s.testRows.column)}]]) == ${rString(s.testRows.value)}, ]`,
    );
    lines.push(
      `d <- d[as.character(d[[${rString(s.testRows.column)}]]) != ${rString(s.testRows.value)}, ]`,
    );
  }
  // R orders factor levels by its locale's collation; pin Shrinkage's order (and only the levels
  // it used), so that makeX's columns, and penalty.factor, line up with Shrinkage's.
  for (const feature of categorical) {
    lines.push(
      `d[[${rString(feature)}]] <- factor(d[[${rString(feature)}]], levels = ${rStrings(levelsOf(result, feature))})`,
    );
  }
  const numeric = s.features.filter((f) => !categorical.includes(f));
  if (s.missing === 'drop')
    lines.push(`d <- d[complete.cases(d[, ${rStrings(usedColumns(result))}]), ]`);
  else {
    lines.push(
      `d <- d[${neverImputed(result)
        .map((c) => `!is.na(d[[${rString(c)}]])`)
        .join(' & ')}, ]`,
    );
    lines.push(
      "# Missing features take the training rows' mean, or most frequent level (first on ties).",
    );
    if (numeric.length > 0)
      lines.push(
        `for (f in ${rStrings(numeric)}) d[[f]][is.na(d[[f]])] <- mean(d[[f]], na.rm = TRUE)`,
      );
    if (categorical.length > 0)
      lines.push(
        `for (f in ${rStrings(categorical)}) d[[f]][is.na(d[[f]])] <- names(which.max(table(d[[f]])))`,
      );
  }
  // A two-level feature coded as one dummy becomes that 0/1 column before makeX (R's
  // model.matrix with treatment contrasts builds the same column); makeX codes the others.
  const dummies = singleDummies(result);
  for (const c of dummies)
    lines.push(
      `d[[${rString(c.feature)}]] <- as.numeric(d[[${rString(c.feature)}]] == ${rString(c.level)})  ${R.comment(`1 for ${c.level}, 0 for ${c.reference}`)}`,
    );
  const features = rStrings(s.features);
  lines.push(
    categorical.length > dummies.length
      ? `x <- makeX(d[, ${features}, drop = FALSE])  # one 0/1 column per level, as Shrinkage`
      : `x <- as.matrix(d[, ${features}, drop = FALSE])`,
  );
  // makeX names level columns `gz`, which can clash; Shrinkage's names are unique.
  lines.push(`colnames(x) <- ${rStrings(result.columns)}  # Shrinkage's design column names`);
  // glmnet refuses a matrix of one column; a constant column is never selected (its coefficient
  // stays 0), so one is added and left out of the printout.
  const padded = result.columns.length === 1;
  if (padded)
    lines.push(
      'x <- cbind(x, .shrinkage_pad = 0)  # glmnet needs 2 or more columns; a constant one stays at 0',
    );
  const family = describeFamily(s.family);
  lines.push(family.reproduce.rResponse(reproduceContext(result, index)));
  const { weights, offset } = weightAndOffset(result);
  if (weights) lines.push(`w <- d[[${rString(weights)}]]  # observation weights`);
  if (offset) lines.push(`o <- d[[${rString(offset)}]]  # offset, added to the linear predictor`);
  const limits = limitsOf(result);
  const argsWith = (alpha: string) => [
    `family = ${rString(family.reproduce.rFamily)}`,
    ...(weights ? ['weights = w'] : []),
    ...(offset ? ['offset = o'] : []),
    `alpha = ${alpha}`,
    `standardize = ${s.standardize ? 'TRUE' : 'FALSE'}`,
    `intercept = ${s.intercept ? 'TRUE' : 'FALSE'}`,
    s.lambda ? `lambda = c(${s.lambda.map(num).join(', ')})` : `nlambda = ${num(s.nlambda)}`,
    ...(s.lambda || s.lambdaMinRatio === undefined
      ? []
      : [`lambda.min.ratio = ${num(s.lambdaMinRatio)}`]),
    `penalty.factor = c(${[...result.columns.map((c) => factorLiteral(Object.hasOwn(s.penaltyFactor, c) ? s.penaltyFactor[c]! : 1)), ...(padded ? ['1'] : [])].join(', ')})`,
    // Bounds in column order, as glmnet's lower.limits / upper.limits (one per column of x).
    ...(limits?.lower
      ? [
          `lower.limits = c(${[...limits.lower.map(limitLiteral), ...(padded ? ['-Inf'] : [])].join(', ')})`,
        ]
      : []),
    ...(limits?.upper
      ? [
          `upper.limits = c(${[...limits.upper.map(limitLiteral), ...(padded ? ['Inf'] : [])].join(', ')})`,
        ]
      : []),
    `thresh = ${num(s.thresh)}`,
    `maxit = ${num(s.maxIter)}`,
  ];
  // Shrinkage's early stop turned off is glmnet's with fdev = 0 and devmax = 1 (pathStop.ts).
  const everyLambda = s.pathStop === false && !s.lambda;
  if (everyLambda)
    lines.push('glmnet.control(fdev = 0, devmax = 1)  # fit every λ of the grid (no early stop)');
  if (s.maxIterPerLambda) {
    // glmnet has no cap per λ: say whether Shrinkage's changed anything this code cannot redo.
    const bound = result.diagnostics.warnings.filter((w) => w.code === 'not-converged').length;
    lines.push(
      bound === 0
        ? `# Shrinkage also capped each λ at ${s.maxIterPerLambda} passes; the cap never bound, so glmnet's maxit alone gives the same fit.`
        : `# Shrinkage also capped each λ at ${s.maxIterPerLambda} passes, which glmnet cannot; it bound at ${plural(bound, 'λ value')} (see the warnings), where glmnet converges further and its coefficients differ.`,
    );
  }
  const tightened = result.diagnostics.certificate?.tightened;
  if (tightened && tightened.indices.length > 0)
    // glmnet has no tighten: say where this code's answers differ from Shrinkage's.
    lines.push(
      `# Shrinkage refitted ${plural(tightened.indices.length, 'λ value')} whose convergence certificate failed, down to thresh ${num(tightened.thresh)} (its --tighten); at thresh = ${num(s.thresh)} glmnet stops earlier there and its coefficients differ.`,
    );
  const args = argsWith(num(s.alpha));
  lines.push(`fit <- glmnet(x, y, ${args.join(', ')})`);
  // coef(fit, s = an off-grid λ) interpolates as Shrinkage did (shared/solver/interpolate.ts).
  const lambda = offGrid ?? result.path.lambda[index]!;
  if (result.cv) {
    lines.push(
      `foldid <- c(${result.cv.foldid.map(num).join(', ')})  # Shrinkage's folds, one per row used`,
    );
    lines.push(
      `cvfit <- cv.glmnet(x, y, foldid = foldid, type.measure = ${rString(family.reproduce.rTypeMeasure(result.cv.measure))}, ${s.cv?.grouped === false ? 'grouped = FALSE, ' : ''}${args.join(', ')}, keep = TRUE)`,
    );
    if (s.missing === 'impute')
      lines.push(
        '# cv.glmnet sees features imputed from all training rows; Shrinkage let each fold learn its own, so the curves can differ slightly.',
      );
    lines.push('c(lambda.min = cvfit$lambda.min, lambda.1se = cvfit$lambda.1se)');
    // keep = TRUE: cv.glmnet's out-of-fold linear predictors, Shrinkage's cv.outOfFold.
    lines.push(
      'head(cvfit$fit.preval[, cvfit$index["min", ]])  # out-of-fold predictions at λ_min, link scale (cv.outOfFold.atLambdaMin)',
    );
    if (result.alphaSearch) {
      const typeMeasure = rString(family.reproduce.rTypeMeasure(result.cv.measure));
      lines.push(...rAlphaComparison(result, index, argsWith('a'), typeMeasure));
    }
    if (result.relaxed) {
      const typeMeasure = rString(family.reproduce.rTypeMeasure(result.cv.measure));
      lines.push(...rRelaxed(result, args, typeMeasure));
    }
  } else if (result.relaxed) lines.push(...rRelaxed(result, args));
  lines.push(...rInformationCriteria(result));
  lines.push(...rStability(result, args));
  lines.push(
    padded
      ? `coef(fit, s = ${num(lambda)})[1:2, , drop = FALSE]  # the selected λ (without the padding column)`
      : `coef(fit, s = ${num(lambda)})  # the selected λ`,
  );
  if (offset)
    lines.push(
      `head(predict(fit, newx = x, s = ${num(lambda)}, newoffset = o))  # predictions add each row's offset`,
    );
  if (everyLambda) lines.push("glmnet.control(factory = TRUE)  # glmnet's defaults again");
  return lines.join('\n');
}

/**
 * R: the relaxed lasso as glmnet fits it (relax = TRUE, the same γ): with CV on Shrinkage's
 * folds, cv.glmnet's (λ, γ) of min and 1se (the line tagged RELAXED: λ_min, γ_min, λ_1se,
 * γ_1se) and the coefficients there; without, the blended coefficients at the path's λ.
 */
function rRelaxed(result: AnalysisResult, args: string[], typeMeasure?: string): string[] {
  const relaxed = result.relaxed!;
  const gamma = `gamma = c(${relaxed.gammas.map(num).join(', ')})`;
  const head = [
    '',
    R.comment(
      'The relaxed lasso: each λ refitted without penalty on its active set, blended by γ.',
    ),
  ];
  if (!typeMeasure || !relaxed.cv) {
    return [
      ...head,
      `rfit <- glmnet(x, y, ${args.join(', ')}, relax = TRUE)`,
      ...relaxed.gammas.map(
        (g) => `coef(rfit, s = rfit$lambda, gamma = ${num(g)})  # γ = ${num(g)} at every λ`,
      ),
    ];
  }
  return [
    ...head,
    `rcv <- cv.glmnet(x, y, foldid = foldid, type.measure = ${typeMeasure}, ${args.join(', ')}, relax = TRUE, ${gamma})`,
    'print(rcv)  # the (λ, γ) of min and 1se, with their CV values',
    'r <- rcv$relaxed',
    'cat("RELAXED", sprintf("%.15g", c(r$lambda.min, r$gamma.min, r$lambda.1se, r$gamma.1se)), "\\n")',
    'coef(rcv, s = "lambda.min", gamma = r$gamma.min)  # coefficients at (λ_min, γ_min)',
    'coef(rcv, s = "lambda.1se", gamma = r$gamma.1se)  # and at (λ_1se, γ_1se)',
  ];
}

/** The rule the comparison is ranked at: the report's λ is λ_min, or else λ_1se. */
function comparisonRule(result: AnalysisResult, index: number): LambdaRule {
  const rule = ruleAt(result, index);
  return rulesAvailable(result.alphaSearch!).includes(rule) ? rule : 'min';
}

/**
 * R: cv.glmnet for every compared α on the same foldid, each α's CV value at its own rule,
 * ranked as Shrinkage ranks them, with "within 1 SE of the best" (lines tagged ALPHA: α, λ,
 * cvm, cvsd, nonzero, in rank order).
 */
function rAlphaComparison(
  result: AnalysisResult,
  index: number,
  args: string[],
  typeMeasure: string,
): string[] {
  const rule = comparisonRule(result, index);
  const maximize = cvMaximizes(result);
  const alphas = result.alphaSearch!.candidates.map((c) => num(c.alpha)).join(', ');
  return [
    '',
    R.comment(
      `Every α compared on the same folds, ranked by CV at each α's own ${RULE_LABEL[rule]} (the rule of the λ above).`,
    ),
    `comparison <- do.call(rbind, lapply(c(${alphas}), function(a) {`,
    `  cva <- cv.glmnet(x, y, foldid = foldid, type.measure = ${typeMeasure}, ${args.join(', ')})`,
    `  i <- which(cva$lambda == cva$lambda.${rule === 'min' ? 'min' : '1se'})`,
    '  data.frame(alpha = a, lambda = cva$lambda[i], cvm = cva$cvm[i], cvsd = cva$cvsd[i], nzero = cva$nzero[i])',
    '}))',
    `comparison <- comparison[order(${maximize ? '-' : ''}comparison$cvm), ]  # best first`,
    `comparison$within.1se <- comparison$cvm ${maximize ? '>=' : '<='} comparison$cvm[1] ${maximize ? '-' : '+'} comparison$cvsd[1]`,
    'print(comparison, row.names = FALSE)',
    'for (r in seq_len(nrow(comparison))) cat("ALPHA", sprintf("%.15g", unlist(comparison[r, 1:5])), "\\n")',
  ];
}

/**
 * Python: the α comparison by hand on Shrinkage's folds, as cv.glmnet computes it: each fold
 * fits the path at that α's λ sequence, the held-out losses give cvm and cvsd (weighted by
 * fold size), and λ_min / λ_1se follow glmnet's rule. Written for linear regression without
 * weights or offset (enet_path is glmnet's gaussian path); otherwise a comment says to use R.
 */
function pythonAlphaComparison(result: AnalysisResult, index: number): string[] {
  const s = result.settings;
  const search = result.alphaSearch!;
  const cv = result.cv!;
  const rule = comparisonRule(result, index);
  const supported =
    describeFamily(s.family).targetKind === 'numeric' &&
    (cv.measure === 'mse' || cv.measure === 'mae') &&
    !s.weights &&
    !s.offset &&
    search.candidates.every((c) => c.cv);
  if (!supported)
    return [
      '',
      PYTHON.comment(
        'The α comparison is reproduced by the R code (cv.glmnet on the same foldid); this family, measure, weights or offset have no scikit-learn path to redo it here.',
      ),
    ];
  const loss = cv.measure === 'mse' ? '(y[te, None] - pred) ** 2' : 'np.abs(y[te, None] - pred)';
  const i = s.intercept;
  return [
    '',
    PYTHON.comment(
      `Every α compared on Shrinkage's folds, ranked by CV at each α's own ${RULE_LABEL[rule]} (the rule of the λ above).`,
    ),
    `foldid = np.array([${cv.foldid.map(num).join(', ')}])  # Shrinkage's folds, one per row used`,
    'def cv_curve(a, lambdas):',
    '    losses, sizes = [], []',
    '    for k in np.unique(foldid):',
    '        tr, te = foldid != k, foldid == k',
    '        Xt, yt = X[tr], y[tr]',
    ...(s.standardize
      ? [
          `        sc = StandardScaler(with_mean=${i ? 'True' : 'False'}).fit(Xt)  # the fold's own standardization, as glmnet`,
          '        Xk = sc.transform(Xt)',
        ]
      : ['        Xk = Xt']),
    `        s_yk = ${i ? 'np.std(yt)' : 'np.sqrt(np.mean(yt ** 2))'}`,
    '        wk = a + (1 - a) / s_yk',
    `        Xc, yc = ${i ? 'Xk - Xk.mean(axis=0), yt - yt.mean()' : 'Xk, yt'}`,
    '        if a == 0:  # ridge in closed form (coordinate descent is slow to 1e-12 without an L1 part)',
    '            G, c = Xc.T @ Xc / len(yc), Xc.T @ yc / len(yc)',
    '            coefs = np.column_stack([np.linalg.solve(G + lam * wk * np.eye(len(c)), c) for lam in lambdas])',
    '        else:',
    '            _, coefs, _ = enet_path(Xc, yc, l1_ratio=a / wk, alphas=lambdas * wk, tol=1e-12, max_iter=1_000_000)',
    `        beta = coefs${s.standardize ? ' / sc.scale_[:, None]' : ''}`,
    `        pred = ${i ? 'yt.mean() - Xt.mean(axis=0) @ beta + ' : ''}X[te] @ beta`,
    `        losses.append((${loss}).mean(axis=0))`,
    '        sizes.append(te.sum())',
    '    E, W = np.array(losses), np.array(sizes, dtype=float)',
    '    cvm = W @ E / W.sum()',
    '    cvsd = np.sqrt(W @ (E - cvm) ** 2 / W.sum() / (len(W) - 1))',
    '    return cvm, cvsd',
    '',
    'comparison = []',
    ...search.candidates.map(
      (c) =>
        `comparison.append((${num(c.alpha)}, ${num(rule === 'min' ? c.cv!.indexMin : c.cv!.index1se)}, np.array([${c.cv!.lambda.map(num).join(', ')}])))  # α, the index of its ${RULE_LABEL[rule]} in Shrinkage and cv.glmnet, its λ sequence (glmnet's, from all rows)`,
    ),
    PYTHON.comment(
      `scikit-learn's solutions agree with glmnet's to about 1e-4, so each α is compared at the ${RULE_LABEL[rule]} glmnet chose; where this curve alone would put it is printed last.`,
    ),
    'rows = []',
    'for a, chosen, lambdas in comparison:',
    '    cvm, cvsd = cv_curve(a, lambdas)',
    '    own = int(np.argmin(cvm))  # λ_min: the first smallest',
    ...(rule === '1se'
      ? [
          '    own = int(np.flatnonzero(cvm <= cvm[own] + cvsd[own])[0])  # λ_1se: the largest λ within 1 SE',
        ]
      : []),
    '    rows.append((a, lambdas[chosen], cvm[chosen], cvsd[chosen], lambdas[own]))',
    'rows.sort(key=lambda r: r[2])  # best first',
    'for a, lam, m, sd, own in rows:',
    '    within = m <= rows[0][2] + rows[0][3]',
    '    print("ALPHA", a, lam, m, sd, own, "within 1 SE" if within else "")',
  ];
}

/**
 * `X = …`: each design column built from its record (a numeric feature as is, or one level of
 * a categorical feature as 0/1), never by one-hot coding and matching names, which collide
 * when a feature is itself called `g=z` next to `g`'s level z.
 */
function pythonDesignMatrix(result: AnalysisResult): string[] {
  const columns = designColumnsOf(result).map((c) =>
    c.kind === 'level'
      ? `    (d[${py(c.feature)}] == ${py(c.level)}).to_numpy(dtype=float),`
      : `    d[${py(c.feature)}].to_numpy(dtype=float),`,
  );
  return [
    '# One column per design column, from its feature (and level: 1 where the row has it, else 0).',
    'X = np.column_stack([',
    ...columns,
    '])',
  ];
}

export function pythonCode(
  result: AnalysisResult,
  { index, dataPath, lambda }: ReproduceOptions,
): string {
  const s = result.settings;
  const sklearn = describeFamily(s.family).reproduce.sklearn(
    reproduceContext(result, index, lambda),
  );
  const lines: string[] = [];
  lines.push(
    PYTHON.comment(
      `Reproduces Shrinkage ${result.version}: ${s.penalty} (glmnet alpha = ${num(s.alpha)}) predicting ${s.target}`,
    ),
  );
  lines.push(PYTHON.comment(`from ${result.data.file} (sha256 ${result.data.sha256}).`));
  lines.push('import numpy as np');
  lines.push('import pandas as pd');
  lines.push(...sklearn.imports);
  lines.push('');
  const categorical = categoricalFeatures(result);
  lines.push(...pythonRead(result, dataPath, categorical));
  const heldOut = heldOutRows(result);
  if (heldOut) {
    lines.push(PYTHON.comment(heldOutComment(result)));
    lines.push(`held_out = np.array([${heldOut.map(num).join(', ')}]) - 1  # pandas' row index`);
    lines.push('test = d.loc[held_out]');
    lines.push('d = d.drop(index=held_out)');
  }
  for (const f of s.rows) lines.push(`d = d[d[${py(f.column)}].astype(str) == ${py(f.value)}]`);
  if (s.testRows) {
    lines.push(`test = d[d[${py(s.testRows.column)}].astype(str) == ${py(s.testRows.value)}]`);
    lines.push(`d = d[d[${py(s.testRows.column)}].astype(str) != ${py(s.testRows.value)}]`);
  }
  const numeric = s.features.filter((f) => !categorical.includes(f));
  if (s.missing === 'drop') lines.push(`d = d.dropna(subset=${pyList(usedColumns(result))})`);
  else {
    lines.push(
      `d = d[${neverImputed(result)
        .map((c) => `d[${py(c)}].notna()`)
        .join(' & ')}].copy()`,
    );
    lines.push(
      "# Missing features take the training rows' mean, or most frequent level (first on ties, in Shrinkage's level order).",
    );
    if (numeric.length > 0)
      lines.push(`for f in ${pyList(numeric)}:\n    d[f] = d[f].fillna(d[f].mean())`);
    for (const feature of categorical) {
      lines.push(
        `counts = d[${py(feature)}].value_counts()\nd[${py(feature)}] = d[${py(feature)}].fillna(max(${pyList(levelsOf(result, feature))}, key=lambda level: counts.get(level, 0)))`,
      );
    }
  }
  lines.push(`columns = ${pyList(result.columns)}  # Shrinkage's design columns, in order`);
  lines.push(...pythonDesignMatrix(result));
  const { weights } = weightAndOffset(result);
  lines.push(sklearn.response);
  if (weights) lines.push(`w = d[${py(weights)}].to_numpy(dtype=float)  # observation weights`);
  lines.push(...sklearn.model);
  if (result.alphaSearch && result.cv) lines.push(...pythonAlphaComparison(result, index));
  lines.push(...pythonInformationCriteria(result));
  if (result.relaxed)
    lines.push(
      '',
      PYTHON.comment(
        "scikit-learn has no relaxed lasso (glmnet's relax = TRUE: each λ's active set refitted without penalty, blended by γ); the R code reproduces it.",
      ),
    );
  if (Object.values(s.penaltyFactor).some((v) => v !== 1)) {
    lines.push(
      '# Note: Shrinkage used penalty factors, which scikit-learn has no option for; results will differ.',
    );
  }
  if (limitsOf(result) && !sklearn.positive) {
    lines.push(
      '# Note: Shrinkage bounded the coefficients (lower / upper limits), which this scikit-learn code cannot reproduce (only non-negative linear regression, positive=True, can be); results will differ. The R code reproduces them.',
    );
  }
  return lines.join('\n');
}

export function pysparkCode(result: AnalysisResult, { index, dataPath }: ReproduceOptions): string {
  const s = result.settings;
  const categorical = categoricalFeatures(result);
  const numeric = s.features.filter((f) => !categorical.includes(f));
  const spark = describeFamily(s.family).reproduce.spark(reproduceContext(result, index));
  // Spark's helper columns, numbered (no user text in them), never equal to a column used.
  const taken = new Set([...usedColumns(result), 'features', 'shrinkage_label']);
  const helper = (name: string) => {
    const unique = uniqueName(name, taken);
    taken.add(unique);
    return unique;
  };
  // A two-level feature coded as one dummy is its StringIndexer index (alphabetAsc: 0 for the
  // reference, 1 for the other level); only the others are one-hot encoded.
  const dummies = new Set(singleDummies(result).map((c) => c.feature));
  const encoded = categorical.filter((f) => !dummies.has(f));
  const indexed = categorical.map((_, k) => helper(`shrinkage_index_${k}`));
  const dummyIndexed = indexed.filter((_, k) => dummies.has(categorical[k]!));
  const encodedIndexed = indexed.filter((_, k) => !dummies.has(categorical[k]!));
  const onehot = encoded.map((_, k) => helper(`shrinkage_onehot_${k}`));
  const assembled = [
    pyList(numeric),
    ...(dummyIndexed.length > 0 ? [pyList(dummyIndexed)] : []),
    ...(encoded.length > 0 ? ['onehot'] : []),
  ].join(' + ');
  return [
    PYTHON.comment(
      `Shrinkage ${result.version}'s model on Spark, for data that outgrows one machine.`,
    ),
    ...spark.header,
    'from pyspark.sql import SparkSession',
    'from pyspark.ml import Pipeline',
    'from pyspark.ml.feature import OneHotEncoder, StringIndexer, VectorAssembler',
    ...spark.imports,
    '',
    'spark = SparkSession.builder.getOrCreate()',
    result.data.format === 'parquet'
      ? `d = spark.read.parquet(${py(dataPath)})`
      : `d = spark.read.csv(${py(dataPath)}, header=True, inferSchema=True)`,
    ...s.rows.map((f) => `d = d.filter(d[${py(f.column)}].cast("string") == ${py(f.value)})`),
    ...(s.testRows
      ? [`d = d.filter(d[${py(s.testRows.column)}].cast("string") != ${py(s.testRows.value)})`]
      : []),
    ...(s.testSplit
      ? [
          '# Note: Shrinkage held out a random share of the rows (listed in its R and Python code); this fits on every row.',
        ]
      : []),
    ...(s.missing === 'impute'
      ? [
          '# Note: this drops rows with a missing value; Shrinkage imputed missing features instead.',
        ]
      : []),
    `d = d.dropna(subset=${pyList(usedColumns(result))})`,
    '# Only the columns used: the helper columns below are named apart from these.',
    `d = d.select(${pyList(usedColumns(result))})`,
    ...(categorical.length > 0
      ? [
          `indexed = ${pyList(indexed)}`,
          `onehot = ${pyList(onehot)}`,
          // alphabetAsc orders levels as Shrinkage does (by UTF-16 code unit, Java's compareTo).
          `indexers = [StringIndexer(inputCol=c, outputCol=i, stringOrderType="alphabetAsc") for c, i in zip(${pyList(categorical)}, indexed)]`,
          encoded.length > 0
            ? `encoder = OneHotEncoder(inputCols=${pyList(encodedIndexed)}, outputCols=onehot, dropLast=False)`
            : 'encoder = None',
        ]
      : ['indexers, encoder = [], None']),
    ...spark.label,
    `assembler = VectorAssembler(inputCols=${assembled}, outputCol="features")`,
    ...spark.estimator,
    'stages = indexers + ([encoder] if encoder else []) + [assembler, lr]',
    'model = Pipeline(stages=stages).fit(d)',
    `names = ${pyList([...numeric, ...[...categorical.filter((f) => dummies.has(f)), ...encoded].flatMap((f) => levelColumnsOf(result, f).map((c) => c.name))])}  # Spark's order: numeric features, ${dummies.size > 0 ? 'two-level dummies, ' : ''}then levels`,
    'print(dict(zip(names, model.stages[-1].coefficients.toArray())), model.stages[-1].intercept)',
    ...(Object.values(s.penaltyFactor).some((v) => v !== 1)
      ? [
          '# Note: Shrinkage used penalty factors, which Spark has no option for; results will differ.',
        ]
      : []),
    ...(limitsOf(result)
      ? [
          '# Note: Shrinkage bounded the coefficients (lower / upper limits), which this Spark code does not reproduce; results will differ. The R code reproduces them.',
        ]
      : []),
  ].join('\n');
}
