/**
 * Code that reproduces a Shrinkage fit elsewhere, with the exact settings: R's glmnet (the
 * reference; equal to tolerance), scikit-learn (with the parameter translation below), and
 * PySpark MLlib for data that outgrows one machine.
 *
 * scikit-learn's ElasticNet minimizes (1/2n)·RSS + a·r·|w|₁ + (a/2)·(1−r)·|w|²; glmnet's
 * objective on standardized X is (1/2n)·RSS + λ·[α·|b|₁ + (1−α)/(2·s_y)·|b|²]. They agree when
 *   a = λ·(α + (1−α)/s_y)   and   r = α / (α + (1−α)/s_y),
 * with s_y the population sd of y (its root mean square without an intercept). r does not
 * depend on λ, so one enet_path call covers glmnet's whole λ sequence.
 */
import { designColumnsOf } from '../analysis/model';
import type { AnalysisResult } from '../analysis/result';
import { MISSING_MARKERS } from '../data/csv';
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

export function sklearnTranslation(lambda: number, alpha: number, yScale: number) {
  const weight = alpha + (1 - alpha) / yScale;
  return { alpha: lambda * weight, l1Ratio: alpha / weight };
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

function usedColumns(result: AnalysisResult): string[] {
  return [result.settings.target, ...result.settings.features];
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
    lines.push(`d <- d[!is.na(d[[${rString(s.target)}]]), ]`);
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
  lines.push(`y <- d[[${rString(s.target)}]]`);
  const args = [
    'family = "gaussian"',
    `alpha = ${num(s.alpha)}`,
    `standardize = ${s.standardize ? 'TRUE' : 'FALSE'}`,
    `intercept = ${s.intercept ? 'TRUE' : 'FALSE'}`,
    s.lambda ? `lambda = c(${s.lambda.map(num).join(', ')})` : `nlambda = ${num(s.nlambda)}`,
    ...(s.lambda || s.lambdaMinRatio === undefined
      ? []
      : [`lambda.min.ratio = ${num(s.lambdaMinRatio)}`]),
    `penalty.factor = c(${result.columns.map((c) => num(Object.hasOwn(s.penaltyFactor, c) ? s.penaltyFactor[c]! : 1)).join(', ')})`,
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
      `cvfit <- cv.glmnet(x, y, foldid = foldid, type.measure = ${rString(result.cv.measure)}, ${args.join(', ')})`,
    );
    if (s.missing === 'impute')
      lines.push(
        '# cv.glmnet sees features imputed from all training rows; Shrinkage let each fold learn its own, so the curves can differ slightly.',
      );
    lines.push('c(lambda.min = cvfit$lambda.min, lambda.1se = cvfit$lambda.1se)');
  }
  lines.push(`coef(fit, s = ${num(lambda)})  # the selected λ`);
  return lines.join('\n');
}

