/**
 * One analysis, start to finish: dataset + settings → design → path, and when asked,
 * cross-validation (several α on the same folds) and scores on held-out test rows.
 * Pure apart from the fold executor, so it runs the same in the CLI, a worker and tests.
 */
import type { Dataset } from '../data/dataset';
import { cellText } from '../data/dataset';
import { matchingRows, type PreparedDesign, prepareDesign, requireColumn } from '../data/design';
import { DataError } from '../data/errors';
import { applyImputation, learnImputation } from '../data/impute';
import { nounFor, plural } from '../plural';
import {
  type CvSummary,
  type FoldFit,
  foldsFromLabels,
  MIN_ROWS_PER_FOLD_GROUPED,
  outOfFoldPredictions,
  randomFolds,
  summarizeCv,
} from '../solver/cv';
import { predictRows, selectRows, selectValues } from '../solver/design';
import { SolverCancelledError, SolverInputError } from '../solver/errors';
import type { CvMeasure } from '../solver/family';
import { mulberry32, permutation } from '../solver/random';
import { type RelaxedRefit, relaxPath } from '../solver/relaxed';
import { DEFAULT_RELAX_GAMMAS } from '../solver/relaxedBlend';
import { type RelaxedCvSummary, summarizeRelaxedCv } from '../solver/relaxedCv';
import { squaresFit } from '../solver/standardize';
import type { DesignMatrix, PathOptions, PathResult } from '../solver/types';
import { foldPrefix, type Warning, warning } from '../warning';
import { type AnalysisCertificate, certifyPath, startPolishedCopy } from './certify';
import { columnsNamed } from './columnNames';
import { type AnalysisExecutor, type CvProblem, inProcessExecutor } from './executor';
import {
  describeFamily,
  type FamilyDescriptor,
  type TestMetricKey,
  type TestMetricValues,
} from './families';
import { type InformationCriteria, informationCriteria } from './informationCriteria';
import { leakageWarnings } from './leakage';
import { type CoefficientLimits, resolveLimits } from './limits';
import type { AnalysisResult } from './result';
import {
  describeSettingsProblems,
  EXCLUDED,
  type PenaltyFactorValue,
  parseSettings,
} from './schema';
import type { AnalysisSettings, CvSettings } from './settings';
import { runStability, type StabilityBlock } from './stability';

/** Held-out scores: each of the family's test metrics at every λ, and at λ_min and λ_1se. */
export type TestScores = Partial<Record<TestMetricKey, number[]>> & {
  n: number;
  atLambdaMin?: TestMetricValues | undefined;
  atLambda1se?: TestMetricValues | undefined;
};

/**
 * One analysis in memory, as runAnalysis leaves it: the solver's own results (typed arrays,
 * 0-based fold ids) and what exists only here, the prepared design and the fitted rows, which
 * predictions and scoring need. What leaves the process is the AnalysisResult made from it
 * (`analysisResult` in ./result.ts); nothing else serializes a run.
 */
export interface AnalysisRun {
  prepared: PreparedDesign;
  /** Rows (of the prepared design) used for fitting and CV. */
  trainRows: Int32Array;
  /** Rows held out as a test set (empty without testRows or testSplit). */
  testRows: Int32Array;
  /** The path for the chosen α (the best one when several were compared). */
  path: PathResult;
  cv?:
    | (CvSummary & {
        foldid: Int32Array;
        foldLabels: (string | number)[];
        outOfFold: OutOfFold;
      })
    | undefined;
  /** Exactly as the result carries it (plain numbers already). */
  alphaSearch?: AnalysisResult['alphaSearch'];
  /** The relaxed lasso (settings.relax): the path's refits, and with CV the (λ, γ) curves. */
  relaxed?: RelaxedRun | undefined;
  /** Stability selection, as the result carries it. */
  stability?: StabilityBlock | undefined;
  /** The final path's convergence certificate per λ (certify.ts); absent for families without one. */
  certificate?: AnalysisCertificate | undefined;
  test?: TestScores | undefined;
  /** Data, solver and CV warnings together, in the order they arose. */
  warnings: Warning[];
  /** AIC, BIC and EBIC along the path; null when the effective df would cost too much. */
  informationCriteria?: InformationCriteria | null | undefined;
  timing: { fitSeconds: number; cvSeconds: number; stabilitySeconds?: number };
  /** Per design column, the value that filled missing cells in the full fit (when imputing). */
  imputation?: number[] | undefined;
  /** The rows the path was fitted on, imputed; and the test rows, imputed the same way. */
  fitted: RowSet;
  heldOut?: RowSet | undefined;
}

