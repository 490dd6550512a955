/**
 * The report's R code for stability selection, RUN: its own half-samples (R's set.seed and
 * sample, not Shrinkage's mulberry32) give the same probabilities up to sampling noise. With
 * 2B = 100 half-samples each probability has a standard error of at most 0.05, so the two
 * estimates differ by at most ~0.07 in standard error: the mean gap must be under 0.04 and
 * the largest under 0.3 (over 4 standard errors), and the strongest columns agree.
 */
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../shared/analysis/settings';
import { rCode } from '../../shared/report/reproduce';
import { analyse } from '../helpers/analyse';
import { scratchDir } from '../helpers/cli';
import { fixturesDir } from '../helpers/fixtures';

describe('stability selection reproduced in R', () => {
  it('gives the probabilities up to sampling noise', async () => {
    const dataPath = join(fixturesDir, 'data/diabetes.csv');
    const result = await analyse(dataPath, {
      ...DEFAULT_SETTINGS,
      target: 'y',
      nlambda: 40,
      stability: { pairs: 50, threshold: 0.6, seed: 4, lambda: 10 },
    });
    const block = result.stability!;
    const code = [
      rCode(result, { index: 10, dataPath }),
      'cat("PROB", sprintf("%.17g", as.numeric(t(probability))), "\\n")',
    ].join('\n');
    const file = join(scratchDir(), 'stability.R');
    writeFileSync(file, code);
    const done = spawnSync('Rscript', [file], { encoding: 'utf8', timeout: 240_000 });
    expect(done.status, done.stderr).toBe(0);
    const line = done.stdout.split('\n').find((l) => l.startsWith('PROB '))!;
    const theirs = line.slice(5).trim().split(/\s+/).map(Number);
    const ours = block.probability.flat();
    expect(theirs).toHaveLength(ours.length);
    const gaps = ours.map((v, k) => Math.abs(v - theirs[k]!));
    expect(gaps.reduce((a, b) => a + b, 0) / gaps.length).toBeLessThan(0.04);
    expect(Math.max(...gaps)).toBeLessThan(0.3);
    // Not trivially equal: both select something, and R's own draw is not Shrinkage's.
    expect(block.selected.length).toBeGreaterThan(0);
    expect(Math.max(...gaps)).toBeGreaterThan(0);
  }, 240_000);
});
