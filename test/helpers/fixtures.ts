/**
 * Loads the R glmnet reference fits in test/fixtures/glmnet with their data, independently
 * of the product's CSV reader (these files are plain comma-separated numbers and labels).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { type AnalysisSettings, DEFAULT_SETTINGS } from '../../shared/analysis/settings';
import type { DesignMatrix } from '../../shared/solver';
import type { CvMeasure, FamilyName } from '../../shared/solver/family';

export const fixturesDir = fileURLToPath(new URL('../fixtures/', import.meta.url));
export const examplesDir = fileURLToPath(new URL('../../examples/', import.meta.url));

export interface GlmnetFixture {
  id: string;
  data: string;
  target: string;
  features: string[];
  rows: { column: string; value: string } | null;
  columns: string[];
  /** 'gaussian' when absent (older fixtures). */
  family?: 'gaussian' | 'binomial' | 'poisson';
  /** binomial: the target level modelled, P(y = positive_class). */
  positive_class?: string | number | null;
  alpha: number;
  standardize: boolean;
  intercept: boolean;
  thresh: number;
  penalty_factor: number[];
  /**
   * How two-level text features were coded: R's model.matrix with treatment contrasts, one 0/1
   * column (`single`), or glmnet's makeX, a column per level (`one-hot`, when absent).
   */
  two_level_coding?: 'single' | 'one-hot';
  /** The CSV column of observation weights / offset, or null (absent in older fixtures). */
  weights?: string | null;
  offset?: string | null;
  n: number;
  path: {
    lambda: number[];
    a0: number[];
    beta: number[][];
    df: number[];
    dev_ratio: number[];
    nulldev: number;
  };
  /** predict(fit, type = "response") for the first `rows` rows at the 0-based path indices. */
  predictions?: { rows: number; lambda_index: number[]; response: number[][] };
  cv?: {
    nfolds: number;
    foldid: number[];
    type_measure: string;
    lambda: number[];
    cvm: number[];
    cvsd: number[];
    nzero: number[];
    lambda_min: number;
    lambda_1se: number;
  };
}

export const fixtureIds = [
  'diabetes-lasso',
  'diabetes-ridge',
  'diabetes-enet-0.5',
  'prostate-train-lasso',
  'synthetic-enet-0.3-unstandardized',
  'synthetic-lasso-no-intercept',
  'synthetic-lasso-penalty-factor',
  // Generated here by test/fixtures/generate/extra-fixtures.R (same R glmnet 4.1.6).
  'synthetic-enet-0.5-no-intercept',
  'prostate-all-ridge-unstandardized',
] as const;

/**
 * Fixtures that use observation weights or an offset (R glmnet 4.1.6 with epsnr = 1e-14; see
 * glmnet/README.md); the CLI and API reproduce them with --weights / --offset.
 */
export const weightedFixtureIds = ['pima-gaussian-weights-enet-0.5'] as const;

/** Binomial and Poisson fits (R glmnet 4.1.6, thresh 1e-14, epsnr 1e-14; see glmnet/README.md). */
export const glmFixtureIds = [
  'pima-train-binomial-lasso',
  'pima-binomial-enet-0.5-auc',
  'pima-binomial-lasso-weights',
  'birthwt-binomial-lasso-unstandardized',
  'birthwt-binomial-ridge-class',
  'quine-poisson-lasso',
  'quine-poisson-enet-0.5-mse',
  // Two-level features as one 0/1 column (model.matrix, treatment contrasts), Shrinkage's
  // default: test/fixtures/generate/two-level-fixtures.R.
  'quine-poisson-lasso-two-level',
] as const;

export const solverFixtureIds = [...fixtureIds, ...weightedFixtureIds] as const;

export function loadFixture(id: string): GlmnetFixture {
  return JSON.parse(readFileSync(`${fixturesDir}glmnet/${id}.json`, 'utf8')) as GlmnetFixture;
}

export function fixtureDataPath(fixture: GlmnetFixture): string {
  return `${fixturesDir}data/${fixture.data}`;
}

/** The fixture's rows and columns as a column-major design matrix and target. */
export function fixtureProblem(fixture: GlmnetFixture): {
  design: DesignMatrix;
  y: Float64Array;
  weights?: Float64Array;
  offset?: Float64Array;
} {
  const lines = readFileSync(fixtureDataPath(fixture), 'utf8').trim().split(/\r?\n/);
  const header = lines[0]!.split(',');
  const records = lines.slice(1).map((line) => line.split(','));
  const kept = fixture.rows
    ? records.filter((r) => r[header.indexOf(fixture.rows!.column)] === fixture.rows!.value)
    : records;
  const n = kept.length;
  const p = fixture.columns.length;
  const values = new Float64Array(n * p);
  fixture.columns.forEach((name, j) => {
    const c = header.indexOf(name);
    if (c >= 0) {
      kept.forEach((r, i) => {
        values[j * n + i] = Number(r[c]);
      });
      return;
    }
    // A design column "feature=level": the indicator of that level (glmnet's makeX coding).
    const split = name.indexOf('=');
    const source = header.indexOf(name.slice(0, split));
    const level = name.slice(split + 1);
    kept.forEach((r, i) => {
      values[j * n + i] = r[source] === level ? 1 : 0;
    });
  });
  const t = header.indexOf(fixture.target);
  const positive = fixture.family === 'binomial' ? String(fixture.positive_class) : null;
  const y = Float64Array.from(kept, (r) =>
    positive === null ? Number(r[t]) : r[t] === positive ? 1 : 0,
  );
  const column = (name: string | null | undefined) => {
    if (!name) return undefined;
    const c = header.indexOf(name);
    return Float64Array.from(kept, (r) => Number(r[c]));
  };
  const weights = column(fixture.weights);
  const offset = column(fixture.offset);
  return {
    design: { n, p, values },
    y,
    ...(weights ? { weights } : {}),
    ...(offset ? { offset } : {}),
  };
}

