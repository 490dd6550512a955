/**
 * The scikit-learn lines the logistic and Poisson translations share: the response coded from
 * the data frame, and the design standardized as glmnet standardizes it (weighted mean and
 * weighted population sd when there are observation weights), with the coefficients taken
 * back to the original scale.
 */
import type { ReproduceContext } from './descriptor';

/** `scaler = …; Xs = …` (or `Xs = X` without standardization). */
export function sklearnStandardize(c: ReproduceContext): string[] {
  if (!c.standardize) return ['Xs = X'];
  const withMean = c.intercept ? 'True' : 'False';
  return [
    c.weights
      ? `scaler = StandardScaler(with_mean=${withMean}).fit(X, sample_weight=w)  # weighted mean and population sd, as glmnet`
      : `scaler = StandardScaler(with_mean=${withMean}).fit(X)  # population sd, as glmnet`,
    'Xs = scaler.transform(X)',
  ];
}

/** `beta = …`, `intercept = …` on the original scale, and the printout. */
export function sklearnCoefficients(c: ReproduceContext): string[] {
  return [
    c.standardize
      ? 'beta = model.coef_.ravel() / scaler.scale_  # back to the original scale'
      : 'beta = model.coef_.ravel()',
    `intercept = ${c.intercept ? `float(np.ravel(model.intercept_)[0])${c.standardize ? ' - scaler.mean_ @ beta' : ''}` : '0.0'}`,
    'print(dict(zip(columns, beta)), intercept)',
  ];
}

/** `, sample_weight=w` when the fit had observation weights. */
export const sampleWeight = (c: ReproduceContext) => (c.weights ? ', sample_weight=w' : '');
