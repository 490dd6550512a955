/**
 * Everything a user chooses for one analysis, in one plain, serializable object. The CLI,
 * the IPC API and saved projects all speak this shape; its one definition (with its limits)
 * is the schema in ./schema.ts. Here: the defaults and the penalty names.
 */
import { DEFAULT_FAMILY, defaultMeasure } from './families';
import type { AnalysisSettings, CvSettings, StabilitySettings } from './schema';

export type { AnalysisSettings, CvSettings, StabilitySettings } from './schema';

/** Cross-validation's defaults, with the default family's default measure. */
export const DEFAULT_CV: CvSettings = {
  nfolds: 10,
  seed: 1,
  measure: defaultMeasure(DEFAULT_FAMILY),
};

/**
 * Stability selection's defaults: 50 complementary pairs (100 subsamples), π = 0.6 (the low
 * end of Meinshausen & Bühlmann's 0.6 … 0.9, where the bound is loosest but most is selected).
 */
export const DEFAULT_STABILITY: StabilitySettings = { pairs: 50, threshold: 0.6, seed: 1 };

/** The random hold-out's own seed when none is given (its own, so changing the folds' seed
 * never changes the test set). */
export const DEFAULT_TEST_SEED = 1;

export type PenaltyName = 'lasso' | 'ridge' | 'elastic-net';

export const PENALTY_ALPHA: Record<PenaltyName, number> = {
  lasso: 1,
  ridge: 0,
  'elastic-net': 0.5,
};

export const DEFAULT_SETTINGS: Omit<AnalysisSettings, 'target'> = {
  family: DEFAULT_FAMILY,
  positiveClass: null,
  exclude: [],
  rows: [],
  alpha: 1,
  standardize: true,
  intercept: true,
  nlambda: 100,
  penaltyFactor: {},
  thresh: 1e-7,
  maxIter: 100_000,
  missing: 'drop',
  maxLevels: 50,
  twoLevelCoding: 'single',
};

/** The name users know for an α: lasso, ridge or elastic net. */
export function penaltyName(alpha: number): PenaltyName {
  if (alpha === 1) return 'lasso';
  if (alpha === 0) return 'ridge';
  return 'elastic-net';
}
