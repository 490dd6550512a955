/**
 * Linear regression (glmnet's gaussian family) for people: its measures, test metrics,
 * objective and how other tools fit it.
 *
 * scikit-learn's ElasticNet minimizes (1/2n)·RSS + a·r·|w|₁ + (a/2)·(1−r)·|w|²; glmnet's
 * objective on standardized X is (1/2n)·RSS + λ·[α·|b|₁ + (1−α)/(2·s_y)·|b|²]. They agree when
 *   a = λ·(α + (1−α)/s_y)   and   r = α / (α + (1−α)/s_y),
 * with s_y the population sd of y (its root mean square without an intercept). r does not
 * depend on λ, so one enet_path call covers glmnet's whole λ sequence.
 *
 * Observation weights w and an offset o: glmnet minimizes
 * (1/2)·Σ w_i·(y_i − o_i − a0 − x_iᵀb)² / Σ w_i + penalty, with x standardized by the weighted
 * mean and weighted population sd (w normalized to sum to 1) and s_y the weighted sd of y − o.
 * scikit-learn's ElasticNet.fit(X, y − o, sample_weight=w) minimizes exactly that weighted
 * mean of squares (it rescales w to sum to n), and StandardScaler.fit(X, sample_weight=w)
 * standardizes as glmnet does; so the same translation of (λ, α) gives the same coefficients.
 */
import { gaussian as solver } from '../../solver/families/gaussian';
import { metricsAt } from '../../solver/metrics';
import type { FamilyDescriptor } from './descriptor';

export function sklearnTranslation(lambda: number, alpha: number, yScale: number) {
  const weight = alpha + (1 - alpha) / yScale;
  return { alpha: lambda * weight, l1Ratio: alpha / weight };
}