export interface RelaxedRun {
  gammas: number[];
  refit: RelaxedRefit;
  cv?: RelaxedCvSummary | undefined;
}

/**
 * Each training row's prediction from the fold fit that held it out, on the link scale (η,
 * offset included: cv.glmnet's fit.preval), in the order of the fitted rows.
 */
export interface OutOfFold {
  atLambdaMin: Float64Array;
  atLambda1se: Float64Array;
  /** At every λ, λ-major (L × n), only when cv.keep: the full matrix is large. */
  all?: Float64Array | undefined;
}

/** Rows of the design with their target, and their weights and offset when the fit has them. */
export interface RowSet {
  design: DesignMatrix;
  y: Float64Array;
  weights?: Float64Array | undefined;
  offset?: Float64Array | undefined;
}

export interface AnalysisProgress {
  /** 0 … 1, never decreasing. */
  fraction: number;
  /** What is being computed, in words (e.g. "α = 0.5: fold 3 of 10"). */
  message: string;
}

export interface RunHooks {
  executor?: AnalysisExecutor | undefined;
  onProgress?: ((progress: AnalysisProgress) => void) | undefined;
  signal?: AbortSignal | undefined;
}

/** Penalty factors per design column from names of columns or of whole features. */
export function resolvePenaltyFactors(
  prepared: Pick<PreparedDesign, 'columns' | 'features'>,
  byName: Record<string, PenaltyFactorValue>,
  fileName: string,
): number[] | undefined {
  const names = Object.keys(byName);
  if (names.length === 0) return undefined;
  const factors = prepared.columns.map(() => 1);
  for (const name of names) {
    const given = byName[name]!;
    // "Inf" excludes the column, as glmnet's penalty.factor = Inf (the solver's Infinity).
    const value = given === EXCLUDED ? Number.POSITIVE_INFINITY : given;
    if (!(value >= 0)) {
      throw new DataError(
        `The penalty factor for '${name}' must be a number ≥ 0, or Inf; got ${value}.`,
      );
    }
    for (const j of columnsNamed(prepared, name, ['a penalty factor', 'factor'], fileName))
      factors[j] = value;
  }
  return factors;
}

export function pathOptionsFor(
  settings: AnalysisSettings,
  alpha: number,
  penaltyFactor: number[] | undefined,
  limits: CoefficientLimits = {},
): Partial<PathOptions> {
  return {
    ...limits,
    family: settings.family,
    alpha,
    standardize: settings.standardize,
    intercept: settings.intercept,
    nlambda: settings.nlambda,
    lambdaMinRatio: settings.lambdaMinRatio,
    lambda: settings.lambda,
    penaltyFactor,
    thresh: settings.thresh,
    maxIter: settings.maxIter,
    maxIterPerLambda: settings.maxIterPerLambda,
    pathStop: settings.pathStop,
  };
}

/** Columns that steer the analysis (filters, folds, test split) and so are not default features. */
function reservedColumns(settings: AnalysisSettings): string[] {
  return [
    ...settings.exclude,
    ...(settings.weights ? [settings.weights] : []),
    ...(settings.offset ? [settings.offset] : []),
    ...(settings.cv?.foldidColumn ? [settings.cv.foldidColumn] : []),
    ...(settings.testRows ? [settings.testRows.column] : []),
  ];
}

/**
 * The rows of the design held out as a test set, and the rest to fit on: those matching
 * `testRows`, or a seeded random share (`testSplit`, see randomTestRows), or none.
 */
