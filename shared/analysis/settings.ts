/**
 * Everything a user chooses for one analysis, in one plain, serializable object. The CLI,
 * the IPC API and saved projects all speak this shape.
 */
import type { MissingPolicy, RowFilter } from '../data/design';
import type { CvMeasure } from '../solver/cv';

export interface CvSettings {
  /** Number of folds for a seeded random partition (ignored when foldidColumn is set). */
  nfolds: number;
  /** Seed of the fold partition (mulberry32); the same seed gives the same folds everywhere. */
  seed: number;
  /** A column whose distinct values are the folds (overrides nfolds, as cv.glmnet's foldid). */
  foldidColumn?: string | undefined;
  measure: CvMeasure;
}

export const DEFAULT_CV: CvSettings = { nfolds: 10, seed: 1, measure: 'mse' };

export type PenaltyName = 'lasso' | 'ridge' | 'elastic-net';

export const PENALTY_ALPHA: Record<PenaltyName, number> = {
  lasso: 1,
  ridge: 0,
  'elastic-net': 0.5,
};

export interface AnalysisSettings {
  target: string;
  /** Omitted: every column except the target, the excluded and the row-filter columns. */
  features?: string[] | undefined;
  exclude: string[];
  /** Keep only rows matching every filter. */
  rows: RowFilter[];
  /** L1 ratio: 1 lasso, 0 ridge. */
  alpha: number;
  /** Several α to compare on the same folds (needs cv); the best (α, λ_min) is reported. */
  alphas?: number[] | undefined;
  /** Cross-validation; omitted for a plain path. */
  cv?: CvSettings | undefined;
  /** Rows to hold out from fitting and CV and score at the end. */
  testRows?: RowFilter | undefined;
  standardize: boolean;
  intercept: boolean;
  nlambda: number;
  /** Omitted: 1e-4 when n ≥ p, else 1e-2. */
  lambdaMinRatio?: number | undefined;
  /** Explicit λ sequence instead of the default grid. */
  lambda?: number[] | undefined;
  /** Penalty factor by design column (`feature` or `feature=level`) or by feature (all its columns); default 1. */
  penaltyFactor: Record<string, number>;
  thresh: number;
  maxIter: number;
  /** Drop rows with a missing feature (default) or impute them from the training rows. */
  missing: MissingPolicy;
  /** Largest number of levels a categorical feature may have. */
  maxLevels: number;
}

export const DEFAULT_SETTINGS: Omit<AnalysisSettings, 'target'> = {
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
};

/** The name users know for an α: lasso, ridge or elastic net. */
export function penaltyName(alpha: number): PenaltyName {
  if (alpha === 1) return 'lasso';
  if (alpha === 0) return 'ridge';
  return 'elastic-net';
}