export const gaussian: FamilyDescriptor = {
  name: 'gaussian',
  label: 'Linear regression (gaussian)',
  targetKind: 'numeric',
  solver,
  measures: [
    { id: 'mse', label: 'Mean squared error' },
    { id: 'mae', label: 'Mean absolute error' },
  ],
  testMetrics: [
    { key: 'mse', label: 'MSE', digits: 4, headline: true },
    { key: 'mae', label: 'MAE', digits: 4, headline: false },
    { key: 'r2', label: 'R²', digits: 3, headline: true },
  ],
  score: (y, predictions, l, weights) => metricsAt(y, predictions, l, weights),
  objective: ({ weightsOrOffset }) =>
    `The objective (glmnet's, gaussian): (1/2n)·Σ(y − a0 − xᵀβ)² + λ·Σ pf_j·[α·|β_j| + (1 − α)/(2·s_y)·β_j²], features standardized to unit population sd, s_y the population sd of y.${weightsOrOffset ? ' With observation weights w and an offset o: (1/2)·Σ w_i·(y_i − o_i − a0 − x_iᵀβ)² / Σ w_i, standardized with the weighted mean and sd (w normalized to sum to 1), s_y the weighted sd of y − o; predictions add each row’s offset.' : ''} scikit-learn's <code>alpha</code> and <code>l1_ratio</code> differ: the Python code translates them.`,
  reproduce: {
    rFamily: 'gaussian',
    rTypeMeasure: (measure) => measure,
    rResponse: ({ r, target }) => `y <- d[[${r(target)}]]`,
    sklearn(c) {
      const { alpha, l1Ratio } = sklearnTranslation(c.lambda, c.alpha, c.yScale);
      const { num, py, weights, offset } = c;
      const lines: string[] = [];
      lines.push('');
      lines.push(
        '# glmnet (lambda, alpha) -> scikit-learn (alpha, l1_ratio) on standardized X. glmnet divides',
      );
      lines.push(
        '# the ridge part by s_y (the population sd of y; its root mean square without an intercept),',
      );
      lines.push(
        '# so: alpha_sk = lambda * (a + (1 - a) / s_y), l1_ratio = a / (a + (1 - a) / s_y).',
      );
      lines.push(`a = ${num(c.alpha)}`);
      const sdOfY = weights
        ? c.intercept
          ? 'np.sqrt(np.average((y - np.average(y, weights=w)) ** 2, weights=w))'
          : 'np.sqrt(np.average(y ** 2, weights=w))'
        : c.intercept
          ? 'np.std(y)'
          : 'np.sqrt(np.mean(y ** 2))';
      lines.push(`s_y = ${num(c.yScale)}  # ${sdOfY}`);
      lines.push(`lam = ${num(c.lambda)}  # the selected λ`);
      lines.push('weight = a + (1 - a) / s_y');
      if (c.standardize) {
        lines.push(
          weights
            ? `scaler = StandardScaler(with_mean=${c.intercept ? 'True' : 'False'}).fit(X, sample_weight=w)  # weighted mean and population sd, as glmnet`
            : `scaler = StandardScaler(with_mean=${c.intercept ? 'True' : 'False'}).fit(X)  # population sd, as glmnet`,
        );
        lines.push('Xs = scaler.transform(X)');
      } else {
        lines.push('Xs = X');
      }
      lines.push(
        `model = ElasticNet(alpha=lam * weight, l1_ratio=a / weight, fit_intercept=${c.intercept ? 'True' : 'False'}${c.positive ? ', positive=True' : ''}, tol=1e-12, max_iter=1_000_000).fit(Xs, y${weights ? ', sample_weight=w' : ''})`,
      );
      lines.push(`# here: alpha_sk = ${num(alpha)}, l1_ratio = ${num(l1Ratio)}`);
      lines.push(
        c.standardize
          ? 'beta = model.coef_ / scaler.scale_  # back to the original scale'
          : 'beta = model.coef_',
      );
      if (c.intercept)
        lines.push(`intercept = model.intercept_${c.standardize ? ' - scaler.mean_ @ beta' : ''}`);
      lines.push('print(dict(zip(columns, beta)))');
      lines.push('');
      lines.push("# The whole path at glmnet's λ sequence:");
      lines.push(`lambdas = np.array([${c.lambdas.map(num).join(', ')}])`);
      // The centring is decided here, so the snippet carries no `if True else`.
      if (weights) {
        // enet_path takes no sample_weight: centring with w and scaling row i by √(w_i / mean w)
        // turns its plain mean of squares into the weighted one.
        lines.push(
          'rows = np.sqrt(w / w.mean())  # enet_path has no sample_weight: scale the rows',
        );
        lines.push(
          `alphas, coefs, _ = enet_path(${c.intercept ? '(Xs - np.average(Xs, axis=0, weights=w))' : 'Xs'} * rows[:, None], ${c.intercept ? '(y - np.average(y, weights=w))' : 'y'} * rows, l1_ratio=a / weight, alphas=lambdas * weight${c.positive ? ', positive=True' : ''}, tol=1e-12, max_iter=1_000_000)`,
        );
      } else {
        lines.push(
          `alphas, coefs, _ = enet_path(${c.intercept ? 'Xs - Xs.mean(axis=0), y - y.mean()' : 'Xs, y'}, l1_ratio=a / weight, alphas=lambdas * weight${c.positive ? ', positive=True' : ''}, tol=1e-12, max_iter=1_000_000)`,
        );
      }
      if (offset)
        lines.push(
          `# Predictions add the offset back: model.predict(Xs_new) + d_new[${py(offset)}].`,
        );
      return {
        imports: [
          'from sklearn.linear_model import ElasticNet, enet_path',
          'from sklearn.preprocessing import StandardScaler',
        ],
        // glmnet's offset is a known part of the prediction: for gaussian, fitting y − offset.
        positive: c.positive === true,
        response: `y = d[${py(c.target)}].to_numpy(dtype=float)${offset ? ` - d[${py(offset)}].to_numpy(dtype=float)  # y minus the offset` : ''}`,
        model: lines,
      };
    },
    spark({ num, py, target, weights, offset, lambda, alpha, standardize, intercept }) {
      return {
        header: [
          '# Spark standardizes the features and the label internally, so with standardization=True its',
          "# objective is glmnet's: regParam = λ and elasticNetParam = α. It solves by OWL-QN to its tol,",
          '# so expect agreement to about 1e-6 relative (Shrinkage checks this code in Spark), not to the last digit.',
        ],
        imports: ['from pyspark.ml.regression import LinearRegression'],
        label: offset
          ? [
              '# Spark has no offset: fit y − offset (the same for gaussian) and add it back to predictions.',
              `d = d.withColumn("shrinkage_label", d[${py(target)}] - d[${py(offset)}])`,
            ]
          : [],
        estimator: [
          `lr = LinearRegression(featuresCol="features", labelCol=${offset ? '"shrinkage_label"' : py(target)},${weights ? ` weightCol=${py(weights)},` : ''} regParam=${num(lambda)}, elasticNetParam=${num(alpha)},`,
          `                      standardization=${standardize ? 'True' : 'False'}, fitIntercept=${intercept ? 'True' : 'False'}, maxIter=1000, tol=1e-10)`,
        ],
      };
    },
  },
};