function splitTestRows(dataset: Dataset, prepared: PreparedDesign, settings: AnalysisSettings) {
  const all = Int32Array.from(prepared.rowIndex, (_, r) => r);
  const { testRows, testSplit } = settings;
  if (!testRows && !testSplit) return { train: all, test: new Int32Array(0) };
  let train: Int32Array;
  let test: Int32Array;
  if (testRows) {
    const isTest = matchingRows(dataset, [testRows]);
    train = all.filter((r) => !isTest[prepared.rowIndex[r]!]);
    test = all.filter((r) => isTest[prepared.rowIndex[r]!] === 1);
  } else {
    ({ train, test } = randomTestRows(all.length, testSplit!.fraction, testSplit!.seed));
  }
  if (train.length < 2) {
    throw new DataError(
      testRows
        ? `Holding out the rows with ${testRows.column} = '${testRows.value}' leaves ${plural(train.length, 'row')} to fit on.`
        : `Holding out ${formatPercent(testSplit!.fraction)} of ${plural(all.length, 'row')} leaves ${plural(train.length, 'row')} to fit on.`,
      { file: dataset.fileName, ...(testRows && { column: testRows.column }) },
      'Choose a test split that keeps most rows for fitting.',
    );
  }
  if (testSplit && test.length === 0) {
    throw new DataError(
      `Holding out ${formatPercent(testSplit.fraction)} of ${plural(all.length, 'row')} rounds to no row at all.`,
      { file: dataset.fileName },
      'Hold out a larger share, or use every row for fitting (no test set).',
    );
  }
  return { train, test };
}

function formatPercent(fraction: number): string {
  return `${Number((100 * fraction).toPrecision(6))}%`;
}

/**
 * A seeded random hold-out of n rows: round(fraction · n) of them, the first of a mulberry32
 * Fisher–Yates shuffle (the folds' generator, so a seed means the same thing everywhere),
 * both sets in row order. Not stratified: a two-class target's share of each class in the
 * test set varies as a random sample's does.
 */
export function randomTestRows(
  n: number,
  fraction: number,
  seed: number,
): { train: Int32Array; test: Int32Array } {
  const order = permutation(n, mulberry32(seed));
  const size = Math.round(fraction * n);
  const isTest = new Uint8Array(n);
  for (let k = 0; k < size; k++) isTest[order[k]!] = 1;
  const test = new Int32Array(size);
  const train = new Int32Array(n - size);
  let t = 0;
  let f = 0;
  for (let r = 0; r < n; r++) {
    if (isTest[r]) test[t++] = r;
    else train[f++] = r;
  }
  return { train, test };
}

function foldAssignment(
  dataset: Dataset,
  prepared: PreparedDesign,
  train: Int32Array,
  cv: CvSettings,
): { foldid: Int32Array; labels: (string | number)[] } {
  const file = dataset.fileName;
  if (cv.foldidColumn) {
    const column = requireColumn(dataset, cv.foldidColumn, 'fold-id');
    const labels = Array.from(train, (r) => {
      const row = prepared.rowIndex[r]!;
      const text = cellText(column, row);
      if (text === '') {
        throw new DataError(
          'The fold id is missing.',
          { file, row: row + 2, column: column.name },
          'Give every row a fold id.',
        );
      }
      return column.kind === 'numeric' ? column.values[row]! : text;
    });
    const folds = foldsFromLabels(labels);
    if (folds.nfolds < 2) {
      throw new DataError(
        'The fold-id column has a single value, so there is nothing to hold out.',
        { file, column: column.name },
        'Use a column with at least 2 distinct fold ids.',
      );
    }
    return { foldid: folds.foldid, labels: folds.values };
  }
  if (!Number.isInteger(cv.nfolds) || cv.nfolds < 2 || cv.nfolds > train.length) {
    throw new DataError(
      `Cross-validation needs between 2 and ${train.length} folds (one row each at most); got ${cv.nfolds}.`,
      { file },
      'Choose fewer folds, such as 5 or 10.',
    );
  }
  return {
    foldid: randomFolds(train.length, cv.nfolds, cv.seed),
    labels: Array.from({ length: cv.nfolds }, (_, k) => k + 1),
  };
}

/**
 * Predictions for a set of rows at every λ (λ-major), offset included, as glmnet's predict
 * with newoffset: the linear predictor η, or with a family its response-scale μ = g⁻¹(η)
 * (predict's type = "response").
 */
