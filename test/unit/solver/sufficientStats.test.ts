/**
 * Streaming's fit from sufficient statistics equals the in-memory fit of the same rows to
 * 1e-9 relative: path (λ, a0, β), CV (cvm, cvsd, λ_min, λ_1se) and test mse, with and
 * without weights and offset, including columns around 1e6 ± 1 where raw sums would cancel.
 */
import { describe, expect, it } from 'vitest';
import { fitFold, randomFolds, summarizeCv } from '../../../shared/solver/cv';
import { predictRows } from '../../../shared/solver/design';
import { metricsAt } from '../../../shared/solver/metrics';
import { fitPath, fitPathOnRows } from '../../../shared/solver/path';
import { mulberry32, normal } from '../../../shared/solver/random';
import {
  cvFromMoments,
  fitPathFromMoments,
  MomentAccumulator,
  type Moments,
  mergeAll,
  testScoresFromMoments,
} from '../../../shared/solver/sufficientStats';
import type { DesignMatrix, PathOptions } from '../../../shared/solver/types';

interface Data {
  design: DesignMatrix;
  y: Float64Array;
  weights?: Float64Array;
  offset?: Float64Array;
}

/** n rows, p columns; column 1 is 1e6 + N(0, 1) (the cancellation case), one column constant. */
function makeData(n: number, p: number, seed: number, weighted: boolean, withOffset: boolean) {
  const random = mulberry32(seed);
  const values = new Float64Array(n * p);
  for (let j = 0; j < p; j++)
    for (let i = 0; i < n; i++) {
      const v = normal(random);
      values[j * n + i] = j === 1 ? 1e6 + v : j === p - 1 ? 3 : j === 2 ? 5 * v + 20 : v;
    }
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    y[i] =
      1e3 +
      2 * values[i]! -
      1.5 * (values[n + i]! - 1e6) +
      0.3 * values[2 * n + i]! +
      normal(random);
  }
  const data: Data = { design: { n, p, values }, y };
  if (weighted)
    data.weights = Float64Array.from({ length: n }, (_, i) => (i % 7 === 0 ? 0 : 0.5 + random()));
  if (withOffset) data.offset = Float64Array.from({ length: n }, () => normal(random));
  return data;
}

/** The statistics of the rows `rows`, streamed row by row in small chunks. */
function momentsOf(data: Data, rows: ArrayLike<number>): Moments {
  const { n, p, values } = data.design;
  const accumulator = new MomentAccumulator(p, 7);
  const row = new Float64Array(p);
  for (let r = 0; r < rows.length; r++) {
    const i = rows[r]!;
    for (let j = 0; j < p; j++) row[j] = values[j * n + i]!;
    const z = data.y[i]! - (data.offset ? data.offset[i]! : 0);
    accumulator.add(row, 0, z, data.weights ? data.weights[i]! : 1);
  }
  return accumulator.finish();
}

function expectClose(actual: readonly number[], expected: readonly number[], scale: number) {
  expect(actual.length).toBe(expected.length);
  for (let i = 0; i < actual.length; i++) {
    expect(Math.abs(actual[i]! - expected[i]!)).toBeLessThanOrEqual(1e-9 * scale);
  }
}

const maxAbs = (values: readonly number[]) => Math.max(1e-300, ...values.map(Math.abs));

function expectSamePath(streamed: ReturnType<typeof fitPath>, memory: ReturnType<typeof fitPath>) {
  expect(streamed.lambda.length).toBe(memory.lambda.length);
  expectClose(streamed.lambda, memory.lambda, maxAbs(memory.lambda));
  expectClose(streamed.a0, memory.a0, maxAbs(memory.a0));
  memory.beta.forEach((beta, l) => {
    // Relative to the largest coefficient at that λ (exact zeros must stay zeros).
    expectClose(streamed.beta[l]!, beta, maxAbs(beta));
  });
  expectClose(streamed.devRatio, memory.devRatio, 1);
  expect(streamed.df).toEqual(memory.df);
  expectClose([streamed.nulldev], [memory.nulldev], memory.nulldev);
}

const all = (n: number) => Int32Array.from({ length: n }, (_, i) => i);

