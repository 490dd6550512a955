/**
 * How glmnet, scikit-learn and Spark spell a logistic fit (the binomial descriptor's
 * reproduce pieces). FIRST DRAFT: R pieces only; scikit-learn and Spark to be completed.
 */
import type { FamilyDescriptor } from './descriptor';

export const binomialReproduce: FamilyDescriptor['reproduce'] = {
  rFamily: 'binomial',
  rTypeMeasure: (measure) => measure,
  sklearn: () => ({
    imports: [],
    response: 'y = None  # logistic regression: not yet translated',
    model: ['# scikit-learn translation of the logistic fit: not written yet.'],
  }),
  spark: () => ({
    header: ['# Spark translation of the logistic fit: not written yet.'],
    imports: [],
    label: [],
    estimator: ['lr = None'],
  }),
};