export function predictRowSet(
  rows: RowSet,
  a0: readonly number[],
  beta: readonly number[][],
  family?: FamilyDescriptor,
) {
  const all = Int32Array.from({ length: rows.design.n }, (_, r) => r);
  const predictions = predictRows(rows.design, all, a0, beta);
  const { offset } = rows;
  if (offset) {
    const m = offset.length;
    for (let k = 0; k < predictions.length; k++) predictions[k]! += offset[k % m]!;
  }
  if (family) {
    const { inverseLink } = family.solver;
    for (let k = 0; k < predictions.length; k++) predictions[k] = inverseLink(predictions[k]!);
  }
  return predictions;
}

/**
 * Test-set scores at every λ, the family's metrics of its response-scale predictions, weighted
 * by the observation weights as glmnet's assess.glmnet.
 */
function scoreTest(
  rows: RowSet,
  path: PathResult,
  cv: CvSummary | undefined,
  family: FamilyDescriptor,
): TestScores {
  const predictions = predictRowSet(rows, path.a0, path.beta, family);
  const { y, weights } = rows;
  const at = (l: number) => family.score(y, predictions, l, weights);
  const scores: TestScores = { n: rows.design.n };
  for (const { key } of family.testMetrics) scores[key] = [];
  for (let l = 0; l < path.lambda.length; l++) {
    const values = at(l);
    for (const { key } of family.testMetrics) scores[key]!.push(values[key]!);
  }
  scores.atLambdaMin = cv ? at(cv.indexMin) : undefined;
  scores.atLambda1se = cv ? at(cv.index1se) : undefined;
  return scores;
}

/**
 * The CV measure used: the one asked for, except cv.lognet's rule that AUC on fewer than 10
 * rows per fold (n / K < 10) is too noisy to rank λ, for which it uses deviance instead and
 * warns (so do we, so that the curve is cv.glmnet's).
 */
/**
 * Largest path (columns × λ values) a non-best α keeps in the result for the comparison view:
 * beyond it the candidate keeps only its CV curve, so a wide file's result stays small.
 */
export const CANDIDATE_PATH_VALUES = 250_000;

type AlphaCandidate = NonNullable<AnalysisRun['alphaSearch']>['candidates'][number];

/** One α of a comparison as the result keeps it: its CV at both rules, its curve, its path. */
function alphaCandidate(
  { alpha, path, cv }: { alpha: number; path: PathResult; cv?: CvSummary },
  isBest: boolean,
): AlphaCandidate {
  const summary = cv!;
  const columns = path.beta[0]?.length ?? 0;
  const keepPath = !isBest && columns * path.lambda.length <= CANDIDATE_PATH_VALUES;
  return {
    alpha,
    lambdaMin: summary.lambdaMin,
    lambda1se: summary.lambda1se,
    cvmMin: summary.cvm[summary.indexMin]!,
    cvsdMin: summary.cvsd[summary.indexMin]!,
    pathLength: path.lambda.length,
    cvm1se: summary.cvm[summary.index1se]!,
    cvsd1se: summary.cvsd[summary.index1se]!,
    nzeroMin: summary.nzero[summary.indexMin]!,
    nzero1se: summary.nzero[summary.index1se]!,
    cv: {
      lambda: summary.lambda,
      cvm: summary.cvm,
      cvsd: summary.cvsd,
      nzero: summary.nzero,
      indexMin: summary.indexMin,
      index1se: summary.index1se,
    },
    ...(keepPath && {
      path: {
        lambda: path.lambda,
        a0: path.a0,
        beta: path.beta,
        df: path.df,
        devRatio: path.devRatio,
      },
    }),
  };
}

function cvMeasureFor(
  measure: CvMeasure,
  n: number,
  nfolds: number,
  warnings: Warning[],
): CvMeasure {
  if (measure !== 'auc' || n / nfolds >= 10) return measure;
  warnings.push(
    warning(
      'auc-too-few-rows',
      `AUC needs at least 10 rows per fold to be computed within each fold, but ${plural(n, 'row')} in ${nfolds} folds give ${(n / nfolds).toFixed(1)}; cross-validation uses the deviance instead (as cv.glmnet does). Use fewer folds (at most n / 10) to rank λ by AUC, or another measure.`,
    ),
  );
  return 'deviance';
}

