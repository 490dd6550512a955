/**
 * Running fold jobs. An executor takes one CV problem and its fold tasks and returns the
 * fold fits; the in-process executor here runs them one by one, a worker-pool executor
 * (electron/workers) runs them in parallel on the same contract.
 */
import type { FeatureGroup } from '../data/impute';
import { type FoldFit, fitFold } from '../solver/cv';
import { SolverCancelledError } from '../solver/errors';
import type { DesignMatrix, PathOptions } from '../solver/types';

export interface CvProblem {
  design: DesignMatrix;
  y: Float64Array;
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

export interface FoldExecutor {
  runFolds(
    problem: CvProblem,
    tasks: readonly FoldTask[],
    onFoldDone?: (fit: FoldFit) => void,
    signal?: AbortSignal,
  ): Promise<FoldFit[]>;
}

export const inProcessExecutor: FoldExecutor = {
  async runFolds(problem, tasks, onFoldDone, signal) {
    const fits: FoldFit[] = [];
    for (const task of tasks) {
      // Yield between folds so a cancel request can be noticed.
      await new Promise((resolve) => setTimeout(resolve, 0));
      if (signal?.aborted) throw new SolverCancelledError();
      const fit = fitFold(
        problem.design,
        problem.y,
        problem.foldid,
        task.fold,
        task.options,
        task.alignTo,
      );
      onFoldDone?.(fit);
      fits.push(fit);
    }
    return fits;
  },
};
