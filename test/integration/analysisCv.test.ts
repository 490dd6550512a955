/** runAnalysis with cross-validation: row-order independence and worker-pool equivalence. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { AnalysisPool } from '../../electron/workers/analysisPool';
import { analyze, runAnalysis } from '../../shared/analysis/run';
import { DEFAULT_SETTINGS } from '../../shared/analysis/settings';
import { readCsvText } from '../../shared/data/csv';
import { mulberry32, permutation } from '../../shared/solver/random';
import { examplesDir } from '../helpers/fixtures';

const text = readFileSync(join(examplesDir, 'diabetes.csv'), 'utf8');
const [header, ...rows] = text.trim().split('\n');
const withFold = (lines: string[]) =>
  readCsvText([`${header},fold`, ...lines].join('\n'), { fileName: 'diabetes.csv' });
// Fold ids tied to the rows themselves, so they travel with a row when rows are shuffled.
const tagged = rows.map((line, i) => `${line},${(i * 7) % 5}`);

const settings = {
  ...DEFAULT_SETTINGS,
  target: 'y',
  alpha: 0.7,
  thresh: 1e-12,
  cv: { nfolds: 10, seed: 0, foldidColumn: 'fold', measure: 'mse' as const },
};

describe('cross-validation through runAnalysis', () => {
  const pool = new AnalysisPool({ threads: 2 });
  afterAll(() => pool.close());

  it('does not depend on row order when the folds come from a column', async () => {
    const order = permutation(tagged.length, mulberry32(99));
    const shuffled = Array.from(order, (i) => tagged[i]!);
    const a = await runAnalysis(withFold(tagged), settings);
    const b = await runAnalysis(withFold(shuffled), settings);
    expect(b.path.lambda.length).toBe(a.path.lambda.length);
    b.cv!.cvm.forEach((v, l) => {
      expect(Math.abs(v - a.cv!.cvm[l]!) / a.cv!.cvm[l]!).toBeLessThan(1e-9);
    });
    b.cv!.cvsd.forEach((v, l) => {
      expect(Math.abs(v - a.cv!.cvsd[l]!) / a.cv!.cvsd[l]!).toBeLessThan(1e-8);
    });
    expect(b.cv!.lambdaMin).toBeCloseTo(a.cv!.lambdaMin, 12);
    expect(b.cv!.lambda1se).toBeCloseTo(a.cv!.lambda1se, 12);
  });

  it('gives identical results on worker threads and in process, with progress to the end', async () => {
    const data = withFold(tagged);
    const random = { ...settings, cv: { nfolds: 10, seed: 3, measure: 'mae' as const } };
    const progress: number[] = [];
    const inProcess = await runAnalysis(data, random);
    const pooled = await runAnalysis(data, random, {
      executor: pool,
      onProgress: ({ fraction }) => progress.push(fraction),
    });
    expect(pooled.cv!.cvm).toEqual(inProcess.cv!.cvm);
    expect(pooled.cv!.selectionFrequency).toEqual(inProcess.cv!.selectionFrequency);
    expect(pooled.path.beta).toEqual(inProcess.path.beta);
    expect(progress).toEqual([...progress].sort((x, y) => x - y));
    expect(progress.at(-1)).toBe(1);
    expect(progress.length).toBeGreaterThanOrEqual(11);
  });

  it('gives the same result when the whole analysis runs on a worker thread', async () => {
    const random = { ...settings, cv: { nfolds: 10, seed: 3, measure: 'mae' as const } };
    const inProcess = await runAnalysis(withFold(tagged), random);
    const progress: number[] = [];
    const onWorker = await analyze(withFold(tagged), random, {
      executor: pool,
      onProgress: ({ fraction }) => progress.push(fraction),
    });
    expect(onWorker.cv!.cvm).toEqual(inProcess.cv!.cvm);
    expect(onWorker.path.beta).toEqual(inProcess.path.beta);
    expect(onWorker.prepared.rowIndex).toEqual(inProcess.prepared.rowIndex);
    expect(Array.from(onWorker.fitted.design.values)).toEqual(
      Array.from(inProcess.fitted.design.values),
    );
    expect(progress.at(-1)).toBe(1);
  });

  // y varies only on the rows of fold 3: fold 3's training rows (all the others) are constant.
  const constantOutsideFold3 = rows.map((line, i) => {
    const fold = (i % 5) + 1;
    const cells = line.split(',');
    if (fold !== 3) cells[cells.length - 1] = '1';
    return `${cells.join(',')},${fold}`;
  });

  it.each([
    ['in process', undefined],
    ['on worker threads', 'pool'],
    ['as a whole on a worker', 'analyze'],
  ])('names the fold whose training rows have a constant target (%s)', async (_, where) => {
    const data = withFold(constantOutsideFold3);
    const run =
      where === 'analyze'
        ? analyze(data, settings, { executor: pool })
        : runAnalysis(data, settings, { executor: where ? pool : undefined });
    await expect(run).rejects.toMatchObject({
      name: 'SolverInputError',
      message: expect.stringMatching(/^fold 3: the target is constant on its training rows/),
    });
  });
});