export async function runAnalysis(
  dataset: Dataset,
  given: AnalysisSettings,
  hooks: RunHooks = {},
): Promise<AnalysisRun> {
  const { executor = inProcessExecutor, onProgress, signal } = hooks;
  // Every entry point validates first; this is the backstop for any caller that did not,
  // so no setting outside the schema's limits (say nlambda = 1e9) ever reaches the solver.
  const { settings, problems } = parseSettings(given);
  if (!settings) {
    throw new SolverInputError(`Invalid settings: ${describeSettingsProblems(problems)}.`);
  }
  const family = describeFamily(settings.family);
  // Name steering columns by their role if they are missing, before anything else uses them.
  if (settings.cv?.foldidColumn) requireColumn(dataset, settings.cv.foldidColumn, 'fold-id');
  if (settings.testRows) requireColumn(dataset, settings.testRows.column, 'test-rows');
  const exclude = settings.features ? settings.exclude : reservedColumns(settings);
  const prepared = prepareDesign(dataset, {
    ...settings,
    exclude,
    targetKind: family.targetKind,
  });
  const penaltyFactor = resolvePenaltyFactors(prepared, settings.penaltyFactor, dataset.fileName);
  const limits = resolveLimits(prepared, settings, dataset.fileName);
  const { train, test } = splitTestRows(dataset, prepared, settings);
  const holdsOut = test.length > 0;
  const rawTrainDesign = holdsOut ? selectRows(prepared.design, train) : prepared.design;
  const trainY = holdsOut ? Float64Array.from(train, (r) => prepared.y[r]!) : prepared.y;
  // Weights and offset per training row; the solver checks them again, and folds index them.
  const rowValues = (values: Float64Array | undefined, rows: Int32Array) =>
    values && (holdsOut ? selectValues(values, rows) : values);
  const trainWeights = rowValues(prepared.weights, train);
  const trainOffset = rowValues(prepared.offset, train);
  // Imputation values come from the training rows only (each CV fold learns its own).
  const impute = prepared.cellsToImpute > 0 ? prepared.groups : undefined;
  const fill = impute ? learnImputation(rawTrainDesign, impute) : undefined;
  const trainDesign = fill ? applyImputation(rawTrainDesign, fill) : rawTrainDesign;

  refuseUnrepresentable(trainDesign, trainY, prepared, settings, dataset.fileName);

  const alphas = settings.alphas && settings.alphas.length > 0 ? settings.alphas : [settings.alpha];
  if (alphas.length > 1 && !settings.cv) {
    throw new DataError(
      'Comparing several α needs cross-validation to choose between them.',
      {},
      'Add --cv K (e.g. --cv 10).',
    );
  }
  const folds = settings.cv ? foldAssignment(dataset, prepared, train, settings.cv) : undefined;
  const nfolds = folds ? folds.labels.length : 0;
  const warnings: Warning[] = [...dataset.warnings, ...prepared.warnings];
  const measure = settings.cv && cvMeasureFor(settings.cv.measure, train.length, nfolds, warnings);
  // Each α is one share of the work: its path is one part, each fold another.
  const parts = 1 + nfolds;
  // Stability selection comes last; a half-sample costs about half a path.
  const subsamples = settings.stability ? 2 * settings.stability.pairs : 0;
  const stabilityShare = subsamples / 2 / (alphas.length * parts + subsamples / 2);
  let reported = 0;
  const tell = (fraction: number, message: string) => {
    if (fraction < reported) return;
    reported = fraction;
    onProgress?.({ fraction, message });
  };
  const report = (alphaIndex: number, partsDone: number, message: string) =>
    tell(
      (1 - stabilityShare) * Math.min(1, (alphaIndex + partsDone / parts) / alphas.length),
      alphas.length > 1 ? `α = ${alphas[alphaIndex]}: ${message}` : message,
    );

  let fitSeconds = 0;
  let cvSeconds = 0;
  const runs: {
    alpha: number;
    path: PathResult;
    cv?: CvSummary;
    outOfFold?: OutOfFold;
    relaxed?: RelaxedRun;
  }[] = [];
  const gammas = [...(settings.gammas ?? DEFAULT_RELAX_GAMMAS)].sort((a, b) => a - b);
  // The chosen path's certificate, after the solve and on a copy (the default answers stay
  // glmnet's); tightening refits only the λ that fail it, when asked.
  const fittedRows = { design: trainDesign, y: trainY, weights: trainWeights, offset: trainOffset };
  const certifyOptions = (alpha: number) => ({
    ...pathOptionsFor(settings, alpha, penaltyFactor),
    weights: trainWeights,
    offset: trainOffset,
  });
  // Without CV the pool's threads are idle while the path is fitted: the certificate's
  // polished copy (binomial, Poisson) starts there now rather than after the fit.
  const polishedCopy = settings.cv
    ? undefined
    : startPolishedCopy(fittedRows, certifyOptions(alphas[0]!), executor, signal);
  const certify = (path: PathResult, alpha: number) =>
    certifyPath(
      fittedRows,
      path,
      certifyOptions(alpha),
      settings.tighten === true,
      executor,
      signal,
      polishedCopy,
    );
  let early: { path: PathResult; certified: ReturnType<typeof certify> } | undefined;
  for (const [alphaIndex, alpha] of alphas.entries()) {
    if (signal?.aborted) throw new SolverCancelledError();
    const options = {
      ...pathOptionsFor(settings, alpha, penaltyFactor, limits),
      weights: trainWeights,
      offset: trainOffset,
    };
    const started = performance.now();
    const path = await executor.runPath(
      { design: trainDesign, y: trainY },
      options,
      (solved, total) => report(alphaIndex, solved / total, `path: λ ${solved} of ${total}`),
      signal,
    );
    // The relaxed refits of the path's active sets (least squares or IRLS at λ = 0).
    const refit = settings.relax ? relaxPath(trainDesign, trainY, null, options, path) : undefined;
    fitSeconds += (performance.now() - started) / 1000;
    report(alphaIndex, 1, settings.relax ? 'path and relaxed refits done' : 'path done');
    warnings.push(
      ...path.diagnostics.warnings.map((w) =>
        namedColumnsIn(w, path.diagnostics.constantColumns, prepared),
      ),
    );
    if (!folds || !settings.cv) {
      runs.push({ alpha, path, ...(refit && { relaxed: { gammas, refit } }) });
      continue;
    }
    // Folds get the raw rows: each learns its own imputation from its training rows.
    const problem: CvProblem = { design: rawTrainDesign, y: trainY, foldid: folds.foldid };
    const tasks = Array.from({ length: nfolds }, (_, fold) => ({
      fold,
      label: String(folds.labels[fold]),
      options,
      alignTo: path.lambda,
      impute,
      relax: settings.relax === true,
    }));
    const cvStarted = performance.now();
    let foldsDone = 0;
    const folding = executor.runFolds(
      problem,
      tasks,
      () => {
        foldsDone++;
        report(alphaIndex, 1 + foldsDone, `cross-validation: fold ${foldsDone} of ${nfolds}`);
      },
      signal,
    );
    if (alphas.length === 1) {
      // With one α this is the path certified at the end: certify it while its folds run on the
      // pool's threads (this one would only wait for them). Its outcome is awaited after the
      // loop; a failure is kept for then, not left unhandled meanwhile.
      const certified = certify(path, alpha);
      certified.catch(() => {});
      early = { path, certified };
    }
    const fits: FoldFit[] = await folding;
    // Until the folds are in: with one α that includes the certificate, when it takes longer.
    cvSeconds += (performance.now() - cvStarted) / 1000;
    for (const fit of fits)
      warnings.push(
        ...fit.warnings.map((w) => namedColumnsIn(w, fit.constantColumns ?? [], prepared)),
      );
    const summary = summarizeCv(trainY, fits, path.lambda, path.df, trainDesign.p, measure!, {
      family: settings.family,
      weights: trainWeights,
      grouped: settings.cv.grouped,
    });
    if (alphaIndex === 0 && settings.cv.grouped !== false && !summary.grouped) {
      warnings.push(
        warning(
          'cv-ungrouped',
          `The ${nfolds} folds average ${(trainY.length / nfolds).toFixed(1)} rows, fewer than ${MIN_ROWS_PER_FOLD_GROUPED}, so the CV standard errors come from the rows' errors instead of the folds' (cv.glmnet's grouped = FALSE, which it enforces here too). Use fewer folds for fold-based standard errors.`,
        ),
      );
    }
    const n = trainY.length;
    const [atLambdaMin, atLambda1se] = [summary.indexMin, summary.index1se].map((l) =>
      outOfFoldPredictions(fits, n, [l]),
    );
    const outOfFold: OutOfFold = {
      atLambdaMin: atLambdaMin!,
      atLambda1se: atLambda1se!,
      all: settings.cv.keep
        ? outOfFoldPredictions(
            fits,
            n,
            path.lambda.map((_, l) => l),
          )
        : undefined,
    };
    const relaxed: RelaxedRun | undefined = refit && {
      gammas,
      refit,
      cv: summarizeRelaxedCv(trainY, fits, path.lambda, path.df, trainDesign.p, measure!, gammas, {
        family: settings.family,
        weights: trainWeights,
        grouped: settings.cv.grouped,
      }),
    };
    runs.push({ alpha, path, cv: summary, outOfFold, ...(relaxed && { relaxed }) });
  }

  // The best α is the one whose λ_min has the best CV value, the lowest error or the largest
  // AUC (ties: the first given).
  const sign = measure && family.solver.cvMaximizes(measure) ? -1 : 1;
  let best = runs[0]!;
  for (const run of runs)
    if (
      run.cv &&
      best.cv &&
      sign * run.cv.cvm[run.cv.indexMin]! < sign * best.cv.cvm[best.cv.indexMin]!
    )
      best = run;
  const certified = await (early?.path === best.path
    ? early.certified
    : certify(best.path, best.alpha));
  best.path = certified.path;
  warnings.push(...certified.warnings);
  warnings.push(
    ...leakageWarnings(
      { design: trainDesign, y: trainY },
      prepared.columns,
      best.path,
      prepared.target,
    ),
  );
  let stability: StabilityBlock | undefined;
  let stabilitySeconds: number | undefined;
  if (settings.stability) {
    const started = performance.now();
    const outcome = await runStability(
      executor,
      { design: trainDesign, y: trainY },
      {
        ...pathOptionsFor(settings, best.alpha, penaltyFactor),
        weights: trainWeights,
        offset: trainOffset,
      },
      best.path.lambda,
      prepared.columns,
      settings.stability,
      (done, total) =>
        tell(
          1 - stabilityShare + (stabilityShare * done) / total,
          `stability selection: subsample ${done} of ${total}`,
        ),
      signal,
    );
    stability = outcome.block;
    warnings.push(...outcome.warnings);
    stabilitySeconds = (performance.now() - started) / 1000;
  }
  const alphaSearch =
    runs.length > 1
      ? {
          bestAlpha: best.alpha,
          candidates: runs.map((run) => alphaCandidate(run, run === best)),
        }
      : undefined;

  let testScores: TestScores | undefined;
  let heldOut: AnalysisRun['heldOut'];
  if (test.length > 0) {
    const testDesign = selectRows(prepared.design, test);
    heldOut = {
      design: fill ? applyImputation(testDesign, fill) : testDesign,
      y: Float64Array.from(test, (r) => prepared.y[r]!),
      weights: prepared.weights && selectValues(prepared.weights, test),
      offset: prepared.offset && selectValues(prepared.offset, test),
    };
    testScores = scoreTest(heldOut, best.path, best.cv, family);
  }
  return {
    prepared,
    trainRows: train,
    testRows: test,
    path: best.path,
    cv:
      best.cv && best.outOfFold && folds
        ? { ...best.cv, foldid: folds.foldid, foldLabels: folds.labels, outOfFold: best.outOfFold }
        : undefined,
    alphaSearch,
    relaxed: best.relaxed,
    stability,
    certificate: certified.certificate ?? undefined,
    test: testScores,
    warnings,
    informationCriteria: informationCriteria(
      {
        family: settings.family,
        design: trainDesign,
        y: trainY,
        weights: trainWeights,
        offset: trainOffset,
        alpha: best.path.options.alpha,
        intercept: best.path.options.intercept,
        penaltyFactor: best.path.options.penaltyFactor,
        xScale: best.path.standardization.xScale,
        lambda: best.path.lambda,
        a0: best.path.a0,
        beta: best.path.beta,
      },
      settings.informationCriteria,
    ),
    timing: {
      fitSeconds,
      cvSeconds,
      ...(stabilitySeconds !== undefined && { stabilitySeconds }),
    },
    imputation: fill,
    fitted: { design: trainDesign, y: trainY, weights: trainWeights, offset: trainOffset },
    heldOut,
  };
}

