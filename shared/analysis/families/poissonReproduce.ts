/**
 * How glmnet, scikit-learn and Spark spell a Poisson fit (the poisson descriptor's reproduce
 * pieces).
 *
 * glmnet (poisson, log link) on standardized X minimizes
 *   −(1/W)·Σ w_i·[y_i·η_i − e^η_i] + λ·[α·|b|₁ + (1 − α)/2·|b|²],   W = Σ w_i, η_i = a0 + x_iᵀb + o_i.
 * scikit-learn's PoissonRegressor minimizes (1/(2W))·Σ w_i·dev_i + (α_sk/2)·|b|², and half the
 * Poisson deviance is y·log(y/μ) − y + μ = −(y·η − e^η) + a term free of b: for ridge (α = 0)
 * the two are the same with α_sk = λ. It has no L1 penalty and no offset, so a lasso, an
 * elastic net or an offset has no scikit-learn equivalent, and the code says so.
 *
 * Spark's GeneralizedLinearRegression(family="poisson", link="log") has an offsetCol and an L2
 * regParam only; it does not standardize the features, and it applies regParam inside its
 * IRLS working least-squares steps, so it is a ridge-type fit close to, not equal to, glmnet's.
 */
import type { FamilyDescriptor, ReproduceContext } from './descriptor';
import { sampleWeight, sklearnCoefficients, sklearnStandardize } from './glmReproduce';

/** Why scikit-learn cannot fit this Poisson model, or undefined when PoissonRegressor can. */
function noSklearnEquivalent(c: ReproduceContext): string | undefined {
  if (c.alpha !== 0)
    return `scikit-learn has no L1-penalized Poisson regression (PoissonRegressor is ridge only), so this fit (alpha = ${c.num(c.alpha)}) has no scikit-learn equivalent.`;
  if (c.offset)
    return 'PoissonRegressor takes no offset, so this fit (with an offset) has no scikit-learn equivalent.';
  return undefined;
}

export const poissonReproduce: FamilyDescriptor['reproduce'] = {
  rFamily: 'poisson',
  rTypeMeasure: (measure) => measure,
  rResponse: ({ r, target }) => `y <- d[[${r(target)}]]  # counts`,
  sklearn(c) {
    const response = `y = d[${c.py(c.target)}].to_numpy(dtype=float)  # counts`;
    const none = noSklearnEquivalent(c);
    if (none) return { imports: [], response, model: ['', `# Not equivalent: ${none}`] };
    return {
      imports: [
        'from sklearn.linear_model import PoissonRegressor',
        'from sklearn.preprocessing import StandardScaler',
      ],
      response,
      model: [
        '',
        '# glmnet (poisson, ridge) on standardized X: -(1/W)·Σ w·(y·η − e^η) + λ/2·|b|², W = Σ w.',
        '# PoissonRegressor: (1/(2W))·Σ w·deviance + (alpha/2)·|b|², and deviance/2 = −(y·η − e^η) + a',
        '# term free of b: the same fit with alpha = λ.',
        `lam = ${c.num(c.lambda)}  # the selected λ`,
        ...sklearnStandardize(c),
        `model = PoissonRegressor(alpha=lam, fit_intercept=${c.intercept ? 'True' : 'False'}, tol=1e-12, max_iter=100_000).fit(Xs, y${sampleWeight(c)})`,
        ...sklearnCoefficients(c),
      ],
    };
  },
  spark(c) {
    const { num, py, target, weights, offset } = c;
    return {
      header: [
        "# Spark's GeneralizedLinearRegression (poisson, log link) has an L2 regParam only" +
          (c.alpha === 0 ? '.' : `: it cannot fit this fit's L1 part (alpha = ${num(c.alpha)}).`),
        '# It does not standardize the features and applies regParam inside its IRLS working',
        "# least-squares steps: a ridge-type fit close to glmnet's, not equal to it.",
      ],
      imports: ['from pyspark.ml.regression import GeneralizedLinearRegression'],
      label: [],
      estimator: [
        `lr = GeneralizedLinearRegression(family="poisson", link="log", featuresCol="features", labelCol=${py(target)},${weights ? ` weightCol=${py(weights)},` : ''}${offset ? ` offsetCol=${py(offset)},` : ''}`,
        `                                 regParam=${num(c.lambda)}, fitIntercept=${c.intercept ? 'True' : 'False'}, maxIter=100, tol=1e-10)`,
      ],
    };
  },
};
