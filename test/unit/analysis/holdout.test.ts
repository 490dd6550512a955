/**
 * The random hold-out (settings.testSplit, issue 16 item 9): seeded and reproducible, disjoint
 * from the fitted rows, the fraction right, exclusive with test rows chosen by a column, and
 * the same through the CLI flags and the result.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseFitArgs } from '../../../electron/cli/fitArgs';
import { analysisResult } from '../../../shared/analysis/result';
import { randomTestRows, runAnalysis } from '../../../shared/analysis/run';
import { settingsProblems } from '../../../shared/analysis/schema';
import { type AnalysisSettings, DEFAULT_SETTINGS } from '../../../shared/analysis/settings';
import { readCsvText } from '../../../shared/data/csv';
import { renderReport } from '../../../shared/report/html';
import { pysparkCode, pythonCode, rCode } from '../../../shared/report/reproduce';
import { cli, fitJson } from '../../helpers/cli';
import { fixturesDir } from '../../helpers/fixtures';

const diabetesPath = join(fixturesDir, 'data/diabetes.csv');
const diabetes = () =>
  readCsvText(readFileSync(diabetesPath, 'utf8'), { fileName: 'diabetes.csv' });
const base: AnalysisSettings = { ...DEFAULT_SETTINGS, target: 'y', nlambda: 20 };

describe('randomTestRows', () => {
  it('holds out round(fraction · n) rows, disjoint from the rest, together every row once', () => {
    for (const [n, fraction] of [
      [442, 0.2],
      [10, 0.25],
      [7, 0.5],
      [1000, 0.01],
    ] as const) {
      const { train, test } = randomTestRows(n, fraction, 3);
      expect(test.length).toBe(Math.round(fraction * n));
      expect(train.length + test.length).toBe(n);
      const all = [...train, ...test].sort((a, b) => a - b);
      expect(all).toEqual(Array.from({ length: n }, (_, r) => r));
      // Both in row order.
      expect([...test]).toEqual([...test].sort((a, b) => a - b));
      expect([...train]).toEqual([...train].sort((a, b) => a - b));
    }
  });

  it('is the same for the same seed and differs for another', () => {
    const a = randomTestRows(442, 0.2, 1).test;
    expect([...randomTestRows(442, 0.2, 1).test]).toEqual([...a]);
    expect([...randomTestRows(442, 0.2, 2).test]).not.toEqual([...a]);
    // Not simply the first or last rows.
    expect(a[0]).toBeLessThan(20);
    expect(a.at(-1)).toBeGreaterThan(420);
  });
});

describe('settings.testSplit through runAnalysis and the result', () => {
  it('fits on the other rows, scores the held-out ones, and lists them by file row', async () => {
    const settings = { ...base, testSplit: { fraction: 0.2, seed: 5 } };
    const dataset = diabetes();
    const run = await runAnalysis(dataset, settings);
    expect(run.testRows.length).toBe(88);
    expect(run.trainRows.length).toBe(442 - 88);
    expect(run.test?.n).toBe(88);
    expect(run.test?.mse).toHaveLength(run.path.lambda.length);
    const result = analysisResult(
      run,
      settings,
      { file: 'diabetes.csv', sha256: '0' },
      { readSeconds: 0 },
    );
    expect(result.settings.testSplit).toEqual({ fraction: 0.2, seed: 5 });
    expect(result.data.rowsTest).toBe(88);
    expect(result.data.heldOutRows).toEqual(
      Array.from(randomTestRows(442, 0.2, 5).test, (r) => r + 1),
    );
    // The fitted y are exactly the rows not held out.
    const held = new Set(result.data.heldOutRows);
    const y = dataset.columns.find((c) => c.name === 'y')!;
    const expected = Array.from({ length: 442 }, (_, r) => r)
      .filter((r) => !held.has(r + 1))
      .map((r) => (y.kind === 'numeric' ? y.values[r] : Number.NaN));
    expect([...run.fitted.y]).toEqual(expected);
  });

  it('draws from the rows left after the row filters and missing values', async () => {
    const run = await runAnalysis(diabetes(), {
      ...base,
      features: ['age', 'bmi'],
      rows: [{ column: 'sex', value: '2' }],
      testSplit: { fraction: 0.5, seed: 1 },
    });
    expect(run.trainRows.length + run.testRows.length).toBe(207);
    expect(run.testRows.length).toBe(Math.round(0.5 * 207));
  });

  it('refuses a share that rounds to no row, and one that leaves under 2 to fit', async () => {
    await expect(
      runAnalysis(diabetes(), { ...base, testSplit: { fraction: 0.001, seed: 1 } }),
    ).rejects.toThrow(/rounds to no row/);
    await expect(
      runAnalysis(diabetes(), { ...base, testSplit: { fraction: 0.999, seed: 1 } }),
    ).rejects.toThrow(/leaves 0 rows to fit on/);
  });

  it('is refused with test rows chosen by a column, and outside (0, 1), in the schema’s words', () => {
    expect(
      settingsProblems({
        ...base,
        testRows: { column: 'sex', value: '1' },
        testSplit: { fraction: 0.2, seed: 1 },
      }),
    ).toEqual([
      {
        path: ['testSplit'],
        message: 'cannot be combined with test rows chosen by a column: choose one test set',
      },
    ]);
    for (const fraction of [0, 1, -0.1, Number.NaN])
      expect(settingsProblems({ ...base, testSplit: { fraction, seed: 1 } })[0]?.message).toBe(
        'must be a fraction strictly between 0 and 1, such as 0.2',
      );
  });
});

describe('the report and its code name the random hold-out', () => {
  it('lists the held-out rows as literals in R and Python, and says Spark fits every row', async () => {
    const settings = { ...base, testSplit: { fraction: 0.1, seed: 2 }, lambda: [0.5] };
    const run = await runAnalysis(diabetes(), settings);
    const result = analysisResult(
      run,
      settings,
      { file: 'diabetes.csv', sha256: '0' },
      { readSeconds: 0 },
    );
    const rows = result.data.heldOutRows!.join(', ');
    const options = { index: 0, dataPath: 'diabetes.csv' };
    expect(rCode(result, options)).toContain(`held_out <- c(${rows})\ntest <- d[held_out, ]`);
    expect(pythonCode(result, options)).toContain(`held_out = np.array([${rows}]) - 1`);
    expect(pysparkCode(result, options)).toContain('this fits on every row');
    const html = renderReport({ result, selectedIndex: 0, generatedAt: new Date(0) });
    expect(html).toContain('a random 10% (seed 2, mulberry32): 44 rows');
    expect(html).toContain('exact fit at the given λ = 0.5');
  });
});

describe('the CLI: --test-fraction and --test-seed', () => {
  const args = ['--data', diabetesPath, '--target', 'y'];
  it('become settings.testSplit, with the seed defaulting to 1', () => {
    expect(parseFitArgs([...args, '--test-fraction', '0.2']).settings.testSplit).toEqual({
      fraction: 0.2,
      seed: 1,
    });
    expect(
      parseFitArgs([...args, '--test-fraction', '0.3', '--test-seed', '9']).settings.testSplit,
    ).toEqual({ fraction: 0.3, seed: 9 });
  });

  it('refuse a bad fraction, a lone seed, and both kinds of test set', () => {
    expect(() => parseFitArgs([...args, '--test-fraction', '20'])).toThrow(
      "--test-fraction must be a fraction strictly between 0 and 1, such as 0.2; got '20'.",
    );
    expect(() => parseFitArgs([...args, '--test-seed', '2'])).toThrow(/add --test-fraction/);
    expect(() => parseFitArgs([...args, '--test-fraction', '0.2', '--test-rows', 'sex=1'])).toThrow(
      /keep one of them/,
    );
  });

  it('writes the held-out rows to --json', async () => {
    const { run, json: result } = await fitJson(
      ...args,
      '--test-fraction',
      '0.25',
      '--test-seed',
      '4',
    );
    expect(run.code, run.stderr).toBe(0);
    const summary = await cli('fit', ...args, '--test-fraction', '0.25', '--test-seed', '4');
    expect(summary.stdout).toContain('111 held out for testing (a random 25%, seed 4)');
    expect(result.data.heldOutRows).toEqual(
      Array.from(randomTestRows(442, 0.25, 4).test, (r) => r + 1),
    );
    expect(result.test?.n).toBe(Math.round(0.25 * 442));
  });
});