/**
 * Values too large or too small for a fit in double precision, refused by name (the solver
 * refuses them too, by number): a target whose sum of squared deviations overflows or
 * underflows, and without standardization a feature whose does. Standardized features of any
 * finite size are fine: the solver scales them by their largest magnitude first.
 */
function refuseUnrepresentable(
  design: DesignMatrix,
  y: Float64Array,
  prepared: PreparedDesign,
  settings: AnalysisSettings,
  file: string,
): void {
  const { n } = design;
  const target = squaresFit(y, settings.intercept, 0, n);
  if (target === 'too large') {
    throw new DataError(
      `The target's values are so large that the sum of their squared deviations overflows double precision, so no fit can be computed.`,
      { file, column: prepared.target },
      'Rescale the target, for example divide it by 1e100 (its coefficients scale with it).',
    );
  }
  if (target === 'too small') {
    throw new DataError(
      `The target's values are so small that their squared deviations underflow double precision, so no fit can be computed.`,
      { file, column: prepared.target },
      'Rescale the target, for example multiply it by 1e100 (its coefficients scale with it).',
    );
  }
  if (settings.standardize) return;
  prepared.columns.forEach((column, j) => {
    const fit = squaresFit(design.values, settings.intercept, j * n, n);
    if (fit === 'fits') return;
    throw new DataError(
      fit === 'too large'
        ? `The feature's values are so large that the sum of their squares overflows double precision without standardization.`
        : `The feature's values are so small that the sum of their squares underflows double precision without standardization.`,
      { file, column: column.name },
      fit === 'too large'
        ? 'Standardize the features, or rescale this one (for example, divide it by 1e100).'
        : 'Standardize the features, or rescale this one (for example, multiply it by 1e100).',
    );
  });
}

