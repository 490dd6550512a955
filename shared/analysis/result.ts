/**
 * The one definition of AnalysisResult: a finished analysis as plain, serializable data, a zod
 * schema with its type inferred. The IPC contract (fitResult, with the job's id and revision),
 * saved projects, the CLI's --json, reports, reproduce code, model files and the renderer all
 * use it. Field names are stable; later versions only add fields. What exists only in memory
 * (the prepared design, typed arrays for the workers) is the AnalysisRun of ./run.ts, from
 * which `analysisResult` below makes this.
 */

import { z } from 'zod';
import type { DesignColumn } from '../data/design';
import { COLUMN_TYPES, type ColumnType } from '../data/readOptions';
import { APP_VERSION } from '../version';
import { WARNING_CODES, type Warning } from '../warning';
import { ALL_TEST_METRICS, type TestMetricKey } from './families';
import { informationCriteriaSchema } from './informationCriteria';
import type { AnalysisRun } from './run';
import {
  cvSettingsSchema,
  EXCLUDED,
  familySchema,
  ownRecord,
  stabilitySettingsSchema,
  testSplitSchema,
  twoLevelCodingSchema,
} from './schema';
import type { AnalysisSettings } from './settings';
import { penaltyName } from './settings';

const finite = z.number();
const numbers = z.array(finite);
const maybeNumber = z.number().or(z.nan()).nullable();
const rowFilter = z.strictObject({ column: z.string(), value: z.string() });

/** A warning as data (shared/warning.ts): code acts on `code` and `columns`, people read `message`. */
export const warningSchema = z.strictObject({
  code: z.enum(WARNING_CODES),
  columns: z.array(z.string()).optional(),
  fold: z.int().optional(),
  message: z.string(),
});

/** What a design column is, as data (never re-derived from its name). */
export const designColumnSchema = z.discriminatedUnion('kind', [
  z.strictObject({ name: z.string(), feature: z.string(), kind: z.literal('numeric') }),
  z.strictObject({
    name: z.string(),
    feature: z.string(),
    kind: z.literal('level'),
    level: z.string(),
    /** The single column of a two-level feature coded as one dummy: the level coded 0. */
    reference: z.string().optional(),
  }),
]);

export const errorMetricsSchema = z.strictObject({ mse: finite, mae: finite, r2: maybeNumber });

/**
 * The test block's metrics: every family's keys (./families), each present when the result's
 * family computes it, one value per λ (`paths`) or one value (`values`, at λ_min and λ_1se).
 */
const testMetricShape = <T extends z.ZodType>(value: T) =>
  Object.fromEntries(ALL_TEST_METRICS.map((key) => [key, value.optional()])) as {
    [K in TestMetricKey]: z.ZodOptional<T>;
  };
const testMetricValues = z.strictObject(testMetricShape(maybeNumber));