describe('fits from sufficient statistics equal the in-memory fits', () => {
  const cases: [string, boolean, boolean, Partial<PathOptions>][] = [
    ['lasso', false, false, { alpha: 1 }],
    ['elastic net, weights', true, false, { alpha: 0.5 }],
    ['lasso, weights and offset', true, true, { alpha: 1 }],
    [
      'no intercept, not standardized',
      false,
      false,
      { alpha: 0.7, intercept: false, standardize: false },
    ],
    ['ridge', false, true, { alpha: 0, nlambda: 30 }],
  ];
  for (const [name, weighted, withOffset, options] of cases) {
    it(`${name}: path, CV and test scores`, () => {
      const n = 400;
      const p = 6;
      const data = makeData(n, p, 11, weighted, withOffset);
      const memoryOptions = { ...options, weights: data.weights, offset: data.offset };
      const memory = fitPath(data.design, data.y, memoryOptions);
      const streamed = fitPathFromMoments(momentsOf(data, all(n)), options);
      expectSamePath(streamed, memory);
      expect(streamed.diagnostics.constantColumns).toEqual(memory.diagnostics.constantColumns);

      // 5-fold CV, in memory as run.ts does it (cv.ts), and from per-fold statistics.
      const K = 5;
      const foldid = randomFolds(n, K, 3);
      const fits = Array.from({ length: K }, (_, k) =>
        fitFold(data.design, data.y, foldid, k, memoryOptions, memory.lambda),
      );
      const cv = summarizeCv(data.y, fits, memory.lambda, memory.df, p, 'mse', {
        weights: data.weights,
      });
      const foldMoments = Array.from({ length: K }, (_, k) =>
        momentsOf(
          data,
          all(n).filter((i) => foldid[i] === k),
        ),
      );
      const streamedCv = cvFromMoments(foldMoments, streamed, options).summary;
      expectClose(streamedCv.cvm, cv.cvm, maxAbs(cv.cvm));
      expectClose(streamedCv.cvsd, cv.cvsd, maxAbs(cv.cvsd));
      expect(streamedCv.indexMin).toBe(cv.indexMin);
      expect(streamedCv.index1se).toBe(cv.index1se);
      expectClose(
        [streamedCv.lambdaMin, streamedCv.lambda1se],
        [cv.lambdaMin, cv.lambda1se],
        cv.lambdaMin,
      );
      expectClose(streamedCv.selectionFrequency.flat(), cv.selectionFrequency.flat(), 1);

      // Test rows: scored from their statistics as metrics.ts scores their predictions.
      const test = makeData(150, p, 12, weighted, withOffset);
      const predictions = predictRows(test.design, all(150), memory.a0, memory.beta);
      if (test.offset)
        for (let k = 0; k < predictions.length; k++) predictions[k]! += test.offset[k % 150]!;
      const expected = memory.lambda.map((_, l) => metricsAt(test.y, predictions, l, test.weights));
      const scores = testScoresFromMoments(momentsOf(test, all(150)), streamed, withOffset);
      expectClose(
        scores.mse,
        expected.map((m) => m.mse),
        maxAbs(expected.map((m) => m.mse)),
      );
      // R² relative to itself (far below 0 early on a path without an intercept), at least to 1.
      if (!withOffset)
        expected.forEach((m, l) => {
          expectClose([scores.r2![l]!], [m.r2], Math.max(1, Math.abs(m.r2)));
        });
    });
  }

  it('a fold’s training statistics merged from the others equal those of its rows', () => {
    const data = makeData(300, 4, 5, true, false);
    const foldid = randomFolds(300, 3, 9);
    const parts = [0, 1, 2].map((k) =>
      momentsOf(
        data,
        all(300).filter((i) => foldid[i] === k),
      ),
    );
    const merged = mergeAll(4, [parts[0]!, parts[2]!]);
    const direct = momentsOf(
      data,
      all(300).filter((i) => foldid[i] !== 1),
    );
    expect(merged.count).toBe(direct.count);
    expectClose(Array.from(merged.mean), Array.from(direct.mean), 1e6);
    expectClose(
      Array.from(merged.comoment),
      Array.from(direct.comoment),
      maxAbs(Array.from(direct.comoment)),
    );
    // And the fit on them equals the in-memory fit of those rows.
    const rows = all(300).filter((i) => foldid[i] !== 1);
    const memory = fitPathOnRows(data.design, data.y, rows, { weights: data.weights });
    expectSamePath(fitPathFromMoments(merged), memory);
  });

  it('keeps the digits of columns around 1e6 ± 1 that raw sums would lose', () => {
    // Raw Σx² − n·x̄² for x = 1e6 + u, u ~ N(0, 1), n = 1e4 loses about 12 of 16 digits.
    const n = 10_000;
    const random = mulberry32(4);
    const x = Float64Array.from({ length: n }, () => 1e6 + normal(random));
    const accumulator = new MomentAccumulator(1);
    for (let i = 0; i < n; i++) accumulator.add(x, i, 0, 1);
    const m = accumulator.finish();
    let mean = 0;
    for (const v of x) mean += v;
    mean /= n;
    let squares = 0;
    for (const v of x) squares += (v - mean) ** 2;
    expect(Math.abs(m.comoment[0]! - squares) / squares).toBeLessThan(1e-12);
  });

  it('refuses other families', () => {
    const data = makeData(50, 3, 1, false, false);
    expect(() => fitPathFromMoments(momentsOf(data, all(50)), { family: 'binomial' })).toThrow(
      /only exact for the gaussian family/,
    );
  });
});
