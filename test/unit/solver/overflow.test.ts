/**
 * Extreme magnitudes: statistics are computed without overflow (features near 1e300, sums past
 * 1e308), and what cannot be fitted in double precision is refused by name, never turned into
 * a silently dropped feature or a NaN λ.
 */
import { describe, expect, it } from 'vitest';
import { runAnalysis } from '../../../shared/analysis/run';
import { DEFAULT_SETTINGS } from '../../../shared/analysis/settings';
import { readCsvText } from '../../../shared/data/csv';
import { DataError } from '../../../shared/data/errors';
import { summarizeDataset } from '../../../shared/data/summary';
import { datasetInfoSchema } from '../../../shared/ipc/contract';
import { SolverInputError } from '../../../shared/solver/errors';
import { fitPath } from '../../../shared/solver/path';

/** 40 rows: x1 and x2 related to y, their values multiplied by `xScale` and y's by `yScale`. */
function csv(xScale: number, yScale: number): string {
  const lines = ['x1,x2,y'];
  for (let i = 0; i < 40; i++) {
    const x1 = ((i * 7) % 13) - 6;
    const x2 = ((i * 5) % 11) - 5;
    const y = 2 * x1 - x2 + ((i * 3) % 7) / 7;
    lines.push(`${x1 * xScale},${x2},${y * yScale}`);
  }
  return `${lines.join('\n')}\n`;
}

const settings = { ...DEFAULT_SETTINGS, target: 'y', thresh: 1e-12 };
const analyse = (text: string, overrides = {}) =>
  runAnalysis(readCsvText(text, { fileName: 'big.csv' }), { ...settings, ...overrides });

describe('numbers near the limits of double precision', () => {
  it('a feature near 1e300 is fitted as the same feature at its usual size, not dropped', async () => {
    const usual = (await analyse(csv(1, 1))).path;
    const huge = (await analyse(csv(1e300, 1))).path;
    expect(huge.standardization.xScale[0]).toBeGreaterThan(1e299);
    expect(Number.isFinite(huge.standardization.xScale[0]!)).toBe(true);
    expect(huge.lambda).toHaveLength(usual.lambda.length);
    huge.lambda.forEach((lambda, k) => {
      expect(lambda).toBeCloseTo(usual.lambda[k]!, 10);
      expect(huge.devRatio[k]!).toBeCloseTo(usual.devRatio[k]!, 10);
      expect(huge.beta[k]![0]! * 1e300).toBeCloseTo(usual.beta[k]![0]!, 8);
      expect(huge.beta[k]![1]!).toBeCloseTo(usual.beta[k]![1]!, 8);
    });
    expect(huge.beta.at(-1)![0]).not.toBe(0);
  });

  it('a target near 1e200 is refused, naming it, instead of giving λ = NaN', async () => {
    const attempt = analyse(csv(1, 1e200));
    await expect(attempt).rejects.toThrow(DataError);
    await expect(attempt).rejects.toThrow(/column 'y': The target's values are so large/);
    // The solver itself refuses it too, rather than returning NaN.
    const dataset = readCsvText(csv(1, 1e200), { fileName: 'big.csv' });
    const values = new Float64Array(80);
    const columns = dataset.columns as { values: Float64Array }[];
    values.set(columns[0]!.values, 0);
    values.set(columns[1]!.values, 40);
    expect(() => fitPath({ n: 40, p: 2, values }, columns[2]!.values, {})).toThrow(
      SolverInputError,
    );
  });

  it('a target near 1e150 still fits, with finite λ and deviance', async () => {
    const path = (await analyse(csv(1, 1e150))).path;
    expect(path.lambda.every(Number.isFinite)).toBe(true);
    expect(Number.isFinite(path.nulldev)).toBe(true);
    expect(path.beta.at(-1)![0]! / 1e150).toBeCloseTo(2, 1);
  });

  it('without standardization a feature too large to square is refused by name', async () => {
    await expect(analyse(csv(1e300, 1), { standardize: false })).rejects.toThrow(
      /column 'x1': The feature's values are so large/,
    );
  });

  it('a feature near 1e-300 is fitted as the same feature at its usual size, not refused', async () => {
    const usual = (await analyse(csv(1, 1))).path;
    const tiny = (await analyse(csv(1e-300, 1))).path;
    expect(tiny.standardization.xScale[0]! / 1e-300).toBeCloseTo(
      usual.standardization.xScale[0]!,
      10,
    );
    expect(tiny.lambda).toHaveLength(usual.lambda.length);
    tiny.lambda.forEach((lambda, k) => {
      expect(lambda).toBeCloseTo(usual.lambda[k]!, 10);
      expect(tiny.devRatio[k]!).toBeCloseTo(usual.devRatio[k]!, 10);
      expect(tiny.beta[k]![0]! * 1e-300).toBeCloseTo(usual.beta[k]![0]!, 8);
      expect(tiny.beta[k]![1]!).toBeCloseTo(usual.beta[k]![1]!, 8);
    });
    // Its spread (near 1e-200) squares to nothing, but it is scaled before it is squared.
    const spread = (await analyse(csv(1e-200, 1))).path;
    expect(spread.beta.at(-1)![0]! * 1e-200).toBeCloseTo(usual.beta.at(-1)![0]!, 8);
  });

  it('without standardization a feature or target too small to square is refused by name', async () => {
    await expect(analyse(csv(1e-300, 1), { standardize: false })).rejects.toThrow(
      /column 'x1': The feature's values are so small that the sum of their squares underflows.*multiply it by 1e100/,
    );
    await expect(analyse(csv(1, 1e-300))).rejects.toThrow(
      /column 'y': The target's values are so small.*multiply it by 1e100/,
    );
  });

  it('a column whose sum overflows (two 1e308 cells) can be summarized, sent and fitted', async () => {
    const text = csv(1, 1).replace('\n-6,', '\n1e308,').replace('\n1,', '\n1e308,');
    expect(text.match(/1e308/g)).toHaveLength(2);
    const dataset = readCsvText(text, { fileName: 'big.csv' });
    const summary = summarizeDataset(dataset);
    // (1e308 + 1e308 + the other 38 small cells) / 40
    expect(summary.columns[0]!.mean! / 5e306).toBeCloseTo(1, 10);
    expect(Number.isFinite(summary.columns[0]!.mean!)).toBe(true);
    const info = {
      datasetId: crypto.randomUUID(),
      sha256: 'a'.repeat(64),
      byteLength: 1,
      readSeconds: 0,
      readOptions: {},
      summary,
    };
    expect(() => datasetInfoSchema.parse(info)).not.toThrow();
    const path = (await analyse(text)).path;
    expect(path.lambda.every(Number.isFinite)).toBe(true);
    expect(Number.isFinite(path.standardization.xScale[0]!)).toBe(true);
  });

  it('imputing a column whose sum overflows fills in its finite mean', async () => {
    const text = csv(1, 1)
      .replace('\n-6,', '\n1e308,')
      .replace('\n1,', '\n1e308,')
      .replace('\n0,', '\n,');
    const result = await analyse(text, { missing: 'impute' });
    expect(result.imputation![0]! / 1e306).toBeGreaterThan(1);
    expect(Number.isFinite(result.imputation![0]!)).toBe(true);
    expect(result.path.lambda.every(Number.isFinite)).toBe(true);
  });
});