/**
 * A fixture's problem and the solver options of its glmnet call, solved tight (thresh 1e-14,
 * as the fixtures were): the family (gaussian when absent), weights, offset, α, scaling and
 * penalty factors.
 */
export function fixtureSetup(id: string) {
  const f = loadFixture(id);
  const problem = fixtureProblem(f);
  const options = {
    family: (f.family ?? 'gaussian') as FamilyName,
    weights: problem.weights,
    offset: problem.offset,
    alpha: f.alpha,
    standardize: f.standardize,
    intercept: f.intercept,
    penaltyFactor: f.penalty_factor,
    thresh: 1e-14,
    maxIter: 1_000_000,
  };
  return { f, ...problem, options };
}

/** max_k max_j |a − b| / max(1, max|b|) over a path, the acceptance tolerance's shape. */
export function maxScaledDifference(actual: number[][], expected: number[][], from = 0): number {
  let scale = 1;
  for (const row of expected.slice(from)) for (const v of row) scale = Math.max(scale, Math.abs(v));
  let worst = 0;
  for (let k = from; k < expected.length; k++) {
    for (let j = 0; j < expected[k]!.length; j++) {
      worst = Math.max(worst, Math.abs(actual[k]![j]! - expected[k]![j]!) / scale);
    }
  }
  return worst;
}

/** The CLI options that reproduce a fixture's glmnet call (data path given separately). */
export function fixtureFitArgs(f: GlmnetFixture, dataPath: string): string[] {
  const args = ['--data', dataPath, '--target', f.target, '--features', f.features.join(',')];
  args.push('--alpha', String(f.alpha), '--thresh', '1e-14');
  if (f.rows) args.push('--rows', `${f.rows.column}=${f.rows.value}`);
  if (!f.standardize) args.push('--no-standardize');
  if (!f.intercept) args.push('--no-intercept');
  if (f.family && f.family !== 'gaussian') args.push('--family', f.family);
  if (f.family === 'binomial') args.push('--positive', String(f.positive_class));
  if (f.weights) args.push('--weights', f.weights);
  if (f.offset) args.push('--offset', f.offset);
  args.push('--two-level', f.two_level_coding ?? 'one-hot');
  if (f.penalty_factor.some((v) => v !== 1)) {
    args.push('--penalty-factor', f.columns.map((c, j) => `${c}=${f.penalty_factor[j]}`).join(','));
  }
  return args;
}

/**
 * The fixture's CSV text with its cv.glmnet fold ids as a last column `fold` (rows outside the
 * fixture's row filter get 0), so the CLI and the API use the very folds R used.
 */
export function fixtureCsvWithFolds(f: GlmnetFixture): string {
  const lines = readFileSync(fixtureDataPath(f), 'utf8').trim().split(/\r?\n/);
  const header = lines[0]!.split(',');
  let next = 0;
  const body = lines.slice(1).map((line) => {
    const cells = line.split(',');
    const kept = !f.rows || cells[header.indexOf(f.rows.column)] === f.rows.value;
    return `${line},${kept && f.cv ? f.cv.foldid[next++] : 0}`;
  });
  return [`${lines[0]},fold`, ...body].join('\n');
}

/** The settings that reproduce a fixture's glmnet / cv.glmnet call (folds: fixtureCsvWithFolds's `fold`). */
export function fixtureSettings(f: GlmnetFixture): AnalysisSettings {
  return {
    ...DEFAULT_SETTINGS,
    family: f.family ?? 'gaussian',
    target: f.target,
    positiveClass: f.family === 'binomial' ? String(f.positive_class) : null,
    features: f.features,
    rows: f.rows ? [f.rows] : [],
    alpha: f.alpha,
    standardize: f.standardize,
    intercept: f.intercept,
    thresh: 1e-14,
    twoLevelCoding: f.two_level_coding ?? 'one-hot',
    ...(f.weights ? { weights: f.weights } : {}),
    ...(f.offset ? { offset: f.offset } : {}),
    penaltyFactor: f.penalty_factor.some((v) => v !== 1)
      ? Object.fromEntries(f.columns.map((c, j) => [c, f.penalty_factor[j]!]))
      : {},
    ...(f.cv
      ? {
          cv: {
            nfolds: f.cv.nfolds,
            seed: 1,
            foldidColumn: 'fold',
            measure: f.cv.type_measure as CvMeasure,
          },
        }
      : {}),
  };
}