export const analysisResultSchema = z.strictObject({
  version: z.string(),
  data: z.strictObject({
    file: z.string(),
    sha256: z.string(),
    rowsRead: z.int(),
    rowsUsed: z.int(),
    rowsTest: z.int(),
    rowsDropped: z.int(),
    rowsFiltered: z.int(),
    /**
     * With a random hold-out (settings.testSplit): the held-out rows, as the file's data row
     * numbers (1 = the first row after the header; R's row index, pandas' index + 1), in order.
     */
    heldOutRows: z.array(z.int()).optional(),
    /** Columns whose type the user chose when reading (readOptions.ts columnTypes); absent: none. */
    columnTypes: z.record(z.string(), z.enum(COLUMN_TYPES)).optional(),
    /** The file's format; absent: CSV. */
    format: z.enum(['csv', 'parquet']).optional(),
  }),
  /** The settings as resolved for the fit (features chosen, λ_min ratio and penalty factors filled in). */
  settings: z.strictObject({
    /** Absent in results saved before families: DEFAULT_FAMILY. */
    family: familySchema.optional(),
    target: z.string(),
    /** The class modelled (y = 1) of a two-class target, else null; absent in older results. */
    positiveClass: z.string().nullable().optional(),
    features: z.array(z.string()),
    /** The weight and offset columns, or null; absent in results saved before they existed. */
    weights: z.string().nullable().optional(),
    offset: z.string().nullable().optional(),
    exclude: z.array(z.string()),
    rows: z.array(rowFilter),
    penalty: z.enum(['lasso', 'ridge', 'elastic-net']),
    alpha: finite,
    standardize: z.boolean(),
    intercept: z.boolean(),
    nlambda: z.int(),
    lambdaMinRatio: finite,
    lambda: numbers.nullable(),
    /** By design column; "Inf" excludes one (glmnet's penalty.factor = Inf). */
    penaltyFactor: ownRecord(
      z.string(),
      z.union([finite, z.literal(EXCLUDED)]),
      Number.MAX_SAFE_INTEGER,
    ),
    /**
     * Coefficient bounds by design column, only the bounded columns (glmnet's lower.limits /
     * upper.limits); absent when none (and in results saved before bounds existed).
     */
    lowerLimits: ownRecord(z.string(), finite, Number.MAX_SAFE_INTEGER).optional(),
    upperLimits: ownRecord(z.string(), finite, Number.MAX_SAFE_INTEGER).optional(),
    thresh: finite,
    /** glmnet's maxit (whole path); in results saved before it was, a cap per λ. */
    maxIter: z.int(),
    /** The cap per λ, or null; absent in older results. */
    maxIterPerLambda: z.int().nullable().optional(),
    /** Absent in results saved before it could be turned off: true. */
    pathStop: z.boolean().optional(),
    /** Tighten λ whose certificate fails (shared/analysis/certify.ts); absent: false. */
    tighten: z.boolean().optional(),
    alphas: numbers.nullable(),
    cv: cvSettingsSchema.nullable(),
    /** Absent in results saved before stability selection. */
    stability: stabilitySettingsSchema.nullable().optional(),
    testRows: rowFilter.nullable(),
    /** A seeded random hold-out; absent in results saved before it existed. */
    testSplit: testSplitSchema.nullable().optional(),
    missing: z.enum(['drop', 'impute']),
    /** The relaxed lasso was asked for, with these γ; absent otherwise. */
    relax: z.boolean().optional(),
    gammas: numbers.optional(),
    /**
     * How two-level text features were coded; absent in results saved before the option (they
     * were one-hot). What each column is, `designColumns` records (with the reference level).
     */
    twoLevelCoding: twoLevelCodingSchema.optional(),
    /** The options of the CV-free λ choice, as given; absent when none were. */
    informationCriteria: z
      .strictObject({ noiseVariance: finite.optional(), ebicGamma: finite.optional() })
      .optional(),
  }),
  /**
   * A two-class target's values, y = 0 (negative) and y = 1 (positive), as the file writes
   * them, so classes can be labelled; null for other targets, absent in older results.
   */
  classes: z.strictObject({ negative: z.string(), positive: z.string() }).nullable().optional(),
  /** Design column names, for display; `designColumns` says what each one is. */
  columns: z.array(z.string()),
  /** One per column; absent only in results saved by versions before it was recorded. */
  designColumns: z.array(designColumnSchema).optional(),
  n: z.int(),
  path: z.strictObject({
    lambda: numbers,
    a0: numbers,
    beta: z.array(numbers),
    df: z.array(z.int()),
    devRatio: numbers,
    nulldev: finite,
  }),
  standardization: z.strictObject({
    xCenter: numbers,
    xScale: numbers,
    yCenter: finite,
    yScale: finite,
    xSd: numbers,
    ySd: finite,
  }),
  diagnostics: z.strictObject({
    converged: z.boolean(),
    passes: z.array(z.int()),
    sweeps: z.array(z.int()),
    lambdaMax: finite,
    /** The default path ended early by glmnet's rule (shared/solver/pathStop.ts); else null. */
    pathStop: z
      .strictObject({
        fitted: z.int(),
        requested: z.int(),
        reason: z.enum(['small-gain', 'deviance-max']),
      })
      .nullable()
      .optional(),
    /** Data, solver and CV warnings together, in the order they arose. */
    warnings: z.array(warningSchema),
    /**
     * How the data were fitted: 'in-memory' (absent in results saved before streaming), or
     * 'streaming' (electron/services/streamingFit.ts: the file was read into sufficient
     * statistics and never held; then the per-row arrays, cv.foldid and cv.outOfFold, are empty
     * and the test block has no MAE).
     */
    mode: z.enum(['in-memory', 'streaming']).optional(),
    /**
     * Why that mode ran (the CLI; absent in older results): the in-memory fit's estimated need
     * and the budget it was compared with, and where the budget came from ('flag':
     * --memory-limit, 'environment': SHRINKAGE_MEMORY_LIMIT, 'machine': half of memory;
     * electron/services/memoryBudget.ts).
     */
    memory: z
      .strictObject({
        neededBytes: z.number(),
        limitBytes: z.number(),
        limitSource: z.enum(['flag', 'environment', 'machine']),
      })
      .optional(),
    /**
     * Per λ of the path, the convergence certificate (shared/analysis/certify.ts): the
     * duality gap, a rigorous bound on how far the objective is above its optimum, and that
     * relative to the objective. Gaussian only; absent for other families and older results.
     */
    certificate: z
      .strictObject({
        objective: z.array(finite.nullable()),
        gap: z.array(finite.nullable()),
        relativeGap: z.array(finite.nullable()),
        threshold: finite,
        tightened: z
          .strictObject({ indices: z.array(z.int()), thresh: finite, stillFailing: z.int() })
          .optional(),
      })
      .optional(),
  }),
  cv: z
    .strictObject({
      nfolds: z.int(),
      measure: cvSettingsSchema.shape.measure,
      /** 1-based fold of each training row. */
      foldid: z.array(z.int()),
      foldLabels: z.array(z.union([z.string(), finite])),
      lambda: numbers,
      cvm: numbers,
      cvsd: numbers,
      cvup: numbers,
      cvlo: numbers,
      nzero: z.array(z.int()),
      /** Whether cvsd came from the folds (cv.glmnet's grouped) or the rows; absent in older results: true. */
      grouped: z.boolean().optional(),
      lambdaMin: finite,
      lambda1se: finite,
      indexMin: z.int(),
      index1se: z.int(),
      selectionFrequency: z.array(numbers),
      /**
       * Out-of-fold predictions of the training rows (in the order of `foldid`): each row's
       * linear predictor η (offset included) from the fit without its fold, on the link scale
       * as cv.glmnet's fit.preval (logistic: log-odds, Poisson: log of the expected count).
       * At λ_min and λ_1se always (2n numbers); `fitPreval`, n rows × nλ as R's matrix, only
       * with `settings.cv.keep` (cv.glmnet's keep = TRUE), being nλ times as large. Absent in
       * results saved before it was recorded.
       */
      outOfFold: z
        .strictObject({
          atLambdaMin: numbers,
          atLambda1se: numbers,
          fitPreval: z.array(numbers).optional(),
        })
        .optional(),
    })
    .optional(),
  test: z
    .strictObject({
      n: z.int(),
      ...testMetricShape(z.array(maybeNumber)),
      atLambdaMin: testMetricValues.nullable(),
      atLambda1se: testMetricValues.nullable(),
    })
    .optional(),
  /**
   * Several α on the same folds (settings.alphas): every candidate, not only the one shown.
   * `bestAlpha` is the α whose λ_min has the best CV value (the model above). Each candidate
   * keeps its CV curve (a few numbers per λ) and, unless it is the best (whose path is `path`)
   * or its path would be too large (more than CANDIDATE_PATH_VALUES coefficients), its path.
   * Fields after pathLength are absent in results saved before the comparison view.
   */
  alphaSearch: z
    .strictObject({
      bestAlpha: finite,
      candidates: z.array(
        z.strictObject({
          alpha: finite,
          lambdaMin: finite,
          lambda1se: finite,
          cvmMin: finite,
          cvsdMin: finite,
          pathLength: z.int(),
          cvm1se: finite.optional(),
          cvsd1se: finite.optional(),
          nzeroMin: z.int().optional(),
          nzero1se: z.int().optional(),
          cv: z
            .strictObject({
              lambda: numbers,
              cvm: numbers,
              cvsd: numbers,
              nzero: z.array(z.int()),
              indexMin: z.int(),
              index1se: z.int(),
            })
            .optional(),
          path: z
            .strictObject({
              lambda: numbers,
              a0: numbers,
              beta: z.array(numbers),
              df: z.array(z.int()),
              devRatio: numbers,
            })
            .optional(),
        }),
      ),
    })
    .optional(),
  /**
   * AIC, BIC and extended BIC at every λ of `path`, with the λ each selects, the σ² used and
   * how df was counted (./informationCriteria.ts). Absent in results saved before it, and when
   * the effective df of a very wide ridge path would cost too much.
   */
  informationCriteria: informationCriteriaSchema.optional(),
  /**
   * The relaxed lasso (settings.relax): per λ of `path`, the unpenalized refit on its active
   * set (a0, beta), from which the fit at (λ, γ) is γ·path + (1 − γ)·refit, γ floored at 1e-5
   * below 1 as glmnet (shared/solver/relaxedBlend.ts). `refitted` is false where the active
   * set had more than n − 3 columns (glmnet's maxp) and the last refit stands in. With CV: a
   * curve per γ (same order as gammas) and the (λ, γ) chosen by min and 1se (index = λ index).
   */
  relaxed: z
    .strictObject({
      gammas: numbers,
      a0: numbers,
      beta: z.array(numbers),
      refitted: z.array(z.boolean()),
      cv: z
        .strictObject({
          cvm: z.array(numbers),
          cvsd: z.array(numbers),
          lambdaMin: finite,
          gammaMin: finite,
          lambda1se: finite,
          gamma1se: finite,
          indexMin: z.int(),
          gammaIndexMin: z.int(),
          index1se: z.int(),
          gammaIndex1se: z.int(),
        })
        .optional(),
    })
    .optional(),
  /**
   * Stability selection (settings.stability; shared/analysis/stability.ts): on `path.lambda`,
   * each design column's selection probability over the 2·pairs subsamples of ⌊n/2⌋ rows
   * (λ-major: probability[l][j]), q per λ index (meanSelected[l]: the mean number of counted
   * columns a subsample selects anywhere from the first λ down to λ_l), and the selected set
   * for Λ = the first λ down to rangeEnd, with its bound on expected false selections (null
   * when no column is penalized). `uncounted`: columns not penalized or excluded, left out.
   */
  stability: z
    .strictObject({
      pairs: z.int(),
      subsamples: z.int(),
      subsampleSize: z.int(),
      threshold: finite,
      seed: z.int(),
      probability: z.array(numbers),
      meanSelected: numbers,
      uncounted: z.array(z.int()),
      penalized: z.int(),
      rangeEnd: z.int(),
      rangeRule: z.enum(['bound', 'given']),
      q: finite,
      bound: finite.nullable(),
      selected: z.array(
        z.strictObject({ column: z.int(), name: z.string(), maxProbability: finite }),
      ),
      seconds: finite,
    })
    .optional(),
  timing: z.strictObject({ readSeconds: finite, fitSeconds: finite, cvSeconds: finite.optional() }),
});

