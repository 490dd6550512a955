/**
 * Logistic regression (glmnet's binomial family) for people: its measures, test metrics,
 * objective and how other tools fit it (reproduce pieces in ./binomialReproduce.ts).
 */
import { binomial as solver } from '../../solver/families/binomial';
import { binomialReproduce } from './binomialReproduce';
import type { FamilyDescriptor } from './descriptor';
import { scoreWithMeasures } from './glmScore';

export const binomial: FamilyDescriptor = {
  name: 'binomial',
  label: 'Logistic regression (binomial)',
  targetKind: 'binary',
  solver,
  measures: [
    { id: 'deviance', label: 'Binomial deviance' },
    { id: 'class', label: 'Misclassification rate' },
    { id: 'auc', label: 'AUC (area under the ROC curve)' },
    { id: 'mse', label: 'Mean squared error of the probabilities' },
    { id: 'mae', label: 'Mean absolute error of the probabilities' },
  ],
  testMetrics: [
    { key: 'deviance', label: 'Deviance', digits: 4, headline: true },
    { key: 'auc', label: 'AUC', digits: 3, headline: true },
    { key: 'class', label: 'Misclassification', digits: 3, headline: false },
    { key: 'mse', label: 'MSE', digits: 4, headline: false },
    { key: 'mae', label: 'MAE', digits: 4, headline: false },
  ],
  score: (y, predictions, l, weights) =>
    scoreWithMeasures(
      solver,
      ['deviance', 'auc', 'class', 'mse', 'mae'],
      y,
      predictions,
      l,
      weights,
    ),
  objective: ({ weightsOrOffset }) =>
    `The objective (glmnet's, binomial): −(1/n)·Σ[y·η − log(1 + e^η)] + λ·Σ pf_j·[α·|β_j| + (1 − α)/2·β_j²], η = a0 + xᵀβ, y = 1 for the modelled class, features standardized to unit population sd; the ridge part is not divided by any scale of y. Probabilities within 1e-9 of 0 or 1 are held there, as glmnet does.${weightsOrOffset ? ' With observation weights w and an offset o: −Σ w_i·[y_i·η_i − log(1 + e^{η_i})] / Σ w_i with η_i = a0 + x_iᵀβ + o_i, standardized with the weighted mean and sd (w normalized to sum to 1).' : ''} The CV measures (deviance, misclassification at 0.5, AUC, and the squared and absolute errors of the probabilities) are computed as cv.glmnet does.`,
  reproduce: binomialReproduce,
};
