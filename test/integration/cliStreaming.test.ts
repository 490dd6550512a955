/**
 * `fit --memory-limit`: a file over the limit is streamed into sufficient statistics and gives
 * the in-memory results to 1e-9 relative (path, CV, test rows, weights), including a column
 * around 1e6 ± 1; what streaming cannot do is refused with a clear message.
 */
import { appendFileSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatSummary } from '../../electron/cli/summary';
import { streamingFit } from '../../electron/services/streamingFit';
import type { AnalysisResult } from '../../shared/analysis/result';
import { DEFAULT_SETTINGS } from '../../shared/analysis/settings';
import { mulberry32, normal } from '../../shared/solver/random';
import { cli, fitJson, scratchDir } from '../helpers/cli';
import { examplesDir } from '../helpers/fixtures';

/** 600 rows: x1 ~ N(0,1), big = 1e6 + N(0,1), x3 = 20 + 5·N(0,1), w in (0.5, 1.5), y linear + noise. */
function tallCsv(): string {
  const random = mulberry32(21);
  const lines = ['x1,big,x3,w,y'];
  for (let i = 0; i < 600; i++) {
    const x1 = normal(random);
    const big = 1e6 + normal(random);
    const x3 = 20 + 5 * normal(random);
    const w = 0.5 + random();
    const y = 100 + 2 * x1 - 1.5 * (big - 1e6) + 0.1 * x3 + normal(random);
    lines.push([x1, big, x3, w, y].map((v) => v.toPrecision(17)).join(','));
  }
  const path = join(scratchDir(), 'tall.csv');
  writeFileSync(path, `${lines.join('\n')}\n`);
  return path;
}

function expectRelative(actual: readonly number[], expected: readonly number[]) {
  expect(actual.length).toBe(expected.length);
  const scale = Math.max(...expected.map(Math.abs), 1e-300);
  for (let i = 0; i < expected.length; i++)
    expect(Math.abs(actual[i]! - expected[i]!)).toBeLessThanOrEqual(1e-9 * scale);
}

function expectSameResults(streamed: AnalysisResult, memory: AnalysisResult) {
  expect(streamed.diagnostics.mode).toBe('streaming');
  expect(memory.diagnostics.mode).toBe('in-memory');
  expect(streamed.n).toBe(memory.n);
  expect(streamed.data.rowsTest).toBe(memory.data.rowsTest);
  expect(streamed.columns).toEqual(memory.columns);
  expectRelative(streamed.path.lambda, memory.path.lambda);
  expectRelative(streamed.path.a0, memory.path.a0);
  for (const [l, beta] of memory.path.beta.entries()) expectRelative(streamed.path.beta[l]!, beta);
  expect(streamed.path.df).toEqual(memory.path.df);
  expectRelative(streamed.standardization.xCenter, memory.standardization.xCenter);
  expectRelative(streamed.standardization.xScale, memory.standardization.xScale);
  if (memory.cv) {
    const cv = streamed.cv!;
    expectRelative(cv.cvm, memory.cv.cvm);
    expectRelative(cv.cvsd, memory.cv.cvsd);
    expect(cv.indexMin).toBe(memory.cv.indexMin);
    expect(cv.index1se).toBe(memory.cv.index1se);
    expectRelative([cv.lambdaMin, cv.lambda1se], [memory.cv.lambdaMin, memory.cv.lambda1se]);
  }
  if (memory.test) {
    const numbers = (values: readonly (number | null)[] | undefined) =>
      (values ?? []).map((v) => v ?? Number.NaN);
    expectRelative(numbers(streamed.test!.mse), numbers(memory.test.mse));
    expectRelative(numbers(streamed.test!.r2), numbers(memory.test.r2));
    expect(memory.test.r2!.length).toBeGreaterThan(0);
    expect(streamed.test!.mae).toBeUndefined();
  }
}

