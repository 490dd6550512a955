/**
 * Poisson regression (glmnet's poisson family) for people: its measures, test metrics,
 * objective and how other tools fit it (reproduce pieces in ./poissonReproduce.ts).
 */
import { poisson as solver } from '../../solver/families/poisson';
import type { FamilyDescriptor } from './descriptor';
import { scoreWithMeasures } from './glmScore';
import { poissonReproduce } from './poissonReproduce';

export const poisson: FamilyDescriptor = {
  name: 'poisson',
  label: 'Poisson regression (counts)',
  targetKind: 'count',
  solver,
  measures: [
    { id: 'deviance', label: 'Poisson deviance' },
    { id: 'mse', label: 'Mean squared error of the counts' },
    { id: 'mae', label: 'Mean absolute error of the counts' },
  ],
  testMetrics: [
    { key: 'deviance', label: 'Deviance', digits: 4, headline: true },
    { key: 'mse', label: 'MSE', digits: 4, headline: true },
    { key: 'mae', label: 'MAE', digits: 4, headline: false },
  ],
  score: (y, predictions, l, weights) =>
    scoreWithMeasures(solver, ['deviance', 'mse', 'mae'], y, predictions, l, weights),
  objective: ({ weightsOrOffset }) =>
    `The objective (glmnet's, poisson): −(1/n)·Σ[y·η − e^η] + λ·Σ pf_j·[α·|β_j| + (1 − α)/2·β_j²], η = a0 + xᵀβ = log of the expected count, features standardized to unit population sd; the ridge part is not divided by any scale of y.${weightsOrOffset ? ' With observation weights w and an offset o (for example log exposure): −Σ w_i·[y_i·η_i − e^{η_i}] / Σ w_i with η_i = a0 + x_iᵀβ + o_i, standardized with the weighted mean and sd (w normalized to sum to 1); predictions add each row’s offset.' : ''}`,
  reproduce: poissonReproduce,
};
