/**
 * How glmnet, scikit-learn and Spark spell a logistic fit (the binomial descriptor's reproduce
 * pieces).
 *
 * glmnet (binomial) on standardized X minimizes
 *   −(1/W)·Σ w_i·[y_i·η_i − log(1 + e^η_i)] + λ·[α·|b|₁ + (1 − α)/2·|b|²],   W = Σ w_i,
 * (no scale of y in the ridge part, unlike gaussian). scikit-learn's LogisticRegression
 * minimizes C·Σ w_i·logloss_i + r·|b|₁ + (1 − r)/2·|b|² with logloss_i the same negative
 * log-likelihood term and sample_weight not normalized. Dividing glmnet's objective by λ gives
 * scikit-learn's with C = 1/(W·λ) and r = l1_ratio = α: the same minimizer, intercept unpenalized
 * in both (lbfgs and saga; liblinear would penalize it, so it is never used). Not equivalent:
 * an offset (LogisticRegression takes none) and penalty factors (reproduce.ts notes those).
 *
 * Spark's LogisticRegression minimizes (1/W)·Σ w_i·logloss_i + regParam·[α·|b|₁ + (1 − α)/2·|b|²]
 * on features scaled by their sd when standardization=True: glmnet's objective with
 * regParam = λ, elasticNetParam = α, except that Spark's sd is the sample sd (n − 1), which
 * scales the penalty by about n/(n − 1); it has no offset either.
 */
import type { FamilyDescriptor, ReproduceContext } from './descriptor';
import { sampleWeight, sklearnCoefficients, sklearnStandardize } from './glmReproduce';

/** The modelled class as an R, Python or Spark condition on the target. */
function isPositive(c: ReproduceContext) {
  const { r, py, target, positiveClass } = c;
  return positiveClass === undefined
    ? {
        r: `as.integer(d[[${r(target)}]] == 1)  # 0/1, 1 = the modelled class`,
        py: `(d[${py(target)}] == 1).to_numpy(dtype=float)  # 0/1, 1 = the modelled class`,
        spark: `(d[${py(target)}] == 1).cast("double")`,
      }
    : {
        r: `as.integer(as.character(d[[${r(target)}]]) == ${r(positiveClass)})  # 1 = the modelled class`,
        py: `(d[${py(target)}].astype(str) == ${py(positiveClass)}).to_numpy(dtype=float)  # 1 = the modelled class`,
        spark: `(d[${py(target)}].cast("string") == ${py(positiveClass)}).cast("double")`,
      };
}

/** The estimator: lbfgs for ridge, saga for the lasso and the elastic net (never liblinear). */
function logisticRegression(c: ReproduceContext): string {
  const common = `C=C, fit_intercept=${c.intercept ? 'True' : 'False'}, tol=1e-12, max_iter=1_000_000`;
  if (c.alpha === 0) return `LogisticRegression(penalty="l2", solver="lbfgs", ${common})`;
  if (c.alpha === 1) return `LogisticRegression(penalty="l1", solver="saga", ${common})`;
  return `LogisticRegression(penalty="elasticnet", solver="saga", l1_ratio=${c.num(c.alpha)}, ${common})`;
}

export const binomialReproduce: FamilyDescriptor['reproduce'] = {
  rFamily: 'binomial',
  rTypeMeasure: (measure) => measure,
  rResponse: (c) =>
    c.positiveClass === undefined
      ? `stopifnot(all(d[[${c.r(c.target)}]] %in% c(0, 1)))  # Shrinkage fitted it coded 0/1\ny <- ${isPositive(c).r}`
      : `y <- ${isPositive(c).r}`,
  sklearn(c) {
    const { num } = c;
    const model = [
      '',
      '# glmnet (binomial) on standardized X: -(1/W)·Σ w·loglik + λ·[α·|b|₁ + (1 − α)/2·|b|²], W = Σ w.',
      '# LogisticRegression: C·Σ w·logloss + l1_ratio·|b|₁ + (1 − l1_ratio)/2·|b|² (sample_weight not',
      '# normalized). Divided by λ, glmnet’s is scikit-learn’s with C = 1/(W·λ), l1_ratio = α: the same fit.',
      `lam = ${num(c.lambda)}  # the selected λ`,
      ...sklearnStandardize(c),
      `C = 1 / (${c.weights ? 'w.sum()' : 'len(y)'} * lam)`,
      `model = ${logisticRegression(c)}.fit(Xs, y${sampleWeight(c)})`,
      ...sklearnCoefficients(c),
    ];
    if (c.offset)
      model.push(
        '# Not equivalent: LogisticRegression takes no offset, so this fit leaves it out and differs from Shrinkage’s.',
      );
    return {
      imports: [
        'from sklearn.linear_model import LogisticRegression',
        'from sklearn.preprocessing import StandardScaler',
      ],
      response:
        c.positiveClass === undefined
          ? `assert d[${c.py(c.target)}].isin([0, 1]).all()  # Shrinkage fitted it coded 0/1\ny = ${isPositive(c).py}`
          : `y = ${isPositive(c).py}`,
      model,
    };
  },
  spark(c) {
    const { num, py, weights, offset } = c;
    return {
      header: [
        "# Spark's LogisticRegression minimizes (1/W)·Σ w·logloss + regParam·[α·|b|₁ + (1 − α)/2·|b|²] on",
        "# features scaled by their sd (standardization=True): glmnet's objective with regParam = λ and",
        '# elasticNetParam = α, but its sd is the sample sd (n − 1), so expect agreement to about 1/n relative.',
        ...(offset
          ? [
              '# Not equivalent: Spark’s LogisticRegression takes no offset; this fit leaves it out.',
            ]
          : []),
      ],
      imports: ['from pyspark.ml.classification import LogisticRegression'],
      label: [
        `d = d.withColumn("shrinkage_label", ${isPositive(c).spark})  # 1 = the modelled class`,
      ],
      estimator: [
        `lr = LogisticRegression(family="binomial", featuresCol="features", labelCol="shrinkage_label",${weights ? ` weightCol=${py(weights)},` : ''} regParam=${num(c.lambda)}, elasticNetParam=${num(c.alpha)},`,
        `                        standardization=${c.standardize ? 'True' : 'False'}, fitIntercept=${c.intercept ? 'True' : 'False'}, maxIter=1000, tol=1e-10)`,
      ],
    };
  },
};
