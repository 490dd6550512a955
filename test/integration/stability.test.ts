/**
 * Stability selection on the worker pool: the same numbers as in process, both with the
 * pool as executor and with the whole analysis on a worker (its subsamples come back to the
 * pool), progress to the end, and a cancel during the subsamples that stops the job at once.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { AnalysisPool } from '../../electron/workers/analysisPool';
import { analyze, runAnalysis } from '../../shared/analysis/run';
import { DEFAULT_SETTINGS } from '../../shared/analysis/settings';
import { readCsvText } from '../../shared/data/csv';
import { SolverCancelledError } from '../../shared/solver/errors';
import { examplesDir } from '../helpers/fixtures';

const dataset = () =>
  readCsvText(readFileSync(join(examplesDir, 'diabetes.csv'), 'utf8'), {
    fileName: 'diabetes.csv',
  });
const settings = {
  ...DEFAULT_SETTINGS,
  target: 'y',
  nlambda: 40,
  cv: { nfolds: 5, seed: 2, measure: 'mse' as const },
  stability: { pairs: 12, threshold: 0.7, seed: 3 },
};

describe('stability selection on the worker pool', () => {
  const pool = new AnalysisPool({ threads: 2 });
  afterAll(() => pool.close());

  it('gives the numbers it gives in process, with progress to the end', async () => {
    const inProcess = (await runAnalysis(dataset(), settings)).stability!;
    for (const run of [
      (onProgress: (p: { fraction: number }) => void) =>
        runAnalysis(dataset(), settings, { executor: pool, onProgress }),
      (onProgress: (p: { fraction: number }) => void) =>
        analyze(dataset(), settings, { executor: pool, onProgress }),
    ]) {
      const progress: number[] = [];
      const pooled = (await run(({ fraction }) => progress.push(fraction))).stability!;
      const { seconds: _a, ...mine } = pooled;
      const { seconds: _b, ...theirs } = inProcess;
      expect(mine).toEqual(theirs);
      expect(progress).toEqual([...progress].sort((x, y) => x - y));
      expect(progress.at(-1)).toBe(1);
    }
  });

  it('stops within 300 ms when cancelled during the subsamples', async () => {
    const controller = new AbortController();
    let asked = 0;
    const running = analyze(
      dataset(),
      { ...settings, nlambda: 100, stability: { ...settings.stability, pairs: 200 } },
      {
        executor: pool,
        signal: controller.signal,
        onProgress: ({ message }) => {
          if (!asked && message.includes('subsample 5 of')) {
            asked = performance.now();
            controller.abort();
          }
        },
      },
    );
    await expect(running).rejects.toBeInstanceOf(SolverCancelledError);
    expect(asked).toBeGreaterThan(0);
    expect(performance.now() - asked).toBeLessThan(300);
    // The pool is still usable afterwards.
    const after = await runAnalysis(dataset(), settings, { executor: pool });
    expect(after.stability!.subsamples).toBe(24);
  });
});