describe('fit --memory-limit streams a file too large for it', () => {
  const tall = tallCsv();
  const diabetes = join(examplesDir, 'diabetes.csv');

  it('weights, 5-fold CV and a random test set: the in-memory numbers', async () => {
    const args = [
      ...['--data', tall, '--target', 'y', '--weights', 'w', '--penalty', 'elastic-net'],
      ...['--cv', '5', '--seed', '4', '--test-fraction', '0.2', '--test-seed', '9'],
    ];
    const memory = await fitJson(...args);
    const streamed = await fitJson(...args, '--memory-limit', '1KB');
    expect(memory.run.code).toBe(0);
    expect(streamed.run.code).toBe(0);
    expect(streamed.run.stderr).toContain('streaming mode: sufficient statistics');
    expectSameResults(streamed.json, memory.json);
  });

  it('a real file (diabetes), lasso with CV, and the summary says which mode ran', async () => {
    const args = ['--data', diabetes, '--target', 'y', '--cv', '10'];
    const memory = await fitJson(...args);
    const streamed = await fitJson(...args, '--memory-limit', '1KB');
    expectSameResults(streamed.json, memory.json);
    expect(formatSummary(streamed.json)).toContain('mode: streaming, from sufficient statistics');
    expect(formatSummary(memory.json)).not.toContain('mode: streaming');
    // Under the limit nothing changes: the in-memory fit runs.
    const roomy = await cli('fit', '--data', diabetes, '--target', 'y', '--memory-limit', '4GB');
    expect(roomy.code).toBe(0);
    expect(roomy.stderr).not.toContain('streaming mode');
    expect(roomy.stdout).not.toContain('mode: streaming');
  });

  it('counts rows as the reader does: BOM, CRLF, semicolons, blank lines, quoted cells', async () => {
    const random = mulberry32(5);
    const lines = ['\uFEFF"a";b;"y"'];
    for (let i = 0; i < 120; i++) {
      const a = normal(random);
      const b = normal(random);
      const y = a - 2 * b + normal(random);
      lines.push(i % 10 === 0 ? `"${a}";${b};${y}` : `${a};${b};${y}`);
      if (i % 25 === 0) lines.push('', '   ');
    }
    const path = join(scratchDir(), 'odd.csv');
    writeFileSync(path, `${lines.join('\r\n')}\r\n\r\n`);
    const args = ['--data', path, '--target', 'y', '--test-fraction', '0.25'];
    const memory = await fitJson(...args);
    const streamed = await fitJson(...args, '--memory-limit', '1B');
    expect(memory.json.data.rowsRead).toBe(120);
    expect(streamed.json.data.rowsRead).toBe(120);
    expectSameResults(streamed.json, memory.json);
  });

  it('refuses what needs the rows, saying why', async () => {
    const base = ['fit', '--data', tall, '--target', 'y', '--memory-limit', '1KB'];
    const binomial = await cli(
      ...['fit', '--data', join(examplesDir, 'pima.csv'), '--target', 'diabetes'],
      ...['--family', 'binomial', '--memory-limit', '1KB'],
    );
    expect(binomial.code).toBe(1);
    expect(binomial.stderr).toMatch(/binomial family needs its data in memory/);
    const report = await cli(...base, '--report', join(scratchDir(), 'r.html'));
    expect(report.code).toBe(2);
    expect(report.stderr).toMatch(/--report needs the data in memory/);
    const keep = await cli(...base, '--cv', '5', '--keep');
    expect(keep.code).toBe(1);
    expect(keep.stderr).toMatch(/cannot keep out-of-fold predictions/);

    const dir = scratchDir();
    const text = join(dir, 'text.csv');
    writeFileSync(text, 'x,g,y\n1,a,2\n2,b,3\n3,a,5\n');
    const textRun = await cli('fit', '--data', text, '--target', 'y', '--memory-limit', '1B');
    expect(textRun.code).toBe(1);
    expect(textRun.stderr).toMatch(/text\.csv, row 2, column 'g': 'a' is not a finite number/);
    const missing = join(dir, 'missing.csv');
    writeFileSync(missing, 'x,z,y\n1,4,2\n2,,3\n3,1,5\n');
    const missingRun = await cli('fit', '--data', missing, '--target', 'y', '--memory-limit', '1B');
    expect(missingRun.code).toBe(1);
    expect(missingRun.stderr).toMatch(/row 3, column 'z': The value is missing/);
    const badLimit = await cli(...base.slice(0, -1), 'lots');
    expect(badLimit.code).toBe(2);
    expect(badLimit.stderr).toMatch(/--memory-limit takes a size/);
  });

  it('refuses a file that grows or is saved over while it is streamed', async () => {
    const path = tallCsv();
    const original = readFileSync(path);
    const grow = () => appendFileSync(path, original.subarray(original.indexOf(10) + 1));
    const saveOver = () => {
      writeFileSync(`${path}.new`, original.toString().replaceAll('-', '+'));
      renameSync(`${path}.new`, path);
    };
    // During the count, or during the second pass (more rows than counted).
    const changes = [
      ['grows while its rows are counted', 'counting', grow],
      ['grows while it is read', 'statistics', grow],
      ['is saved over', 'counting', saveOver],
    ] as const;
    for (const [name, phase, change] of changes) {
      writeFileSync(path, original);
      let changed = false;
      const fitting = streamingFit({
        path,
        settings: { ...DEFAULT_SETTINGS, target: 'y', cv: { nfolds: 5, seed: 1, measure: 'mse' } },
        onProgress: (_fraction, message) => {
          if (changed || !message.includes(phase)) return;
          changed = true;
          change();
        },
      });
      await expect(fitting, name).rejects.toThrow(/changed while it was being read/);
      expect(changed).toBe(true);
    }
    // Unchanged, the same file streams.
    writeFileSync(path, original);
    await expect(
      streamingFit({ path, settings: { ...DEFAULT_SETTINGS, target: 'y' } }),
    ).resolves.toBeDefined();
  });
});