/**
 * Run an analysis where its executor wants it: on the worker pool the whole of it, design
 * preparation included, runs on a worker thread; otherwise here (runAnalysis).
 */
export function analyze(
  dataset: Dataset,
  settings: AnalysisSettings,
  hooks: RunHooks = {},
): Promise<AnalysisRun> {
  const { executor, ...rest } = hooks;
  if (executor?.runAnalysis) return executor.runAnalysis(dataset, settings, rest);
  return runAnalysis(dataset, settings, hooks);
}

/**
 * The solver numbers constant columns; users (and code acting on `columns`) want their names.
 * A fold's warning keeps its fold, and its "Fold k: " prefix, so it can be grouped.
 */
function namedColumnsIn(warning: Warning, constant: number[], prepared: PreparedDesign): Warning {
  if (warning.code !== 'constant-column' || constant.length === 0) return warning;
  const columns = constant.map((j) => prepared.columns[j]!.name);
  const names = columns.map((name) => `'${name}'`).join(', ');
  const them = columns.length === 1 ? 'its coefficient is' : 'their coefficients are';
  const message = `Constant ${nounFor(columns.length, 'feature')} ${names} cannot be fitted; ${them} reported as 0.`;
  return {
    code: 'constant-column',
    columns,
    ...(warning.fold === undefined ? {} : { fold: warning.fold }),
    message: warning.fold === undefined ? message : `${foldPrefix(warning.fold)}${message}`,
  };
}
