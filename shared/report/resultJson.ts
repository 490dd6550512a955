/**
 * The fit result as JSON: what the CLI writes with --json and the app exports. Plain data,
 * stable field names; later versions only add fields.
 */
import type { AnalysisResult } from '../analysis/run';
import type { AnalysisSettings } from '../analysis/settings';
import { penaltyName } from '../analysis/settings';
import { APP_VERSION } from '../version';

export interface DataFingerprint {
  file: string;
  sha256: string;
}

export interface ResultTiming {
  readSeconds: number;
}

export function resultJson(
  result: AnalysisResult,
  settings: AnalysisSettings,
  data: DataFingerprint,
  timing: ResultTiming,
) {
  const { prepared, path, cv, test, alphaSearch } = result;
  const options = path.options;
  return {
    version: APP_VERSION,
    data: {
      file: data.file,
      sha256: data.sha256,
      rowsRead: prepared.rowsRead,
      rowsUsed: result.trainRows.length,
      rowsTest: result.testRows.length,
      rowsDropped: prepared.rowsDropped,
      rowsFiltered: prepared.rowsFiltered,
    },
    settings: {
      target: prepared.target,
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
        prepared.columns.map((column, j) => [column.name, options.penaltyFactor?.[j] ?? 1]),
      ),
      thresh: options.thresh,
      maxIter: options.maxIter,
      alphas: settings.alphas ?? null,
      cv: settings.cv ?? null,
      testRows: settings.testRows ?? null,
      missing: settings.missing,
    },
    /** Design column names, for display; `designColumns` says what each one is. */
    columns: prepared.columns.map((column) => column.name),
    designColumns: prepared.columns,
    n: result.trainRows.length,
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
      warnings: result.warnings,
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
        lambdaMin: cv.lambdaMin,
        lambda1se: cv.lambda1se,
        indexMin: cv.indexMin,
        index1se: cv.index1se,
        selectionFrequency: cv.selectionFrequency,
      },
    }),
    ...(test && {
      test: {
        n: test.n,
        mse: test.mse,
        mae: test.mae,
        r2: test.r2,
        atLambdaMin: test.atLambdaMin ?? null,
        atLambda1se: test.atLambda1se ?? null,
      },
    }),
    ...(alphaSearch && { alphaSearch }),
    timing: {
      readSeconds: timing.readSeconds,
      fitSeconds: result.timing.fitSeconds,
      ...(cv && { cvSeconds: result.timing.cvSeconds }),
    },
  };
}

export type ResultJson = ReturnType<typeof resultJson>;
