/**
 * npm run test:reproduce, the information criteria's part: the report's R code recomputes AIC,
 * BIC and EBIC from glmnet's own fit and chooses the same λ as Shrinkage (lasso, elastic net
 * with the effective df, logistic elastic net with the IRLS weights); its Python code runs
 * scikit-learn's LassoLarsIC, whose σ² is Shrinkage's.
 */
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AnalysisResult } from '../../shared/analysis/result';
import { type AnalysisSettings, DEFAULT_SETTINGS } from '../../shared/analysis/settings';
import { pythonCode, rCode } from '../../shared/report/reproduce';
import { analyse } from '../helpers/analyse';
import { scratchDir } from '../helpers/cli';
import { fixturesDir } from '../helpers/fixtures';

const diabetes = join(fixturesDir, 'data/diabetes.csv');
const pima = join(fixturesDir, 'data/pima.csv');
const base: AnalysisSettings = { ...DEFAULT_SETTINGS, target: 'y', nlambda: 50, thresh: 1e-12 };

function run(command: string, code: string, name: string): string {
  const file = join(scratchDir(), name);
  writeFileSync(file, code);
  const done = spawnSync(command, [file], { encoding: 'utf8', timeout: 240_000 });
  expect(done.status, `${command} ${name} failed:\n${done.stderr}\n--- code ---\n${code}`).toBe(0);
  return done.stdout;
}

function rChoices(result: AnalysisResult, dataPath: string, name: string): number[] {
  const code = [
    rCode(result, { index: 0, dataPath }),
    'cat("IC", sprintf("%.17g", c(which.min(aic), which.min(bic), which.min(ebic))), "\\n")',
  ].join('\n');
  const line = run('Rscript', code, name)
    .split('\n')
    .find((l) => l.startsWith('IC '))!;
  return line.slice(3).trim().split(/\s+/).map(Number);
}

describe('the information criteria, recomputed by the reproduce code', () => {
  for (const [label, path, settings] of [
    ['gaussian lasso (diabetes)', diabetes, base],
    ['gaussian elastic net (diabetes)', diabetes, { ...base, alpha: 0.5 }],
    [
      'logistic elastic net (pima)',
      pima,
      { ...base, family: 'binomial', target: 'type', exclude: ['set', 'weight'], alpha: 0.5 },
    ],
  ] as const) {
    it(`${label}: R chooses Shrinkage's λ_AIC, λ_BIC and λ_EBIC`, async () => {
      const result = await analyse(path, settings as AnalysisSettings);
      const ic = result.informationCriteria!;
      // R's which.min is 1-based.
      expect(rChoices(result, path, 'ic.R')).toEqual([
        ic.indexAic + 1,
        ic.indexBic + 1,
        ic.indexEbic + 1,
      ]);
    });
  }

  it('Python: LassoLarsIC runs beside the lasso and states the same σ²', async () => {
    const result = await analyse(diabetes, base);
    const out = run(
      '/usr/bin/python3',
      pythonCode(result, { index: 0, dataPath: diabetes }),
      'ic.py',
    );
    const bic = out.split('\n').find((l) => l.startsWith('bic '))!;
    const sigma2 = Number(bic.split(' ')[2]);
    expect(Math.abs(sigma2 / result.informationCriteria!.noiseVariance! - 1)).toBeLessThan(1e-9);
  });
});
