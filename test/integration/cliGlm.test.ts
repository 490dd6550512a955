/**
 * Logistic and Poisson regression through the CLI: every binomial and Poisson R glmnet fixture
 * fitted from its CSV file with --family / --positive / --weights (and R's fold ids as a
 * column), and its response-scale predictions reproduced by `fit --model` then `predict`.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, fitJson, scratchDir } from '../helpers/cli';
import {
  fixtureCsvWithFolds,
  fixtureFitArgs,
  fixturesDir,
  glmFixtureIds,
  loadFixture,
  maxScaledDifference,
} from '../helpers/fixtures';

const relative = (a: number, b: number) => Math.abs(a - b) / Math.abs(b);

describe.each(glmFixtureIds)('CLI reproduces glmnet fixture %s', (id) => {
  it('path, grid, CV, family and positive class; predict writes the probabilities or counts', async () => {
    const f = loadFixture(id);
    const dir = scratchDir();
    const data = join(dir, f.data);
    writeFileSync(data, fixtureCsvWithFolds(f));
    const { rows, lambda_index, response } = f.predictions!;
    const k = lambda_index[1]!;
    const model = join(dir, 'model.json');
    const { run, json } = await fitJson(
      ...fixtureFitArgs(f, data),
      ...(f.cv ? ['--foldid-column', 'fold', '--measure', f.cv.type_measure] : []),
      ...['--model', model, '--select', String(f.path.lambda[k])],
    );
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(json.settings.family).toBe(f.family);
    expect(json.settings.positiveClass).toBe(
      f.family === 'binomial' ? String(f.positive_class) : null,
    );
    expect(json.n).toBe(f.n);
    expect(json.columns).toEqual(f.columns);
    expect(json.path.lambda).toHaveLength(f.path.lambda.length);
    const grid = Math.max(...json.path.lambda.map((v, l) => relative(v, f.path.lambda[l]!)));
    expect(grid).toBeLessThan(1e-10);
    expect(maxScaledDifference(json.path.beta, f.path.beta, 1)).toBeLessThan(1e-6);
    expect(maxScaledDifference([json.path.a0.slice(1)], [f.path.a0.slice(1)])).toBeLessThan(1e-6);
    if (f.cv) {
      const cv = json.cv!;
      expect(cv.measure).toBe(f.cv.type_measure);
      expect(Math.max(...cv.cvm.map((v, l) => relative(v, f.cv!.cvm[l]!)))).toBeLessThan(1e-5);
      expect(Math.max(...cv.cvsd.map((v, l) => relative(v, f.cv!.cvsd[l]!)))).toBeLessThan(1e-5);
      expect(relative(cv.lambdaMin, f.cv.lambda_min)).toBeLessThan(1e-5);
      expect(relative(cv.lambda1se, f.cv.lambda_1se)).toBeLessThan(1e-5);
    }

    const out = join(dir, 'scored.csv');
    const scored = await cli('predict', '--model', model, '--data', data, '--out', out);
    expect(scored.code).toBe(0);
    const [header, ...lines] = readFileSync(out, 'utf8').trim().split(/\r?\n/);
    const names = header!.split(',');
    const kept = lines
      .map((line) => line.split(','))
      .filter((cells) => !f.rows || cells[names.indexOf(f.rows.column)] === f.rows.value);
    const column = names.indexOf(
      f.family === 'binomial' ? `probability_${f.target}` : `predicted_${f.target}`,
    );
    const predicted = kept.slice(0, rows).map((cells) => Number(cells[column]));
    const worst = Math.max(...predicted.map((p, r) => Math.abs(p - response[1]![r]!)));
    expect(worst).toBeLessThan(1e-6);
    if (f.family === 'binomial') {
      // The class at the default threshold 0.5: the positive class exactly where p > 0.5.
      const classes = kept.map((cells) => cells[names.indexOf(`predicted_${f.target}`)]);
      const negative = json.classes!.negative;
      kept.forEach((cells, r) => {
        const p = Number(cells[column]);
        expect(classes[r]).toBe(p > 0.5 ? String(f.positive_class) : negative);
      });
    }
  });
});

describe('CLI summary of logistic and Poisson fits', () => {
  const birthwt = ['--data', join(fixturesDir, 'data', 'birthwt.csv'), '--target', 'low'];

  it('names the family and the class modelled, with the CV measure', async () => {
    const run = await cli(
      'fit',
      ...birthwt,
      '--family',
      'binomial',
      '--positive',
      '0',
      '--cv',
      '5',
    );
    expect(run.code).toBe(0);
    const [first] = run.stdout.split('\n');
    expect(first).toBe(
      "lasso (α = 1), Logistic regression (binomial), predicting P('low' = '0') against '1' from 10 columns of birthwt.csv",
    );
    expect(run.stdout).toMatch(/5-fold cross-validation \(deviance\): λ_min = /);
  });

  it('warns and uses the deviance for AUC on folds of fewer than 10 rows (189 rows, 20 folds)', async () => {
    const { run, json } = await fitJson(
      ...birthwt,
      ...['--family', 'binomial', '--cv', '20', '--measure', 'auc'],
    );
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(
      /^warning: AUC needs at least 10 rows per fold .*189 rows in 20 folds give 9\.4/,
    );
    expect(json.cv!.measure).toBe('deviance');
    expect(json.diagnostics.warnings.map((w) => w.code)).toContain('auc-too-few-rows');
  });
});

describe('CLI logistic CV with a class confined to one fold', () => {
  it('names the fold and says what to change, for random folds too', async () => {
    const lines = ['x1,x2,y'];
    for (let i = 0; i < 100; i++)
      lines.push(`${Math.sin(i)},${Math.cos(3 * i)},${i === 7 ? 'Yes' : 'No'}`);
    const data = join(scratchDir(), 'rare.csv');
    writeFileSync(data, `${lines.join('\n')}\n`);
    const run = await cli(
      'fit',
      '--data',
      data,
      '--target',
      'y',
      '--family',
      'binomial',
      '--cv',
      '5',
    );
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(
      /^error: fold \d: the target is constant on its training rows .*one class occurs only in this fold.*with random folds, use fewer folds or another seed\.$/,
    );
  });
});

describe('CLI predict --threshold', () => {
  it('moves the class boundary of a logistic model, and is refused for other models or outside (0, 1)', async () => {
    const dir = scratchDir();
    const pima = join(fixturesDir, 'data', 'pima.csv');
    const model = join(dir, 'm.json');
    const features = ['--features', 'npreg,glu,bp,skin,bmi,ped,age'];
    const fit = await cli(
      'fit',
      '--data',
      pima,
      '--target',
      'type',
      ...features,
      '--family',
      'binomial',
      '--model',
      model,
    );
    expect(fit.code).toBe(0);
    const classes = async (threshold: string) => {
      const out = join(dir, `s${threshold}.csv`);
      const run = await cli(
        'predict',
        '--model',
        model,
        '--data',
        pima,
        '--out',
        out,
        '--threshold',
        threshold,
      );
      expect(run.code).toBe(0);
      const [header, ...lines] = readFileSync(out, 'utf8').trim().split(/\r?\n/);
      const names = header!.split(',');
      return lines.map((line) => {
        const cells = line.split(',');
        return {
          p: Number(cells[names.indexOf('probability_type')]),
          c: cells[names.indexOf('predicted_type')],
        };
      });
    };
    const low = await classes('0.2');
    const high = await classes('0.8');
    for (const [rows, t] of [
      [low, 0.2],
      [high, 0.8],
    ] as const)
      for (const { p, c } of rows) expect(c).toBe(p > t ? 'Yes' : 'No');
    expect(low.filter((r) => r.c === 'Yes').length).toBeGreaterThan(
      high.filter((r) => r.c === 'Yes').length,
    );

    const bad = await cli(
      'predict',
      '--model',
      model,
      '--data',
      pima,
      '--out',
      join(dir, 'x.csv'),
      '--threshold',
      '1',
    );
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe(
      "error: --threshold must be a probability strictly between 0 and 1, such as 0.5; got '1'.",
    );
    const linear = join(dir, 'linear.json');
    await cli('fit', '--data', pima, '--target', 'glu', '--features', 'bmi,age', '--model', linear);
    const notBinary = await cli(
      'predict',
      '--model',
      linear,
      '--data',
      pima,
      '--out',
      join(dir, 'y.csv'),
      '--threshold',
      '0.5',
    );
    expect(notBinary.code).toBe(2);
    expect(notBinary.stderr).toMatch(/--threshold applies to a two-class \(binomial\) model only/);
  });
});
