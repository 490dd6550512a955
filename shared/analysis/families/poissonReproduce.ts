/**
 * How glmnet, scikit-learn and Spark spell a Poisson fit (the poisson descriptor's
 * reproduce pieces). FIRST DRAFT: R pieces only; scikit-learn and Spark to be completed.
 */
import type { FamilyDescriptor } from './descriptor';

export const poissonReproduce: FamilyDescriptor['reproduce'] = {
  rFamily: 'poisson',
  rTypeMeasure: (measure) => measure,
  sklearn: () => ({
    imports: [],
    response: 'y = None  # Poisson regression: not yet translated',
    model: ['# scikit-learn translation of the Poisson fit: not written yet.'],
  }),
  spark: () => ({
    header: ['# Spark translation of the Poisson fit: not written yet.'],
    imports: [],
    label: [],
    estimator: ['lr = None'],
  }),
};
