/**
 * --relax through the CLI (folds on worker threads): the (λ, γ) cv.glmnet(relax = TRUE) chose
 * on the fixture's folds (test/fixtures/glmnet-relax, pima at thresh 1e-14), printed and in
 * --json; and the flags' misuse refused with a fix.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatSummary } from '../../electron/cli/summary';
import { cli, fitJson, scratchDir } from '../helpers/cli';
import { fixturesDir } from '../helpers/fixtures';

const fixture = JSON.parse(
  readFileSync(`${fixturesDir}glmnet-relax/pima-binomial-relax.json`, 'utf8'),
) as {
  features: string[];
  foldid: number[];
  cv: { cvm: number[] }[];
  lambda_min: number;
  gamma_min: number;
  lambda_1se: number;
  gamma_1se: number;
};

function pimaWithFolds(): string {
  const lines = readFileSync(`${fixturesDir}data/pima.csv`, 'utf8').trim().split('\n');
  const text = lines.map((line, i) => `${line},${i === 0 ? 'fold' : fixture.foldid[i - 1]}`);
  const path = join(scratchDir(), 'pima-folds.csv');
  writeFileSync(path, `${text.join('\n')}\n`);
  return path;
}

const close = (a: number, b: number) => Math.abs(a - b) / Math.max(Math.abs(b), 1);

describe('CLI --relax', () => {
  it('prints and writes the (λ, γ) of cv.glmnet(relax = TRUE)', async () => {
    const { run, json } = await fitJson(
      ...['--data', pimaWithFolds(), '--target', 'type', '--family', 'binomial'],
      ...['--positive', 'Yes', '--features', fixture.features.join(',')],
      ...['--foldid-column', 'fold', '--relax', '--thresh', '1e-14', '--max-iter', '1000000'],
    );
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const cv = json.relaxed!.cv!;
    expect(close(cv.lambdaMin, fixture.lambda_min)).toBeLessThan(1e-6);
    expect(close(cv.lambda1se, fixture.lambda_1se)).toBeLessThan(1e-6);
    expect([cv.gammaMin, cv.gamma1se]).toEqual([fixture.gamma_min, fixture.gamma_1se]);
    let worst = 0;
    cv.cvm.forEach((curve, g) => {
      curve.forEach((value, l) => {
        worst = Math.max(worst, close(value, fixture.cv[g]!.cvm[l]!));
      });
    });
    expect(worst).toBeLessThan(1e-6);
    // The summary the CLI prints without output files, from the same result.
    expect(formatSummary(json)).toMatch(
      new RegExp(
        `relaxed lasso over γ = 0, 0\\.25, 0\\.5, 0\\.75, 1 on the same folds: min at λ = [0-9.]+, γ = ${fixture.gamma_min} .*1se at λ = [0-9.]+, γ = ${fixture.gamma_1se} `,
      ),
    );
  });

  it('without --cv says the γ blended and how to choose (λ, γ)', async () => {
    const data = join(fixturesDir, 'data/diabetes.csv');
    const run = await cli('fit', '--data', data, '--target', 'y', '--relax', '--gamma', '0,0.5');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(
      'relaxed lasso: γ = 0, 0.5 blended with the unpenalized refits; add --cv K to choose (λ, γ)',
    );
  });

  it('refuses --gamma without --relax, and γ outside [0, 1]', async () => {
    const data = join(fixturesDir, 'data/diabetes.csv');
    const without = await cli('fit', '--data', data, '--target', 'y', '--gamma', '0.5');
    expect(without.code).not.toBe(0);
    expect(without.stderr).toContain('--gamma applies to the relaxed lasso only; add --relax.');
    const outside = await cli('fit', '--data', data, '--target', 'y', '--relax', '--gamma', '2');
    expect(outside.code).not.toBe(0);
    expect(outside.stderr).toContain(
      "--gamma needs numbers from 0 to 1, e.g. --gamma 0,0.5,1; got '2'.",
    );
  });
});
