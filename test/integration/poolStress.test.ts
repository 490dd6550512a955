/**
 * The worker pool under stress: many concurrent jobs, cancelled at random moments (also just as
 * a worker finishes, while the main thread is busy), and CV jobs with a fold that cannot be fitted.
 * Nothing may crash the process and every job settles: resolved, cancelled, or rejected with the
 * error that names the failing fold. Bounded: a fixed number of jobs, each with a deadline.
 */
import { getEventListeners } from 'node:events';
import { afterAll, describe, expect, it } from 'vitest';
import { denseProblem } from '../../bench/problems';
import { loadDatasetBytes } from '../../electron/services/datasets';
import { AnalysisPool } from '../../electron/workers/analysisPool';
import type { FoldTask } from '../../shared/analysis/executor';
import { type AnalysisSettings, DEFAULT_SETTINGS } from '../../shared/analysis/settings';
import { SolverCancelledError, SolverInputError } from '../../shared/solver/errors';
import type { DesignMatrix } from '../../shared/solver/types';

const pool = new AnalysisPool({ threads: 2, startThreads: true });
await pool.ready();
afterAll(() => pool.close());

const NFOLDS = 10;
const foldid = Int32Array.from({ length: 400 }, (_, i) => i % NFOLDS);
const varying = denseProblem(400, 5, 7);
/** Constant y outside fold 2 (label "3"): that fold's training rows have a constant target. */
const constantOutsideFold3 = {
  design: varying.design,
  y: Float64Array.from(varying.y, (v, i) => (foldid[i] === 2 ? v : 1)),
};

/** The same two problems as CSV datasets with a fold column, for whole analyses on the pool. */
function datasetOf(problem: { design: DesignMatrix; y: Float64Array }) {
  const rows = Array.from({ length: problem.design.n }, (_, i) => {
    const cells = Array.from(
      { length: problem.design.p },
      (_, j) => problem.design.values[j * problem.design.n + i],
    );
    return [...cells, foldid[i]! + 1, problem.y[i]].join(',');
  });
  const header = [...Array.from({ length: problem.design.p }, (_, j) => `x${j + 1}`), 'fold', 'y'];
  const csv = `${header.join(',')}\n${rows.join('\n')}\n`;
  return loadDatasetBytes(new TextEncoder().encode(csv), 'stress.csv').dataset;
}
const varyingData = datasetOf(varying);
const constantData = datasetOf(constantOutsideFold3);
const cvSettings: AnalysisSettings = {
  ...DEFAULT_SETTINGS,
  target: 'y',
  cv: { nfolds: NFOLDS, seed: 1, measure: 'mse', foldidColumn: 'fold' },
};

/** Small deterministic generator, so that a failure can be replayed. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 16807) % 2147483647;
    return state / 2147483647;
  };
}

function busyMainThread(ms: number): void {
  const until = performance.now() + ms;
  while (performance.now() < until) Math.sqrt(Math.random());
}

/** The folds of a CV on the varying problem's λ sequence. */
async function foldTasks(): Promise<FoldTask[]> {
  const full = await pool.runPath(varying, { nlambda: 100 });
  return Array.from({ length: NFOLDS }, (_, fold) => ({
    fold,
    label: String(fold + 1),
    options: { nlambda: 100 },
    alignTo: full.lambda,
  }));
}

type Outcome = 'done' | 'cancelled' | 'fold failed';

/** A job's outcome, or a failure of the test if it does not settle in time or fails otherwise. */
async function settle(job: Promise<unknown>): Promise<Outcome> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('a job did not settle within 20 s')), 20_000);
  });
  try {
    await Promise.race([job, deadline]);
    return 'done';
  } catch (error) {
    if (error instanceof SolverCancelledError) return 'cancelled';
    if (
      error instanceof SolverInputError &&
      /^fold 3: the target is constant on its training rows/.test(error.message)
    )
      return 'fold failed';
    throw error;
  } finally {
    clearTimeout(timer);
  }
}