export type AnalysisResult = z.output<typeof analysisResultSchema>;

/**
 * A saved result as the current schema reads it: results saved before warnings had codes
 * listed them as sentences, which become `{code: 'legacy', message}`. Anything else is
 * passed through untouched for the schema to judge.
 */
export function upgradeSavedResult(raw: unknown): unknown {
  const diagnostics = (raw as { diagnostics?: { warnings?: unknown } } | null)?.diagnostics;
  const warnings = diagnostics?.warnings;
  if (!Array.isArray(warnings) || !warnings.some((w) => typeof w === 'string')) return raw;
  return {
    ...(raw as object),
    diagnostics: {
      ...diagnostics,
      warnings: warnings.map((w) => (typeof w === 'string' ? { code: 'legacy', message: w } : w)),
    },
  };
}

export interface DataFingerprint {
  file: string;
  sha256: string;
  columnTypes?: Readonly<Record<string, ColumnType>> | undefined;
  format?: 'csv' | 'parquet' | undefined;
}

export interface ResultTiming {
  readSeconds: number;
}

/** The serializable result of a run; `data` and `timing` are what only the caller knows. */
export function analysisResult(
  run: AnalysisRun,
  settings: AnalysisSettings,
  data: DataFingerprint,
  timing: ResultTiming,
): AnalysisResult {
  const { prepared, path, cv, test, alphaSearch, relaxed } = run;
  const options = path.options;
  return {
    version: APP_VERSION,
    data: {
      file: data.file,
      sha256: data.sha256,
      rowsRead: prepared.rowsRead,
      rowsUsed: run.trainRows.length,
      rowsTest: run.testRows.length,
      rowsDropped: prepared.rowsDropped,
      rowsFiltered: prepared.rowsFiltered,
      ...(data.columnTypes && { columnTypes: { ...data.columnTypes } }),
      ...(data.format === 'parquet' && { format: 'parquet' as const }),
      ...(settings.testSplit && {
        heldOutRows: Array.from(run.testRows, (r) => prepared.rowIndex[r]! + 1),
      }),
    },
    settings: {
      family: settings.family,
      target: prepared.target,
      positiveClass: prepared.classes?.positive ?? null,
      features: prepared.features,
      weights: settings.weights ?? null,
      offset: settings.offset ?? null,
      exclude: settings.exclude,
      rows: settings.rows,
      penalty: penaltyName(options.alpha),
      alpha: options.alpha,
      standardize: options.standardize,
      intercept: options.intercept,
      nlambda: options.nlambda,
      // Always resolved by then (1e-4 when n ≥ p, else 1e-2, unless given).
      lambdaMinRatio: options.lambdaMinRatio!,
      lambda: settings.lambda ?? null,
      penaltyFactor: Object.fromEntries(
        prepared.columns.map((column, j) => {
          const factor = options.penaltyFactor?.[j] ?? 1;
          return [column.name, factor === Infinity ? EXCLUDED : factor];
        }),
      ),
      ...boundedColumns('lowerLimits', options.lowerLimits, prepared.columns),
      ...boundedColumns('upperLimits', options.upperLimits, prepared.columns),
      thresh: options.thresh,
      maxIter: options.maxIter,
      maxIterPerLambda: options.maxIterPerLambda ?? null,
      pathStop: options.pathStop !== false,
      ...(settings.tighten && { tighten: true }),
      alphas: settings.alphas ?? null,
      cv: settings.cv ?? null,
      ...(settings.stability && { stability: settings.stability }),
      testRows: settings.testRows ?? null,
      testSplit: settings.testSplit ?? null,
      missing: settings.missing,
      twoLevelCoding: settings.twoLevelCoding,
      ...(settings.informationCriteria && { informationCriteria: settings.informationCriteria }),
      ...(relaxed && { relax: true, gammas: relaxed.gammas }),
    },
    classes: prepared.classes ?? null,
    columns: prepared.columns.map((column) => column.name),
    designColumns: prepared.columns,
    n: run.trainRows.length,
    path: {
      lambda: path.lambda,
      a0: path.a0,
      beta: path.beta,
      df: path.df,
      devRatio: path.devRatio,
      nulldev: path.nulldev,
    },
    standardization: path.standardization,
    diagnostics: {
      converged: path.diagnostics.converged,
      passes: path.diagnostics.passes,
      sweeps: path.diagnostics.sweeps,
      lambdaMax: path.diagnostics.lambdaMax,
      pathStop: path.diagnostics.pathStop,
      warnings: run.warnings,
      mode: 'in-memory',
      ...(run.certificate && { certificate: run.certificate }),
    },
    ...(cv && {
      cv: {
        nfolds: cv.nfolds,
        measure: cv.measure,
        foldid: Array.from(cv.foldid, (k) => k + 1),
        foldLabels: cv.foldLabels,
        lambda: cv.lambda,
        cvm: cv.cvm,
        cvsd: cv.cvsd,
        cvup: cv.cvup,
        cvlo: cv.cvlo,
        nzero: cv.nzero,
        grouped: cv.grouped,
        lambdaMin: cv.lambdaMin,
        lambda1se: cv.lambda1se,
        indexMin: cv.indexMin,
        index1se: cv.index1se,
        selectionFrequency: cv.selectionFrequency,
        outOfFold: {
          atLambdaMin: Array.from(cv.outOfFold.atLambdaMin),
          atLambda1se: Array.from(cv.outOfFold.atLambda1se),
          ...(cv.outOfFold.all && {
            fitPreval: rowsOfLambdaMajor(cv.outOfFold.all, run.trainRows.length),
          }),
        },
      },
    }),
    ...(test && {
      test: {
        ...test,
        atLambdaMin: test.atLambdaMin ?? null,
        atLambda1se: test.atLambda1se ?? null,
      },
    }),
    ...(alphaSearch && { alphaSearch }),
    ...(run.informationCriteria && { informationCriteria: run.informationCriteria }),
    ...(relaxed && {
      relaxed: {
        gammas: relaxed.gammas,
        a0: relaxed.refit.a0,
        beta: relaxed.refit.beta,
        refitted: relaxed.refit.refitted,
        ...(relaxed.cv && {
          cv: {
            cvm: relaxed.cv.curves.map((curve) => curve.cvm),
            cvsd: relaxed.cv.curves.map((curve) => curve.cvsd),
            lambdaMin: relaxed.cv.lambdaMin,
            gammaMin: relaxed.cv.gammaMin,
            lambda1se: relaxed.cv.lambda1se,
            gamma1se: relaxed.cv.gamma1se,
            indexMin: relaxed.cv.indexMin,
            gammaIndexMin: relaxed.cv.gammaIndexMin,
            index1se: relaxed.cv.index1se,
            gammaIndex1se: relaxed.cv.gammaIndex1se,
          },
        }),
      },
    }),
    ...(run.stability && { stability: run.stability }),
    timing: {
      readSeconds: timing.readSeconds,
      fitSeconds: run.timing.fitSeconds,
      ...(cv && { cvSeconds: run.timing.cvSeconds }),
    },
  };
}

/** An L × n λ-major matrix as n rows of L values (R's n × nλ fit.preval). */
function rowsOfLambdaMajor(values: Float64Array, n: number): number[][] {
  const L = values.length / n;
  return Array.from({ length: n }, (_, i) =>
    Array.from({ length: L }, (_, l) => values[l * n + i]!),
  );
}

// The schema and the types the design and the warnings use describe the same objects.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const designColumnsMatch: Same<z.output<typeof designColumnSchema>, DesignColumn> = true;
const warningsMatch: Same<z.output<typeof warningSchema>, Warning> = true;
void designColumnsMatch;
void warningsMatch;

/** The finite bounds of one side by design column name, as the result records them, or nothing. */
function boundedColumns(
  key: 'lowerLimits' | 'upperLimits',
  bounds: readonly number[] | undefined,
  columns: readonly { name: string }[],
): { lowerLimits?: Record<string, number>; upperLimits?: Record<string, number> } {
  const entries = columns.flatMap((column, j) => {
    const bound = bounds?.[j];
    return bound !== undefined && Number.isFinite(bound) ? [[column.name, bound] as const] : [];
  });
  return entries.length > 0 ? { [key]: Object.fromEntries(entries) } : {};
}
