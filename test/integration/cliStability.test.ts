/** Stability selection through the CLI: flags, the printed selection and bound, the JSON block. */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analysisResultSchema } from '../../shared/analysis/result';
import { cli, fitJson } from '../helpers/cli';
import { examplesDir } from '../helpers/fixtures';

const data = join(examplesDir, 'diabetes.csv');

describe('fit --stability', () => {
  it('prints the selected columns with their probability, the bound and its assumptions', async () => {
    const run = await cli(
      'fit',
      '--data',
      data,
      '--target',
      'y',
      '--nlambda',
      '30',
      '--stability',
      '--stability-pairs',
      '10',
      '--stability-threshold',
      '0.8',
      '--stability-lambda',
      '10',
    );
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(
      /stability selection: 10 complementary pairs: 20 half-samples of 221 rows \(seed 1\)/,
    );
    expect(run.stdout).toMatch(/λ range Λ: from 45\.16 down to [\d.]+ \(as set\)/);
    // diabetes' strongest predictors, selected by every half-sample early on the path.
    expect(run.stdout).toMatch(
      /selected \(largest selection probability in Λ ≥ 0\.8\): bmi 1\.00, bp 1\.00, s5 1\.00/,
    );
    expect(run.stdout).toMatch(/E\[V\] ≤ q² \/ \(\(2π − 1\)·p\) = [\d.]+, with q = [\d.]+/);
    expect(run.stdout).toMatch(/assumption: Meinshausen & Bühlmann/);
    expect(run.stdout).toMatch(/assumption: Shah & Samworth/);
  });

  it('writes the block into --json, and the same seed gives the same numbers', async () => {
    const args = [
      '--data',
      data,
      '--target',
      'y',
      '--nlambda',
      '20',
      '--stability',
      '--stability-pairs',
      '5',
    ];
    const [a, b] = [await fitJson(...args), await fitJson(...args)];
    expect(a.run.code).toBe(0);
    const result = analysisResultSchema.parse(a.json);
    const block = result.stability!;
    expect(block).toMatchObject({ pairs: 5, subsamples: 10, threshold: 0.6, seed: 1 });
    expect(result.settings.stability).toEqual({ pairs: 5, threshold: 0.6, seed: 1 });
    expect(block.probability).toHaveLength(result.path.lambda.length);
    for (const row of block.probability)
      for (const value of row)
        expect(Math.abs(value * 10 - Math.round(value * 10))).toBeLessThan(1e-9);
    expect(b.json.stability!.probability).toEqual(block.probability);
  });

  it('refuses stability flags without --stability, and a threshold of 0.5 or less', async () => {
    const without = await cli('fit', '--data', data, '--target', 'y', '--stability-pairs', '10');
    expect(without.code).toBe(2);
    expect(without.stderr).toMatch(
      /--stability-pairs only applies to stability selection; add --stability/,
    );
    const low = await cli(
      'fit',
      '--data',
      data,
      '--target',
      'y',
      '--stability',
      '--stability-threshold',
      '0.5',
    );
    expect(low.code).toBe(2);
    expect(low.stderr).toMatch(
      /--stability-threshold must be a probability above 0.5 and at most 1/,
    );
  });
});
