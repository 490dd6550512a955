/**
 * Where the heavy work runs. An executor fits paths and CV folds for runAnalysis; the
 * in-process executor here does it on the calling thread, the worker-pool executor
 * (electron/workers/analysisPool.ts) on worker threads, on the same contract.
 */
import type { Dataset } from '../data/dataset';
import { type FeatureGroup, imputeWithinFold } from '../data/impute';
import { type FoldFit, fitFold } from '../solver/cv';
import { SolverCancelledError, SolverInputError } from '../solver/errors';
import { fitPath } from '../solver/path';
import { fitSubsample, type SubsampleFit } from '../solver/stability';
import type { DesignMatrix, PathOptions, PathResult } from '../solver/types';
import type { AnalysisRun, RunHooks } from './run';
import type { AnalysisSettings } from './settings';

export interface PathProblem {
  design: DesignMatrix;
  y: Float64Array;
}

export interface CvProblem extends PathProblem {
  /** 0-based fold of each row. */
  foldid: Int32Array;
}

export interface FoldTask {
  fold: number;
  /** The fold as the user knows it (its fold id, or 1 … K), for error messages. */
  label: string;
  options: Partial<PathOptions>;
  /** The full fit's λ sequence, at which held-out predictions are made. */
  alignTo: number[];
  /** Impute missing cells from the fold's training rows (feature groups of the design). */
  impute?: FeatureGroup[] | undefined;
  /** Also the relaxed refits' held-out predictions (shared/solver/relaxed.ts). */
  relax?: boolean | undefined;
}

/** One stability-selection subsample: its rows, fitted on the full fit's λ sequence. */
export interface SubsampleTask {
  index: number;
  rows: Int32Array;
  options: Partial<PathOptions>;
  lambda: number[];
}

export interface AnalysisExecutor {
  runPath(
    problem: PathProblem,
    options: Partial<PathOptions>,
    onLambda?: (solved: number, total: number) => void,
    signal?: AbortSignal,
  ): Promise<PathResult>;
  runFolds(
    problem: CvProblem,
    tasks: readonly FoldTask[],
    onFoldDone?: (fit: FoldFit) => void,
    signal?: AbortSignal,
  ): Promise<FoldFit[]>;
  /**
   * A path fitted on another thread while the caller's goes on with its own work: speculative
   * work that the caller may cancel through `signal` once it knows it needs none of it (the
   * certificate's polished copy, certify.ts). Executors with one thread leave it out.
   */
  runPathAside?(
    problem: PathProblem,
    options: Partial<PathOptions>,
    signal: AbortSignal,
  ): Promise<PathResult>;
  /** Stability selection's subsamples, independent like folds (shared/solver/stability.ts). */
  runSubsamples(
    problem: PathProblem,
    tasks: readonly SubsampleTask[],
    onDone?: (fit: SubsampleFit) => void,
    signal?: AbortSignal,
  ): Promise<SubsampleFit[]>;
  /**
   * The whole analysis, design preparation included, off the calling thread (the worker
   * pool): an executor that has it keeps the caller's event loop free (see `analyze`).
   */
  runAnalysis?(
    dataset: Dataset,
    settings: AnalysisSettings,
    hooks: Omit<RunHooks, 'executor'>,
  ): Promise<AnalysisRun>;
}

/**
 * A fold that cannot be fitted, as one error that names the fold. The solver's own words
 * ("the target is constant") would be wrong for the fold: the whole target varies.
 */
export function foldFailure(error: unknown, task: Pick<FoldTask, 'label'>): unknown {
  if (!(error instanceof SolverInputError)) return error;
  if (error.reason === 'constant-target') {
    return new SolverInputError(
      `fold ${task.label}: the target is constant on its training rows (the rows of all other folds), so this fold cannot be fitted (with two classes: one class occurs only in this fold). With a fold-id column, change the fold ids so that the rows outside each fold have varying target values, or use random folds; with random folds, use fewer folds or another seed.`,
      error.reason,
    );
  }
  return new SolverInputError(`fold ${task.label}: ${error.message}`, error.reason);
}

/** A subsample that cannot be fitted (say, one class only), as an error that names it. */
export function subsampleFailure(error: unknown, task: Pick<SubsampleTask, 'index'>): unknown {
  if (!(error instanceof SolverInputError)) return error;
  const why =
    error.reason === 'constant-target'
      ? 'the target is constant on its rows, so stability selection cannot fit it; with two classes, one class is too rare for half-samples. Use another stability seed, or leave stability selection out.'
      : error.message;
  return new SolverInputError(`stability subsample ${task.index + 1}: ${why}`, error.reason);
}

/** Let pending events (a cancel request) run before the next piece of work. */
const yieldToEvents = () => new Promise((resolve) => setTimeout(resolve, 0));

export const inProcessExecutor: AnalysisExecutor = {
  async runPath(problem, options, onLambda, signal) {
    await yieldToEvents();
    if (signal?.aborted) throw new SolverCancelledError();
    return fitPath(problem.design, problem.y, options, (solved, total) => {
      onLambda?.(solved, total);
      return signal?.aborted;
    });
  },
  async runFolds(problem, tasks, onFoldDone, signal) {
    const fits: FoldFit[] = [];
    for (const task of tasks) {
      await yieldToEvents();
      if (signal?.aborted) throw new SolverCancelledError();
      let fit: FoldFit;
      try {
        fit = fitFold(
          problem.design,
          problem.y,
          problem.foldid,
          task.fold,
          task.options,
          task.alignTo,
          task.impute && imputeWithinFold(task.impute),
          () => signal?.aborted === true,
          task.relax === true,
        );
      } catch (error) {
        throw foldFailure(error, task);
      }
      onFoldDone?.(fit);
      fits.push(fit);
    }
    return fits;
  },
  async runSubsamples(problem, tasks, onDone, signal) {
    const fits: SubsampleFit[] = [];
    for (const task of tasks) {
      await yieldToEvents();
      if (signal?.aborted) throw new SolverCancelledError();
      let fit: SubsampleFit;
      try {
        fit = fitSubsample(
          problem.design,
          problem.y,
          task.index,
          task.rows,
          task.options,
          task.lambda,
          () => signal?.aborted === true,
        );
      } catch (error) {
        throw subsampleFailure(error, task);
      }
      onDone?.(fit);
      fits.push(fit);
    }
    return fits;
  },
};
