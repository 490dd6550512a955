/**
 * The CLI's CV-free λ choice: `fit` prints the AIC, BIC and EBIC choices with σ² and df
 * stated, `--select lambda-bic` writes the model at the BIC's λ, and --noise-variance and
 * --ebic-gamma reach the result (and are refused out of range, by flag).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, fitJson, scratchDir } from '../helpers/cli';
import { fixturesDir } from '../helpers/fixtures';

const data = join(fixturesDir, 'data/diabetes.csv');

describe('fit: information criteria', () => {
  it('prints the three choices, the σ² used and how df was counted', async () => {
    const run = await cli('fit', '--data', data, '--target', 'y', '--nlambda', '30');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/information criteria \(no CV\): λ_AIC = [\d.]+ \(\d+ nonzero/);
    expect(run.stdout).toMatch(/λ_BIC = .*λ_EBIC = /);
    expect(run.stdout).toMatch(/σ² = 2933, estimated from the least-squares fit.*431 residual/);
    expect(run.stdout).toContain('number of nonzero coefficients');
  });

  it('--select lambda-bic writes the model at the BIC λ of the --json result', async () => {
    const dir = scratchDir();
    const model = join(dir, 'model.json');
    const { run, json } = await fitJson(
      '--data',
      data,
      '--target',
      'y',
      '--nlambda',
      '30',
      '--select',
      'lambda-bic',
      '--model',
      model,
    );
    expect(run.code).toBe(0);
    const ic = json.informationCriteria!;
    const saved = JSON.parse(readFileSync(model, 'utf8')) as {
      lambda: number;
      lambdaIndex: number;
    };
    expect(saved.lambdaIndex).toBe(ic.indexBic);
    expect(saved.lambda).toBe(ic.lambdaBic);
    // The BIC's minimum is where it is: no λ of the path has a smaller BIC.
    expect(Math.min(...ic.bic)).toBe(ic.bic[ic.indexBic]);
  });

  it('takes σ² and γ from the flags and refuses them out of range', async () => {
    const { json } = await fitJson(
      '--data',
      data,
      '--target',
      'y',
      '--nlambda',
      '20',
      '--noise-variance',
      '2500',
      '--ebic-gamma',
      '1',
    );
    expect(json.informationCriteria!.noiseVariance).toBe(2500);
    expect(json.informationCriteria!.noiseVarianceSource).toBe('user');
    expect(json.informationCriteria!.ebicGamma).toBe(1);
    const bad = await cli('fit', '--data', data, '--target', 'y', '--noise-variance', '0');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--noise-variance must be a number greater than 0');
    const gamma = await cli('fit', '--data', data, '--target', 'y', '--ebic-gamma', '2');
    expect(gamma.code).toBe(2);
    expect(gamma.stderr).toContain('--ebic-gamma must be a number from 0 to 1');
  });
});
