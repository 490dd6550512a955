/**
 * npm run test:reproduce (issue 15, item 6): the report's reproduce code, RUN. For a gaussian
 * (diabetes), a logistic (pima, type coded 0/1, with weights and an offset) and a Poisson
 * (quine, Days, categorical features) analysis built through runAnalysis, the R code run by
 * Rscript gives Shrinkage's coefficients to 1e-6·max(1, max|β|) and cv.glmnet its CV curve; the
 * scikit-learn code gives them to 1e-4 where it claims equivalence (gaussian, logistic elastic
 * net and lasso via saga, logistic ridge via lbfgs, Poisson ridge), and says so where it does
 * not (Poisson lasso, logistic with an offset). R and Python are required, never skipped:
 * a machine without them fails here, by design.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type AnalysisResult, analysisResult } from '../../shared/analysis/result';
import { runAnalysis } from '../../shared/analysis/run';
import { type AnalysisSettings, DEFAULT_SETTINGS } from '../../shared/analysis/settings';
import { readCsvText } from '../../shared/data/csv';
import { pythonCode, rCode } from '../../shared/report/reproduce';
import { scratchDir } from '../helpers/cli';
import { fixturesDir } from '../helpers/fixtures';

const PYTHON = '/usr/bin/python3';
const INDEX = 25;

/** pima.csv with type coded 0/1 (Yes = 1) as `diabetic`, and an offset o = age/100. */
function pimaCoded(): string {
  const lines = readFileSync(join(fixturesDir, 'data/pima.csv'), 'utf8').trim().split('\n');
  const header = lines[0]!.split(',');
  const type = header.indexOf('type');
  const age = header.indexOf('age');
  const body = lines.slice(1).map((line) => {
    const cells = line.split(',');
    return `${line},${cells[type] === 'Yes' ? 1 : 0},${(Number(cells[age]) / 100).toFixed(2)}`;
  });
  const path = join(scratchDir(), 'pima-coded.csv');
  writeFileSync(path, `${[`${lines[0]},diabetic,o`, ...body].join('\n')}\n`);
  return path;
}

async function analyse(dataPath: string, settings: AnalysisSettings): Promise<AnalysisResult> {
  const dataset = readCsvText(readFileSync(dataPath, 'utf8'), { fileName: 'data.csv' });
  return analysisResult(
    await runAnalysis(dataset, settings),
    settings,
    { file: dataset.fileName, sha256: 'a'.repeat(64) },
    { readSeconds: 0 },
  );
}

function run(command: string, code: string, name: string): string {
  const file = join(scratchDir(), name);
  writeFileSync(file, code);
  const done = spawnSync(command, [file], { encoding: 'utf8', timeout: 240_000 });
  expect(done.error, `${command} could not run: install it (.ci/run does)`).toBeUndefined();
  expect(done.status, `${command} ${name} failed:\n${done.stderr}\n--- code ---\n${code}`).toBe(0);
  return done.stdout;
}

/** The numbers a script prints after a tag (`TAG v1 v2 …`). */
function tagged(stdout: string, tag: string): number[] {
  const line = stdout.split('\n').find((l) => l.startsWith(`${tag} `));
  expect(line, `${tag} in the output:\n${stdout}`).toBeDefined();
  return line!
    .slice(tag.length + 1)
    .trim()
    .split(/\s+/)
    .map(Number);
}

/** Intercept then coefficients equal Shrinkage's at INDEX, relative to max(1, max|β|). */
function expectCoefficients(result: AnalysisResult, got: number[], tolerance: number) {
  const beta = result.path.beta[INDEX]!;
  const expected = [result.path.a0[INDEX]!, ...beta];
  expect(got).toHaveLength(expected.length);
  const scale = Math.max(1, ...beta.map(Math.abs));
  const gap = Math.max(...got.map((g, j) => Math.abs(g - expected[j]!))) / scale;
  expect(gap, `coefficients ${got} against ${expected}`).toBeLessThan(tolerance);
  // Not trivially zero: the fit selected something.
  expect(beta.some((b) => b !== 0)).toBe(true);
}

/** Runs the R code; checks coefficients (1e-6) and, with CV, cv.glmnet's curve (1e-6). */
function checkR(result: AnalysisResult, dataPath: string, name: string) {
  const lambda = result.path.lambda[INDEX]!;
  const code = [
    rCode(result, { index: INDEX, dataPath }),
    `cat("COEF", sprintf("%.17g", as.numeric(coef(fit, s = ${lambda}))[1:${result.columns.length + 1}]), "\\n")`,
    ...(result.cv
      ? [
          'cat("CVM", sprintf("%.17g", cvfit$cvm), "\\n")',
          'cat("OOF", sprintf("%.17g", cvfit$fit.preval[, cvfit$index["min", ]]), "\\n")',
        ]
      : []),
  ].join('\n');
  const stdout = run('Rscript', code, `${name}.R`);
  expectCoefficients(result, tagged(stdout, 'COEF'), 1e-6);
  if (result.cv) {
    const cvm = tagged(stdout, 'CVM');
    expect(cvm).toHaveLength(result.cv.cvm.length);
    cvm.forEach((v, l) => {
      expect(Math.abs(v - result.cv!.cvm[l]!) / Math.abs(result.cv!.cvm[l]!)).toBeLessThan(1e-6);
    });
    // keep = TRUE: R's out-of-fold linear predictors at λ_min are the result's.
    const outOfFold = tagged(stdout, 'OOF');
    const ours = result.cv.outOfFold!.atLambdaMin;
    expect(outOfFold).toHaveLength(ours.length);
    outOfFold.forEach((v, i) => {
      expect(Math.abs(v - ours[i]!) / Math.max(1, Math.abs(ours[i]!))).toBeLessThan(1e-6);
    });
  }
}

