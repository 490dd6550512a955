/**
 * Code that reproduces a Shrinkage fit elsewhere, with the exact settings: R's glmnet (the
 * reference; equal to tolerance), scikit-learn (with the parameter translation below), and
 * PySpark MLlib for data that outgrows one machine.
 *
 * The family's own pieces (glmnet's family and type.measure, the scikit-learn model and its
 * equivalence, the Spark estimator) come from its descriptor (shared/analysis/families); here
 * is what every family shares: reading, filtering, imputing and coding the data.
 */
import { describeFamily } from '../analysis/families';
import type { ReproduceContext } from '../analysis/families/descriptor';
import { designColumnsOf } from '../analysis/model';
import type { AnalysisResult } from '../analysis/result';
import { MISSING_MARKERS } from '../data/csv';
import { uniqueName } from '../data/names';
import { numberLiteral, PYTHON, R } from './codeLiterals';

export interface ReproduceOptions {
  /** λ index of the coefficients to print. */
  index: number;
  /** How the CSV file is referred to in the code. */
  dataPath: string;
}

// Every user string goes in through R.string / PYTHON.string (quoted and escaped), every user
// text in a comment through .comment, every number through num: nothing else is interpolated.
const rString = R.string;
const rStrings = R.strings;
const py = PYTHON.string;
const pyList = PYTHON.strings;
const num = numberLiteral;

/** Features that were one-hot coded (read from the design column records, not their names). */
export function categoricalFeatures(result: AnalysisResult): string[] {
  const columns = designColumnsOf(result);
  return result.settings.features.filter((f) =>
    columns.some((c) => c.feature === f && c.kind === 'level'),
  );
}

export { sklearnTranslation } from '../analysis/families/gaussian';

/** What a family's reproduce pieces need of a result at the λ index `index`. */
function reproduceContext(result: AnalysisResult, index: number): ReproduceContext {
  const s = result.settings;
  const { weights, offset } = weightAndOffset(result);
  return {
    alpha: s.alpha,
    lambda: result.path.lambda[index]!,
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

function levelsOf(result: AnalysisResult, feature: string): string[] {
  return levelColumnsOf(result, feature).map((c) => c.level);
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

export function rCode(result: AnalysisResult, { index, dataPath }: ReproduceOptions): string {
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
  lines.push(`d <- read.csv(${rString(dataPath)}, check.names = FALSE, stringsAsFactors = TRUE,`);
  lines.push(`              na.strings = ${rStrings(MISSING_MARKERS)})`);
  lines.push(...rRestoreNames(result));
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
  const features = rStrings(s.features);
  lines.push(
    categorical.length > 0
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
  const args = [
    `family = ${rString(family.reproduce.rFamily)}`,
    ...(weights ? ['weights = w'] : []),
    ...(offset ? ['offset = o'] : []),
    `alpha = ${num(s.alpha)}`,
    `standardize = ${s.standardize ? 'TRUE' : 'FALSE'}`,
    `intercept = ${s.intercept ? 'TRUE' : 'FALSE'}`,
    s.lambda ? `lambda = c(${s.lambda.map(num).join(', ')})` : `nlambda = ${num(s.nlambda)}`,
    ...(s.lambda || s.lambdaMinRatio === undefined
      ? []
      : [`lambda.min.ratio = ${num(s.lambdaMinRatio)}`]),
    `penalty.factor = c(${[...result.columns.map((c) => num(Object.hasOwn(s.penaltyFactor, c) ? s.penaltyFactor[c]! : 1)), ...(padded ? ['1'] : [])].join(', ')})`,
    `thresh = ${num(s.thresh)}`,
    `maxit = ${num(s.maxIter)}`,
  ];
  lines.push(`fit <- glmnet(x, y, ${args.join(', ')})`);
  const lambda = result.path.lambda[index]!;
  if (result.cv) {
    lines.push(
      `foldid <- c(${result.cv.foldid.map(num).join(', ')})  # Shrinkage's folds, one per row used`,
    );
    lines.push(
      `cvfit <- cv.glmnet(x, y, foldid = foldid, type.measure = ${rString(family.reproduce.rTypeMeasure(result.cv.measure))}, ${args.join(', ')}, keep = TRUE)`,
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
  }
  lines.push(
    padded
      ? `coef(fit, s = ${num(lambda)})[1:2, , drop = FALSE]  # the selected λ (without the padding column)`
      : `coef(fit, s = ${num(lambda)})  # the selected λ`,
  );
  if (offset)
    lines.push(
      `head(predict(fit, newx = x, s = ${num(lambda)}, newoffset = o))  # predictions add each row's offset`,
    );
  return lines.join('\n');
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

export function pythonCode(result: AnalysisResult, { index, dataPath }: ReproduceOptions): string {
  const s = result.settings;
  const sklearn = describeFamily(s.family).reproduce.sklearn(reproduceContext(result, index));
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
  // Categorical features read as text, as Shrinkage reads them (never pandas' True/False or numbers).
  const asText = categorical.map((f) => `${py(f)}: str`).join(', ');
  lines.push(
    `d = pd.read_csv(${py(dataPath)}, keep_default_na=False, na_values=${pyList(MISSING_MARKERS)}${categorical.length > 0 ? `, dtype={${asText}}` : ''})`,
  );
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
  if (Object.values(s.penaltyFactor).some((v) => v !== 1)) {
    lines.push(
      '# Note: Shrinkage used penalty factors, which scikit-learn has no option for; results will differ.',
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
  const indexed = categorical.map((_, k) => helper(`shrinkage_index_${k}`));
  const onehot = categorical.map((_, k) => helper(`shrinkage_onehot_${k}`));
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
    `d = spark.read.csv(${py(dataPath)}, header=True, inferSchema=True)`,
    ...s.rows.map((f) => `d = d.filter(d[${py(f.column)}].cast("string") == ${py(f.value)})`),
    ...(s.testRows
      ? [`d = d.filter(d[${py(s.testRows.column)}].cast("string") != ${py(s.testRows.value)})`]
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
          'encoder = OneHotEncoder(inputCols=indexed, outputCols=onehot, dropLast=False)',
        ]
      : ['indexers, encoder = [], None']),
    ...spark.label,
    `assembler = VectorAssembler(inputCols=${pyList(numeric)}${categorical.length ? ' + onehot' : ''}, outputCol="features")`,
    ...spark.estimator,
    'stages = indexers + ([encoder] if encoder else []) + [assembler, lr]',
    'model = Pipeline(stages=stages).fit(d)',
    `names = ${pyList([...numeric, ...categorical.flatMap((f) => levelColumnsOf(result, f).map((c) => c.name))])}  # Spark's order: numeric features, then levels`,
    'print(dict(zip(names, model.stages[-1].coefficients.toArray())), model.stages[-1].intercept)',
    ...(Object.values(s.penaltyFactor).some((v) => v !== 1)
      ? [
          '# Note: Shrinkage used penalty factors, which Spark has no option for; results will differ.',
        ]
      : []),
  ].join('\n');
}