describe('worker pool stress', () => {
  it('survives random cancels, failing folds and concurrent jobs; every job settles', async () => {
    const stray: unknown[] = [];
    const onStray = (error: unknown) => stray.push(error);
    process.on('uncaughtException', onStray);
    process.on('unhandledRejection', onStray);
    const next = random(20261201);
    const tasks = await foldTasks();
    const counts: Record<Outcome, number> = { done: 0, cancelled: 0, 'fold failed': 0 };
    try {
      // A failing fold alone, again and again: the other folds' replies are on their way when
      // it fails and the job cancels them.
      for (let k = 0; k < 40; k++) {
        counts[await settle(pool.runFolds({ ...constantOutsideFold3, foldid }, tasks))]++;
      }
      expect(counts['fold failed']).toBe(40);
      // 8 rounds of 7 concurrent jobs: CVs (one with a failing fold), paths and whole analyses,
      // each cancelled at a random moment (sometimes while the main thread is busy, so that replies pile up).
      for (let round = 0; round < 8; round++) {
        const jobs = Array.from({ length: 7 }, (_, j) => {
          const controller = new AbortController();
          const { signal } = controller;
          const job = [
            () => pool.runFolds({ ...constantOutsideFold3, foldid }, tasks, undefined, signal),
            () => pool.runFolds({ ...varying, foldid }, tasks, undefined, signal),
            () => pool.runPath(varying, { nlambda: 50 }, undefined, signal),
            () => pool.runFolds({ ...varying, foldid }, tasks, undefined, signal),
            () => pool.runAnalysis(constantData, cvSettings, { signal }),
            () => pool.runAnalysis(varyingData, cvSettings, { signal }),
            () => pool.runAnalysis(varyingData, { ...cvSettings, cv: undefined }, { signal }),
          ][j]!();
          const delay = Math.floor(next() * 40);
          const busy = next() < 0.5 ? Math.floor(next() * 30) : 0;
          // Busy first: workers finish and post their replies meanwhile, and the cancel
          // lands before the main thread has read them.
          setTimeout(() => {
            busyMainThread(busy);
            controller.abort();
          }, delay);
          return settle(job);
        });
        for (const outcome of await Promise.all(jobs)) counts[outcome]++;
      }
      // The failing fold is reported as itself, never as a crash, whatever its timing.
      const failing = await settle(pool.runFolds({ ...constantOutsideFold3, foldid }, tasks));
      expect(failing).toBe('fold failed');
      // And the pool still fits afterwards.
      const path = await pool.runPath(varying, { nlambda: 20 });
      expect(path.diagnostics.converged).toBe(true);
      // Give late replies of cancelled tasks time to arrive before looking for strays.
      await new Promise((resolve) => setTimeout(resolve, 500));
    } finally {
      process.off('uncaughtException', onStray);
      process.off('unhandledRejection', onStray);
    }
    expect(stray).toEqual([]);
    expect(counts.done + counts.cancelled + counts['fold failed']).toBe(96);
    expect(counts.cancelled).toBeGreaterThan(0);
  }, 120_000);

  it('terminates a task that ignores its stop flag, and the pool goes on', async () => {
    const controller = new AbortController();
    const problem = { n: 1, p: 1, values: new SharedArrayBuffer(8), y: new SharedArrayBuffer(8) };
    const spinning = pool.run({ kind: 'spin', ...problem }, 'testing cancel', controller.signal);
    setTimeout(() => controller.abort(), 100);
    await expect(spinning).rejects.toBeInstanceOf(SolverCancelledError);
    const path = await pool.runPath(varying, { nlambda: 20 });
    expect(path.lambda.length).toBeGreaterThan(1);
  }, 30_000);

  it('runs a CV of any number of folds with one abort listener on the job, removed when it ends', async () => {
    // One listener per fold on a shared signal passed 10 at 11 folds (MaxListenersExceededWarning)
    const full = await pool.runPath(varying, { nlambda: 20 });
    const folds = Array.from({ length: 12 }, (_, fold) => ({
      fold,
      label: String(fold + 1),
      options: { nlambda: 20 },
      alignTo: full.lambda,
    }));
    const warnings: Error[] = [];
    const onWarning = (warning: Error) => warnings.push(warning);
    process.on('warning', onWarning);
    try {
      const controller = new AbortController();
      const twelve = Int32Array.from({ length: 400 }, (_, i) => i % 12);
      const job = pool.runFolds(
        { ...varying, foldid: twelve },
        folds,
        undefined,
        controller.signal,
      );
      expect(getEventListeners(controller.signal, 'abort')).toHaveLength(1);
      expect(await job).toHaveLength(12);
      expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0);
      // A warning is emitted on the next tick.
      await new Promise((resolve) => setImmediate(resolve));
    } finally {
      process.off('warning', onWarning);
    }
    expect(warnings.map((warning) => warning.name)).not.toContain('MaxListenersExceededWarning');
  }, 30_000);
});
