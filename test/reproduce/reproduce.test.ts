/**
 * npm run test:reproduce (issue 15, item 6): the report's reproduce code, RUN. For a gaussian
 * (diabetes), a logistic (pima, type coded 0/1, with weights and an offset) and a Poisson
 * (quine, Days, categorical features: two-level ones as one 0/1 column, or one-hot, and with
 * missing cells imputed) analysis built through runAnalysis, the R code run by
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
import { alphaComparison } from '../../shared/analysis/alphaComparison';
import type { AnalysisResult } from '../../shared/analysis/result';
import { type AnalysisSettings, DEFAULT_SETTINGS } from '../../shared/analysis/settings';
import { pythonCode, rCode } from '../../shared/report/reproduce';
import { analyse } from '../helpers/analyse';
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

  it.each(['categorical', 'numeric'] as const)(
    'column type chosen (Cars93, Cylinders %s): R and scikit-learn read it as Shrinkage did',
    async (type) => {
      const cars = join(fixturesDir, 'data/cars93.csv');
      const settings: AnalysisSettings = {
        ...DEFAULT_SETTINGS,
        ...tight,
        target: 'Price',
        features: ['Cylinders', 'Horsepower', 'MPG.city', 'Weight', 'EngineSize'],
        cv: { nfolds: 5, seed: 1, measure: 'mse' },
      };
      const result = await analyse(cars, settings, { columnTypes: { Cylinders: type } });
      expect(result.data.columnTypes).toEqual({ Cylinders: type });
      checkR(result, cars, `cars-${type}`);
      checkPython(result, cars, `cars-${type}`);
    },
  );

  it('gaussian with every λ (--no-path-stop) and grouped = FALSE: the same path and CV curve in R', async () => {
    const settings: AnalysisSettings = {
      ...DEFAULT_SETTINGS,
      ...tight,
      target: 'y',
      features: ['age', 'sex', 'bmi', 'bp', 's1', 's2', 's3', 's4', 's5', 's6'],
      nlambda: 300,
      pathStop: false,
      cv: { nfolds: 10, seed: 1, measure: 'mse', grouped: false },
    };
    const result = await analyse(diabetes, settings);
    expect(result.path.lambda).toHaveLength(300);
    checkR(result, diabetes, 'every-lambda');
    const code = [
      rCode(result, { index: INDEX, dataPath: diabetes }),
      'cat("NLAMBDA", length(fit$lambda), "\\n")',
      'cat("CVSD", sprintf("%.17g", cvfit$cvsd), "\\n")',
      'cat("FDEV", glmnet.control()$fdev, "\\n")',
    ].join('\n');
    const stdout = run('Rscript', code, 'every-lambda-cvsd.R');
    expect(tagged(stdout, 'NLAMBDA')).toEqual([300]);
    const cvsd = tagged(stdout, 'CVSD');
    cvsd.forEach((v, l) => {
      expect(Math.abs(v - result.cv!.cvsd[l]!) / result.cv!.cvsd[l]!).toBeLessThan(1e-6);
    });
    // The script leaves glmnet's defaults as it found them.
    expect(tagged(stdout, 'FDEV')).toEqual([1e-5]);
  });

  it('random hold-out (diabetes, 25%, seed 7, rows sex = 2): R and scikit-learn hold out the same rows', async () => {
    const settings: AnalysisSettings = {
      ...DEFAULT_SETTINGS,
      ...tight,
      target: 'y',
      features: ['age', 'bmi', 'bp', 's1', 's2', 's3', 's4', 's5', 's6'],
      rows: [{ column: 'sex', value: '2' }],
      testSplit: { fraction: 0.25, seed: 7 },
      cv: { nfolds: 5, seed: 1, measure: 'mse' },
    };
    const result = await analyse(diabetes, settings);
    const heldOut = result.data.heldOutRows!;
    expect(heldOut).toHaveLength(Math.round(0.25 * 207));
    expect(result.n).toBe(207 - heldOut.length);
    // The held-out rows' targets, from the file itself (data row r is line r + 1).
    const lines = readFileSync(diabetes, 'utf8').trim().split('\n');
    const yOf = (row: number) => Number(lines[row]!.split(',').at(-1));
    const testY = heldOut.map(yOf);
    // Coefficients and the CV curve agree only if R fits the same rows in the same order.
    checkR(result, diabetes, 'holdout');
    const r = run(
      'Rscript',
      `${rCode(result, { index: INDEX, dataPath: diabetes })}\ncat("TEST", test$y, "\\n")`,
      'holdout-test.R',
    );
    expect(tagged(r, 'TEST')).toEqual(testY);
    checkPython(result, diabetes, 'holdout');
    const py = run(
      PYTHON,
      `${pythonCode(result, { index: INDEX, dataPath: diabetes })}\nprint("TEST", *test["y"].tolist())`,
      'holdout-test.py',
    );
    expect(tagged(py, 'TEST')).toEqual(testY);
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
    // Eth, Sex and Lrn have two levels: one 0/1 column each (the default), built before makeX.
    expect(result.columns).toEqual([
      'Eth=N',
      'Sex=M',
      'Age=F0',
      'Age=F1',
      'Age=F2',
      'Age=F3',
      'Lrn=SL',
    ]);
    const r = rCode(result, { index: INDEX, dataPath: quine });
    expect(r).toContain('d[["Sex"]] <- as.numeric(d[["Sex"]] == "M")  # 1 for M, 0 for F');
    expect(r).toContain('x <- makeX(');
    checkR(result, quine, 'poisson');
    const py = pythonCode(result, { index: INDEX, dataPath: quine });
    expect(py).toContain('Not equivalent: scikit-learn has no L1-penalized Poisson regression');
    expect(py).not.toContain('PoissonRegressor(');
  });

  it("Poisson (quine, two-level features one-hot as glmnet's makeX): R glmnet and cv.glmnet", async () => {
    const result = await analyse(quine, {
      ...poisson,
      twoLevelCoding: 'one-hot',
      cv: { nfolds: 10, seed: 3, measure: 'deviance' },
    });
    expect(result.columns.slice(0, 4)).toEqual(['Eth=A', 'Eth=N', 'Sex=F', 'Sex=M']);
    expect(rCode(result, { index: INDEX, dataPath: quine })).not.toContain('as.numeric(');
    checkR(result, quine, 'poisson-one-hot');
  });

  it('Poisson ridge (quine, missing cells imputed): R and scikit-learn fill a 0/1 column with its mode', async () => {
    // Eth blank in three rows (mode N, coded 1), Sex in two (mode F, coded 0), Age in one.
    const lines = readFileSync(quine, 'utf8').trim().split('\n');
    const blank = (line: string, column: number) =>
      line
        .split(',')
        .map((cell, c) => (c === column ? '' : cell))
        .join(',');
    const gaps: Record<number, number> = { 3: 0, 40: 0, 90: 0, 7: 1, 120: 1, 60: 2 };
    const body = lines
      .slice(1)
      .map((line, i) => (gaps[i] === undefined ? line : blank(line, gaps[i]!)));
    const dataPath = join(scratchDir(), 'quine-gaps.csv');
    writeFileSync(dataPath, `${[lines[0], ...body].join('\n')}\n`);
    const result = await analyse(dataPath, { ...poisson, alpha: 0, missing: 'impute' });
    expect(result.data.rowsUsed).toBe(146);
    expect(result.columns).toContain('Sex=M');
    expect(result.columns).toContain('Eth=N');
    checkR(result, dataPath, 'poisson-impute');
    checkPython(result, dataPath, 'poisson-impute');
  });

  it('α comparison (diabetes, lasso / elastic net / ridge): R loops cv.glmnet, Python refits the folds', async () => {
    const result = await analyse(diabetes, {
      ...DEFAULT_SETTINGS,
      ...tight,
      target: 'y',
      features: ['age', 'sex', 'bmi', 'bp', 's1', 's2', 's3', 's4', 's5', 's6'],
      alpha: 1,
      alphas: [1, 0.5, 0],
      cv: { nfolds: 5, seed: 2, measure: 'mse' },
    });
    // Ranked at the rule of the λ the code prints: λ_1se here, then λ_min.
    for (const [rule, index] of [
      ['1se', result.cv!.index1se],
      ['min', result.cv!.indexMin],
    ] as const) {
      const expected = alphaComparison(result.alphaSearch!, rule, false);
      const lines = (stdout: string) =>
        stdout
          .split('\n')
          .filter((l) => l.startsWith('ALPHA '))
          .map((l) => l.slice(6).trim().split(/\s+/).slice(0, 4).map(Number));
      const close = (got: number[][], tolerance: number, tool: string) => {
        expect(got, `${tool} at ${rule}`).toHaveLength(3);
        got.forEach(([alpha, lambda, cvm, cvsd], r) => {
          const want = expected[r]!;
          expect(alpha, `${tool} at ${rule}: rank ${r + 1}`).toBe(want.alpha);
          for (const [a, b] of [
            [lambda!, want.lambda],
            [cvm!, want.cvm],
            [cvsd!, want.cvsd],
          ])
            expect(Math.abs(a - b) / Math.abs(b), `${tool} α = ${alpha}`).toBeLessThan(tolerance);
        });
      };
      const r = rCode(result, { index, dataPath: diabetes });
      expect(r).toContain(`cva$lambda.${rule}`);
      close(lines(run('Rscript', r, `alphas-${rule}.R`)), 1e-6, 'R');
      const py = pythonCode(result, { index, dataPath: diabetes });
      // scikit-learn's fold fits are another solver's: on diabetes its CV values agree with
      // cv.glmnet's to 4e-4 at the rule and its standard errors to 1.1e-3 (R's agree to 1e-6).
      close(lines(run(PYTHON, py, `alphas-${rule}.py`)), 2e-3, 'Python');
    }
  });

  it('relaxed lasso (pima, logistic): R cv.glmnet(relax = TRUE) chooses the same (λ, γ)', async () => {
    const result = await analyse(join(fixturesDir, 'data/pima.csv'), {
      ...DEFAULT_SETTINGS,
      ...tight,
      family: 'binomial',
      target: 'type',
      positiveClass: 'Yes',
      features: ['npreg', 'glu', 'bp', 'skin', 'bmi', 'ped', 'age'],
      relax: true,
      cv: { nfolds: 5, seed: 3, measure: 'deviance' },
    });
    const cv = result.relaxed!.cv!;
    const r = rCode(result, { index: cv.indexMin, dataPath: join(fixturesDir, 'data/pima.csv') });
    const [lambdaMin, gammaMin, lambda1se, gamma1se] = tagged(
      run('Rscript', r, 'relaxed.R'),
      'RELAXED',
    );
    expect(Math.abs(lambdaMin! - cv.lambdaMin) / cv.lambdaMin).toBeLessThan(1e-6);
    expect(Math.abs(lambda1se! - cv.lambda1se) / cv.lambda1se).toBeLessThan(1e-6);
    expect([gammaMin, gamma1se]).toEqual([cv.gammaMin, cv.gamma1se]);
  });

  it('Poisson ridge (quine): R glmnet and scikit-learn PoissonRegressor(alpha = λ)', async () => {
    const result = await analyse(quine, { ...poisson, alpha: 0 });
    checkR(result, quine, 'poisson-ridge');
    checkPython(result, quine, 'poisson-ridge');
  });
});
