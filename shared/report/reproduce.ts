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
 *
 * Observation weights w and an offset o (gaussian): glmnet minimizes
 * (1/2)·Σ w_i·(y_i − o_i − a0 − x_iᵀb)² / Σ w_i + penalty, with x standardized by the weighted
 * mean and weighted population sd (w normalized to sum to 1) and s_y the weighted sd of y − o.
 * scikit-learn's ElasticNet.fit(X, y − o, sample_weight=w) minimizes exactly that weighted
 * mean of squares (it rescales w to sum to n), and StandardScaler.fit(X, sample_weight=w)
 * standardizes as glmnet does; so the same translation of (λ, α) gives the same coefficients.
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
  lines.push(`y <- d[[${rString(s.target)}]]`);
  const { weights, offset } = weightAndOffset(result);
  if (weights) lines.push(`w <- d[[${rString(weights)}]]  # observation weights`);
  if (offset) lines.push(`o <- d[[${rString(offset)}]]  # offset, added to the linear predictor`);
  const args = [
    'family = "gaussian"',
    ...(weights ? ['weights = w'] : []),
    ...(offset ? ['offset = o'] : []),
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
  if (offset)
    lines.push(
      `head(predict(fit, newx = x, s = ${num(lambda)}, newoffset = o))  # predictions add each row's offset`,
    );
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
  lines.push(
    `X = pd.get_dummies(d[${pyList(s.features)}], prefix_sep="=", dtype=float).reindex(columns=columns, fill_value=0.0).to_numpy()`,
  );
  const { weights, offset } = weightAndOffset(result);
  // glmnet's offset is a known part of the prediction: for gaussian, fitting y − offset.
  lines.push(
    `y = d[${py(s.target)}].to_numpy(dtype=float)${offset ? ` - d[${py(offset)}].to_numpy(dtype=float)  # y minus the offset` : ''}`,
  );
  if (weights) lines.push(`w = d[${py(weights)}].to_numpy(dtype=float)  # observation weights`);
  lines.push('');
  lines.push(
    '# glmnet (lambda, alpha) -> scikit-learn (alpha, l1_ratio) on standardized X. glmnet divides',
  );
  lines.push(
    '# the ridge part by s_y (the population sd of y; its root mean square without an intercept),',
  );
  lines.push('# so: alpha_sk = lambda * (a + (1 - a) / s_y), l1_ratio = a / (a + (1 - a) / s_y).');
  lines.push(`a = ${num(s.alpha)}`);
  const sdOfY = weights
    ? s.intercept
      ? 'np.sqrt(np.average((y - np.average(y, weights=w)) ** 2, weights=w))'
      : 'np.sqrt(np.average(y ** 2, weights=w))'
    : s.intercept
      ? 'np.std(y)'
      : 'np.sqrt(np.mean(y ** 2))';
  lines.push(`s_y = ${num(yScale)}  # ${sdOfY}`);
  lines.push(`lam = ${num(lambda)}  # the selected λ`);
  lines.push('weight = a + (1 - a) / s_y');
  if (s.standardize) {
    lines.push(
      weights
        ? `scaler = StandardScaler(with_mean=${s.intercept ? 'True' : 'False'}).fit(X, sample_weight=w)  # weighted mean and population sd, as glmnet`
        : `scaler = StandardScaler(with_mean=${s.intercept ? 'True' : 'False'}).fit(X)  # population sd, as glmnet`,
    );
    lines.push('Xs = scaler.transform(X)');
  } else {
    lines.push('Xs = X');
  }
  lines.push(
    `model = ElasticNet(alpha=lam * weight, l1_ratio=a / weight, fit_intercept=${s.intercept ? 'True' : 'False'}, tol=1e-12, max_iter=1_000_000).fit(Xs, y${weights ? ', sample_weight=w' : ''})`,
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
  const intercept = s.intercept ? 'True' : 'False';
  if (weights) {
    // enet_path takes no sample_weight: centring with w and scaling row i by √(w_i / mean w)
    // turns its plain mean of squares into the weighted one.
    lines.push('rows = np.sqrt(w / w.mean())  # enet_path has no sample_weight: scale the rows');
    lines.push(
      `alphas, coefs, _ = enet_path((Xs - np.average(Xs, axis=0, weights=w) if ${intercept} else Xs) * rows[:, None], (y - np.average(y, weights=w) if ${intercept} else y) * rows, l1_ratio=a / weight, alphas=lambdas * weight, tol=1e-12, max_iter=1_000_000)`,
    );
  } else {
    lines.push(
      `alphas, coefs, _ = enet_path(Xs - Xs.mean(axis=0) if ${intercept} else Xs, y - y.mean() if ${intercept} else y, l1_ratio=a / weight, alphas=lambdas * weight, tol=1e-12, max_iter=1_000_000)`,
    );
  }
  if (offset)
    lines.push(`# Predictions add the offset back: model.predict(Xs_new) + d_new[${py(offset)}].`);
  if (Object.values(s.penaltyFactor).some((v) => v !== 1)) {
    lines.push(
      '# Note: Shrinkage used penalty factors, which scikit-learn has no option for; results will differ.',
    );
  }
  return lines.join('\n');
}

export function pysparkCode(result: AnalysisResult, { index, dataPath }: ReproduceOptions): string {
  const s = result.settings;
  const { weights, offset } = weightAndOffset(result);
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
    ...(offset
      ? [
          '# Spark has no offset: fit y − offset (the same for gaussian) and add it back to predictions.',
          `d = d.withColumn("shrinkage_label", d[${py(s.target)}] - d[${py(offset)}])`,
        ]
      : []),
    `assembler = VectorAssembler(inputCols=${pyList(numeric)}${categorical.length ? ` + [c + "_onehot" for c in ${pyList(categorical)}]` : ''}, outputCol="features")`,
    `lr = LinearRegression(featuresCol="features", labelCol=${offset ? '"shrinkage_label"' : py(s.target)},${weights ? ` weightCol=${py(weights)},` : ''} regParam=${num(lambda)}, elasticNetParam=${num(s.alpha)},`,
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
