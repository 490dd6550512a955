/**
 * glmnet's conventions through the CLI, against the R fixtures of
 * test/fixtures/generate/conventions.R: --no-path-stop (every grid value), the note on a
 * path that ended early, and cv.glmnet's grouped = FALSE (enforced, with its warning, and
 * asked for with --grouped false).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AnalysisResult } from '../../shared/analysis/result';
import { cli, fitJson, scratchDir } from '../helpers/cli';
import {
  fixtureCsvWithFolds,
  fixtureDataPath,
  fixtureFitArgs,
  loadFixture,
} from '../helpers/fixtures';

const relative = (a: number, b: number) => Math.abs(a - b) / Math.abs(b);

describe('the early path stop on the command line', () => {
  it('--nlambda 1000 says why the path is shorter, and --no-path-stop fits every value', async () => {
    const f = loadFixture('diabetes-lasso');
    // 1000 λ at thresh 1e-14 take more than glmnet's default maxit of 1e5 passes.
    const args = [
      ...fixtureFitArgs(f, fixtureDataPath(f)),
      '--nlambda',
      '1000',
      '--max-iter',
      '1e7',
    ];
    const stopped = await fitJson(...args);
    expect(stopped.run.code).toBe(0);
    const stop = stopped.json.diagnostics.pathStop!;
    expect(stop.requested).toBe(1000);
    expect(stop.fitted).toBe(stopped.json.path.lambda.length);
    expect(stop.fitted).toBeLessThan(1000);
    const printed = await cli('fit', ...args);
    expect(printed.stdout).toContain(`${stop.fitted} of 1000 λ values: the path ended early`);
    expect(printed.stdout).toContain('--no-path-stop fits every value');

    const every = await fitJson(...args, '--no-path-stop');
    expect(every.run.code).toBe(0);
    expect(every.json.path.lambda).toHaveLength(1000);
    expect(every.json.diagnostics.pathStop).toBeNull();
    expect(every.json.settings.pathStop).toBe(false);
    expect((await cli('fit', ...args, '--no-path-stop')).stdout).not.toContain('ended early');
  });

  it('--no-path-stop gives glmnet.control(fdev = 0, devmax = 1)', async () => {
    const f = loadFixture('pima-train-binomial-lasso-no-path-stop');
    const { run, json } = await fitJson(...fixtureFitArgs(f, fixtureDataPath(f)), '--no-path-stop');
    expect(run.code).toBe(0);
    expect(json.path.lambda).toHaveLength(f.path.lambda.length);
    json.path.lambda.forEach((lambda, k) => {
      expect(relative(lambda, f.path.lambda[k]!)).toBeLessThan(1e-10);
    });
  });
});

describe("cv.glmnet's grouped on the command line", () => {
  function foldsFile(id: string) {
    const path = join(scratchDir(), `${id}.csv`);
    writeFileSync(path, fixtureCsvWithFolds(loadFixture(id)));
    return path;
  }

  it('enforces grouped = FALSE for 47 rows in 20 folds, with the warning cv.glmnet gives', async () => {
    const f = loadFixture('swiss-lasso-20-folds');
    const { run, json } = await fitJson(
      ...fixtureFitArgs(f, foldsFile(f.id)),
      '--foldid-column',
      'fold',
    );
    expect(run.code).toBe(0);
    const cv = json.cv as NonNullable<AnalysisResult['cv']>;
    expect(cv.grouped).toBe(false);
    cv.cvsd.forEach((sd, l) => {
      expect(relative(sd, f.cv!.cvsd[l]!)).toBeLessThan(1e-6);
    });
    expect(json.diagnostics.warnings.map((w) => w.code)).toContain('cv-ungrouped');
    expect(run.stdout + run.stderr).toMatch(/20 folds average 2\.4 rows, fewer than 3/);
  });

  it('--grouped false asks for it, and the report’s R code passes it on', async () => {
    const f = loadFixture('swiss-lasso-ungrouped');
    const report = join(scratchDir(), 'report.html');
    const { run, json } = await fitJson(
      ...fixtureFitArgs(f, foldsFile(f.id)),
      '--foldid-column',
      'fold',
      '--grouped',
      'false',
      '--report',
      report,
    );
    expect(run.code).toBe(0);
    const cv = json.cv as NonNullable<AnalysisResult['cv']>;
    expect(cv.grouped).toBe(false);
    expect(json.settings.cv?.grouped).toBe(false);
    cv.cvsd.forEach((sd, l) => {
      expect(relative(sd, f.cv!.cvsd[l]!)).toBeLessThan(1e-6);
    });
    // Asked for: no warning.
    expect(json.diagnostics.warnings.map((w) => w.code)).not.toContain('cv-ungrouped');
    expect(readFileSync(report, 'utf8')).toContain('grouped = FALSE, ');
  });

  it('refuses a --grouped value that is not true or false', async () => {
    const f = loadFixture('swiss-lasso-ungrouped');
    const { run } = await fitJson(
      ...fixtureFitArgs(f, fixtureDataPath(f)),
      '--cv',
      '5',
      '--grouped',
      'no',
    );
    expect(run.code).not.toBe(0);
    expect(run.stderr).toContain("--grouped must be true or false; got 'no'.");
  });
});

describe("glmnet's maxit on the command line", () => {
  it('ends the path and the folds where cv.glmnet does (MASS::UScrime, no intercept)', async () => {
    const f = loadFixture('uscrime-lasso-no-intercept-maxit-folds');
    const path = join(scratchDir(), 'uscrime.csv');
    writeFileSync(path, fixtureCsvWithFolds(f));
    const args = [...fixtureFitArgs(f, path), '--thresh', '1e-12', '--foldid-column', 'fold'];
    const { run, json } = await fitJson(...args);
    expect(run.code).toBe(0);
    const cv = json.cv as NonNullable<AnalysisResult['cv']>;
    cv.cvm.forEach((m, l) => {
      expect(relative(m, f.cv!.cvm[l]!)).toBeLessThan(1e-6);
    });
    expect(relative(cv.lambdaMin, f.cv!.lambda_min)).toBeLessThan(1e-10);
    const ranOut = json.diagnostics.warnings.filter((w) => w.code === 'max-iter-reached');
    // As many folds ran out as cv.glmnet warned about: 7 of the 10 (the fixture keeps R's
    // distinct messages, 6: two folds ran out at the same λ index), each named.
    expect(ranOut.length).toBe(7);
    expect((f as unknown as { warnings: string[] }).warnings).toHaveLength(6);
    expect(ranOut.every((w) => w.fold !== undefined)).toBe(true);
    const printed = await cli('fit', ...args);
    expect(printed.stdout + printed.stderr).toMatch(
      /In fold \d+: The path stops after \d+ λ values/,
    );
  });

  it('--max-iter-per-lambda keeps the old cap per λ; the R code says whether it bound', async () => {
    const f = loadFixture('diabetes-lasso');
    const report = join(scratchDir(), 'report.html');
    const { run, json } = await fitJson(
      ...fixtureFitArgs(f, fixtureDataPath(f)),
      '--max-iter-per-lambda',
      '2',
      '--report',
      report,
    );
    expect(run.code).toBe(0);
    expect(json.settings.maxIterPerLambda).toBe(2);
    expect(json.diagnostics.warnings.some((w) => w.code === 'not-converged')).toBe(true);
    expect(readFileSync(report, 'utf8')).toContain(
      'Shrinkage also capped each λ at 2 passes, which glmnet cannot',
    );
  });
});

describe('penalty factor Inf on the command line', () => {
  it("excludes the column as glmnet's penalty.factor = Inf, and the R code passes Inf", async () => {
    const f = loadFixture('diabetes-lasso-penalty-inf');
    const factors = f.penalty_factor as unknown as string[];
    const report = join(scratchDir(), 'report.html');
    const { run, json } = await fitJson(
      ...fixtureFitArgs({ ...f, penalty_factor: f.columns.map(() => 1) }, fixtureDataPath(f)),
      '--penalty-factor',
      f.columns.map((c, j) => `${c}=${factors[j]}`).join(','),
      '--report',
      report,
    );
    expect(run.code).toBe(0);
    expect(json.settings.penaltyFactor[f.columns[1]!]).toBe('Inf');
    expect(json.path.lambda).toHaveLength(f.path.lambda.length);
    json.path.lambda.forEach((lambda, k) => {
      expect(relative(lambda, f.path.lambda[k]!)).toBeLessThan(1e-10);
    });
    expect(json.path.beta.every((beta) => beta[1] === 0)).toBe(true);
    expect(readFileSync(report, 'utf8')).toMatch(/penalty\.factor = c\(1, Inf, 0\.5, 2,/);
  });
});

describe('scoring rows with a missing cell', () => {
  it('scores a row whose missing features have coefficient 0, and not one whose feature is in the model', async () => {
    const dir = scratchDir();
    const train = join(dir, 'train.csv');
    // y follows x; noise and g are unrelated, so at a large λ only x is in the model.
    const rows = Array.from({ length: 60 }, (_, i) => {
      const x = (i * 37) % 11;
      const noise = ((i * 53) % 17) / 17;
      return `${x},${noise},${['a', 'b'][i % 2]},${2 * x + ((i * 7) % 3) / 10}`;
    });
    writeFileSync(train, `x,noise,g,y\n${rows.join('\n')}\n`);
    const model = join(dir, 'model.json');
    const fit = await fitJson('--data', train, '--target', 'y', '--lambda', '1', '--model', model);
    expect(fit.run.code).toBe(0);
    const beta = fit.json.path.beta[0]!;
    const column = (name: string) => fit.json.columns.indexOf(name);
    expect(beta[column('x')]).not.toBe(0);
    expect(beta[column('noise')]).toBe(0);
    expect(
      fit.json.columns.filter((c) => c.startsWith('g')).every((c) => beta[column(c)] === 0),
    ).toBe(true);
    const fresh = join(dir, 'new.csv');
    writeFileSync(fresh, 'x,noise,g\n3,,\n,0.5,a\n');
    const out = join(dir, 'scored.csv');
    const run = await cli('predict', '--model', model, '--data', fresh, '--out', out);
    expect(run.code).toBe(0);
    const scored = readFileSync(out, 'utf8').trim().split('\n');
    // Row 1 misses noise and g (coefficient 0): scored; row 2 misses x: not scored.
    expect(scored[1]!.split(',').at(-1)).not.toBe('');
    expect(scored[2]!.endsWith(',')).toBe(true);
    expect(run.stderr).toMatch(/1 row has missing feature values and were not scored/);
  });
});
