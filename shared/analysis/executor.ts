/**
 * Where the heavy work runs. An executor fits paths and CV folds for runAnalysis; the
 * in-process executor here does it on the calling thread, the worker-pool executor
 * (electron/workers/analysisPool.ts) on worker threads, on the same contract.
 */
import { type FeatureGroup, imputeWithinFold } from '../data/impute';
import { type FoldFit, fitFold } from '../solver/cv';
import { SolverCancelledError } from '../solver/errors';
import { fitPath } from '../solver/path';
import type { DesignMatrix, PathOptions, PathResult } from '../solver/types';

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
  options: Partial<PathOptions>;
  /** The full fit's λ sequence, at which held-out predictions are made. */
  alignTo: number[];
  /** Impute missing cells from the fold's training rows (feature groups of the design). */
  impute?: FeatureGroup[] | undefined;
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
      const fit = fitFold(
        problem.design,
        problem.y,
        problem.foldid,
        task.fold,
        task.options,
        task.alignTo,
        task.impute && imputeWithinFold(task.impute),
      );
      onFoldDone?.(fit);
      fits.push(fit);
    }
    return fits;
  },
};