export function pythonCode(result: AnalysisResult, { index, dataPath }: ReproduceOptions): string {
  const s = result.settings;
  const yScale = result.standardization.yScale;
  const lambda = result.path.lambda[index]!;
  const { alpha, l1Ratio } = sklearnTranslation(lambda, s.alpha, yScale);
  const lines: string[] = [];
  lines.push(
    PYTHON.comment(
      `Reproduces Shrinkage ${result.version}: ${s.penalty} (glmnet alpha = ${num(s.alpha)}) predicting ${s.target}`,
    ),
  );
  lines.push(PYTHON.comment(`from ${result.data.file} (sha256 ${result.data.sha256}).`));
  lines.push('import numpy as np');
  lines.push('import pandas as pd');
  lines.push('from sklearn.linear_model import ElasticNet, enet_path');
  lines.push('from sklearn.preprocessing import StandardScaler');
  lines.push('');
  lines.push(
    `d = pd.read_csv(${py(dataPath)}, keep_default_na=False, na_values=${pyList(MISSING_MARKERS)})`,
  );
  for (const f of s.rows) lines.push(`d = d[d[${py(f.column)}].astype(str) == ${py(f.value)}]`);
  if (s.testRows) {
    lines.push(`test = d[d[${py(s.testRows.column)}].astype(str) == ${py(s.testRows.value)}]`);
    lines.push(`d = d[d[${py(s.testRows.column)}].astype(str) != ${py(s.testRows.value)}]`);
  }
  const categorical = categoricalFeatures(result);
  const numeric = s.features.filter((f) => !categorical.includes(f));
  if (s.missing === 'drop') lines.push(`d = d.dropna(subset=${pyList(usedColumns(result))})`);
  else {
    lines.push(`d = d[d[${py(s.target)}].notna()].copy()`);
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
  lines.push(
    `X = pd.get_dummies(d[${pyList(s.features)}], prefix_sep="=", dtype=float).reindex(columns=columns, fill_value=0.0).to_numpy()`,
  );
  lines.push(`y = d[${py(s.target)}].to_numpy(dtype=float)`);
  lines.push('');
  lines.push(
    '# glmnet (lambda, alpha) -> scikit-learn (alpha, l1_ratio) on standardized X. glmnet divides',
  );
  lines.push(
    '# the ridge part by s_y (the population sd of y; its root mean square without an intercept),',
  );
  lines.push('# so: alpha_sk = lambda * (a + (1 - a) / s_y), l1_ratio = a / (a + (1 - a) / s_y).');
  lines.push(`a = ${num(s.alpha)}`);
  lines.push(`s_y = ${num(yScale)}  # ${s.intercept ? 'np.std(y)' : 'np.sqrt(np.mean(y ** 2))'}`);
  lines.push(`lam = ${num(lambda)}  # the selected λ`);
  lines.push('weight = a + (1 - a) / s_y');
  if (s.standardize) {
    lines.push(
      `scaler = StandardScaler(with_mean=${s.intercept ? 'True' : 'False'}).fit(X)  # population sd, as glmnet`,
    );
    lines.push('Xs = scaler.transform(X)');
  } else {
    lines.push('Xs = X');
  }
  lines.push(
    `model = ElasticNet(alpha=lam * weight, l1_ratio=a / weight, fit_intercept=${s.intercept ? 'True' : 'False'}, tol=1e-12, max_iter=1_000_000).fit(Xs, y)`,
  );
  lines.push(`# here: alpha_sk = ${num(alpha)}, l1_ratio = ${num(l1Ratio)}`);
  lines.push(
    s.standardize
      ? 'beta = model.coef_ / scaler.scale_  # back to the original scale'
      : 'beta = model.coef_',
  );
  if (s.intercept)
    lines.push(`intercept = model.intercept_${s.standardize ? ' - scaler.mean_ @ beta' : ''}`);
  lines.push('print(dict(zip(columns, beta)))');
  lines.push('');
  lines.push("# The whole path at glmnet's λ sequence:");
  lines.push(`lambdas = np.array([${result.path.lambda.map(num).join(', ')}])`);
  lines.push(
    `alphas, coefs, _ = enet_path(Xs - Xs.mean(axis=0) if ${s.intercept ? 'True' : 'False'} else Xs, y - y.mean() if ${s.intercept ? 'True' : 'False'} else y, l1_ratio=a / weight, alphas=lambdas * weight, tol=1e-12, max_iter=1_000_000)`,
  );
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
  const lambda = result.path.lambda[index]!;
  return [
    PYTHON.comment(
      `Shrinkage ${result.version}'s model on Spark, for data that outgrows one machine.`,
    ),
    '# Spark standardizes the features and the label internally, so with standardization=True its',
    "# objective is glmnet's: regParam = λ and elasticNetParam = α. It uses the sample sd (n − 1)",
    '# and L-BFGS/OWL-QN, so expect agreement to about 1e-4 relative, not to the last digit.',
    'from pyspark.sql import SparkSession',
    'from pyspark.ml import Pipeline',
    'from pyspark.ml.feature import OneHotEncoder, StringIndexer, VectorAssembler',
    'from pyspark.ml.regression import LinearRegression',
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
    ...(categorical.length > 0
      ? [
          // alphabetAsc orders levels as Shrinkage does (by UTF-16 code unit, Java's compareTo).
          `indexers = [StringIndexer(inputCol=c, outputCol=c + "_index", stringOrderType="alphabetAsc") for c in ${pyList(categorical)}]`,
          `encoder = OneHotEncoder(inputCols=[c + "_index" for c in ${pyList(categorical)}], outputCols=[c + "_onehot" for c in ${pyList(categorical)}], dropLast=False)`,
        ]
      : ['indexers, encoder = [], None']),
    `assembler = VectorAssembler(inputCols=${pyList(numeric)}${categorical.length ? ` + [c + "_onehot" for c in ${pyList(categorical)}]` : ''}, outputCol="features")`,
    `lr = LinearRegression(featuresCol="features", labelCol=${py(s.target)}, regParam=${num(lambda)}, elasticNetParam=${num(s.alpha)},`,
    `                      standardization=${s.standardize ? 'True' : 'False'}, fitIntercept=${s.intercept ? 'True' : 'False'}, maxIter=1000, tol=1e-10)`,
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