function checkPython(result: AnalysisResult, dataPath: string, name: string) {
  const code = `${pythonCode(result, { index: INDEX, dataPath })}\nprint("COEF", intercept, *beta)`;
  expectCoefficients(result, tagged(run(PYTHON, code, `${name}.py`), 'COEF'), 1e-4);
}

const diabetes = join(fixturesDir, 'data/diabetes.csv');
const quine = join(fixturesDir, 'data/quine.csv');
const tight = { thresh: 1e-14 };

describe('the reproduce code, run by Rscript and Python, gives Shrinkage’s fit', () => {
  it('gaussian (diabetes): R with cv.glmnet, and scikit-learn ElasticNet', async () => {
    const settings: AnalysisSettings = {
      ...DEFAULT_SETTINGS,
      ...tight,
      target: 'y',
      features: ['age', 'sex', 'bmi', 'bp', 's1', 's2', 's3', 's4', 's5', 's6'],
      alpha: 0.5,
      cv: { nfolds: 10, seed: 1, measure: 'mse' },
    };
    const result = await analyse(diabetes, settings);
    checkR(result, diabetes, 'gaussian');
    checkPython(result, diabetes, 'gaussian');
  });

  const pima = {
    ...DEFAULT_SETTINGS,
    ...tight,
    family: 'binomial' as const,
    target: 'diabetic',
    features: ['npreg', 'glu', 'bp', 'skin', 'bmi', 'ped', 'age'],
  };

  it('logistic (pima, 0/1, weights and offset): R glmnet and cv.glmnet(type.measure = "auc")', async () => {
    const dataPath = pimaCoded();
    const result = await analyse(dataPath, {
      ...pima,
      alpha: 0.5,
      weights: 'weight',
      offset: 'o',
      cv: { nfolds: 10, seed: 2, measure: 'auc' },
    });
    const r = rCode(result, { index: INDEX, dataPath });
    expect(r).toContain('y <- as.integer(d[["diabetic"]] == 1)');
    expect(r).toMatch(
      /cv\.glmnet\(x, y, foldid = foldid, type\.measure = "auc", family = "binomial", weights = w, offset = o,/,
    );
    checkR(result, dataPath, 'binomial');
    // scikit-learn has no offset: the code says so instead of claiming the same fit.
    expect(pythonCode(result, { index: INDEX, dataPath })).toContain(
      'Not equivalent: LogisticRegression takes no offset',
    );
  });

  for (const alpha of [0.5, 1, 0]) {
    it(`logistic (pima, weights), alpha = ${alpha}: scikit-learn LogisticRegression`, async () => {
      const dataPath = pimaCoded();
      const result = await analyse(dataPath, { ...pima, alpha, weights: 'weight' });
      const py = pythonCode(result, { index: INDEX, dataPath });
      expect(py).toContain('C = 1 / (w.sum() * lam)');
      expect(py).not.toContain('Not equivalent');
      checkPython(result, dataPath, `binomial-${alpha}`);
    });
  }

  it('logistic (pima as it is, type No/Yes): R and scikit-learn code the modelled class', async () => {
    const dataPath = join(fixturesDir, 'data/pima.csv');
    const result = await analyse(dataPath, { ...pima, target: 'type', alpha: 0.5 });
    expect(result.classes).toEqual({ negative: 'No', positive: 'Yes' });
    expect(rCode(result, { index: INDEX, dataPath })).toContain('== "Yes")');
    checkR(result, dataPath, 'binomial-text');
    checkPython(result, dataPath, 'binomial-text');
  });

  const poisson = {
    ...DEFAULT_SETTINGS,
    ...tight,
    family: 'poisson' as const,
    target: 'Days',
    features: ['Eth', 'Sex', 'Age', 'Lrn'],
  };

  it('Poisson (quine, categorical features): R glmnet and cv.glmnet(type.measure = "deviance")', async () => {
    const result = await analyse(quine, {
      ...poisson,
      alpha: 0.7,
      cv: { nfolds: 10, seed: 3, measure: 'deviance' },
    });
    checkR(result, quine, 'poisson');
    const py = pythonCode(result, { index: INDEX, dataPath: quine });
    expect(py).toContain('Not equivalent: scikit-learn has no L1-penalized Poisson regression');
    expect(py).not.toContain('PoissonRegressor(');
  });

  it('Poisson ridge (quine): R glmnet and scikit-learn PoissonRegressor(alpha = λ)', async () => {
    const result = await analyse(quine, { ...poisson, alpha: 0 });
    checkR(result, quine, 'poisson-ridge');
    checkPython(result, quine, 'poisson-ridge');
  });
});
