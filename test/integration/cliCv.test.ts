/** Cross-validation, test rows and α comparison through the CLI (folds on worker threads). */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AnalysisResult } from '../../shared/analysis/result';
import { cli, fitJson, scratchDir } from '../helpers/cli';
import {
  examplesDir,
  fixtureDataPath,
  fixtureFitArgs,
  fixtureIds,
  loadFixture,
  weightedFixtureIds,
} from '../helpers/fixtures';

type CvJson = AnalysisResult & {
  cv: {
    measure: string;
    cvm: number[];
    cvsd: number[];
    lambdaMin: number;
    lambda1se: number;
    foldid: number[];
    nfolds: number;
    selectionFrequency: number[][];
    nzero: number[];
    indexMin: number;
    index1se: number;
  };
  test: { n: number; mse: number[]; atLambdaMin: { mse: number; mae: number; r2: number } };
  alphaSearch: { bestAlpha: number; candidates: { alpha: number; cvmMin: number }[] };
  timing: { cvSeconds: number };
};

const relative = (a: number, b: number) => Math.abs(a - b) / Math.abs(b);

/** The fixture's CSV with its cv.glmnet fold ids added as a column (rows outside the filter get 0). */
function csvWithFolds(id: string): string {
  const f = loadFixture(id);
  const lines = readFileSync(fixtureDataPath(f), 'utf8').trim().split('\n');
  const header = lines[0]!.split(',');
  let next = 0;
  const body = lines.slice(1).map((line) => {
    const cells = line.split(',');
    const kept = !f.rows || cells[header.indexOf(f.rows.column)] === f.rows.value;
    return `${line},${kept ? f.cv!.foldid[next++] : 0}`;
  });
  const path = join(scratchDir(), `${id}.csv`);
  writeFileSync(path, [`${lines[0]},fold`, ...body].join('\n'));
  return path;
}

const withCv = [...fixtureIds, ...weightedFixtureIds].filter((id) => loadFixture(id).cv);

describe.each(withCv)('CLI cross-validation matches cv.glmnet: %s', (id) => {
  it('with the fixture fold ids as a column', async () => {
    const f = loadFixture(id);
    const { run, json } = await fitJson<CvJson>(
      ...fixtureFitArgs(f, csvWithFolds(id)),
      ...['--foldid-column', 'fold'],
    );
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(json.cv.nfolds).toBe(f.cv!.nfolds);
    expect(json.cv.foldid).toEqual(f.cv!.foldid);
    expect(Math.max(...json.cv.cvm.map((v, l) => relative(v, f.cv!.cvm[l]!)))).toBeLessThan(1e-6);
    expect(Math.max(...json.cv.cvsd.map((v, l) => relative(v, f.cv!.cvsd[l]!)))).toBeLessThan(1e-6);
    expect(relative(json.cv.lambdaMin, f.cv!.lambda_min)).toBeLessThan(1e-6);
    expect(relative(json.cv.lambda1se, f.cv!.lambda_1se)).toBeLessThan(1e-6);
    expect(json.timing.cvSeconds).toBeGreaterThan(0);
  });
});

describe('CLI validation features', () => {
  const prostate = join(examplesDir, 'prostate.csv');
  const onProstate = ['--data', prostate, '--target', 'lpsa'];

  it('--test-rows fits on the 67 training rows and scores the 30 test rows', async () => {
    const { run, json } = await fitJson<CvJson>(
      ...onProstate,
      ...['--test-rows', 'train=F', '--cv', '10'],
    );
    expect(run.code).toBe(0);
    expect(json.n).toBe(67);
    expect(json.data).toMatchObject({ rowsRead: 97, rowsUsed: 67, rowsTest: 30 });
    expect(json.cv.foldid).toHaveLength(67);
    expect(json.test.n).toBe(30);
    expect(json.columns).not.toContain('train');

    // The test MSE at λ_min, recomputed here from the raw file and the reported coefficients.
    const lines = readFileSync(prostate, 'utf8').trim().split('\n');
    const header = lines[0]!.split(',');
    const testRows = lines
      .slice(1)
      .map((l) => l.split(','))
      .filter((c) => c[header.indexOf('train')] === 'F');
    const k = json.cv.indexMin;
    let sse = 0;
    for (const cells of testRows) {
      let prediction = json.path.a0[k]!;
      json.columns.forEach((name, j) => {
        prediction += json.path.beta[k]![j]! * Number(cells[header.indexOf(name)]);
      });
      sse += (Number(cells[header.indexOf('lpsa')]) - prediction) ** 2;
    }
    expect(testRows).toHaveLength(30);
    expect(json.test.atLambdaMin.mse).toBeCloseTo(sse / 30, 10);
    expect(json.test.mse[k]).toBeCloseTo(sse / 30, 10);
  });

  it('compares several α on the same folds and reports the best', async () => {
    const folds = [...onProstate, '--rows', 'train=T', '--cv', '5', '--seed', '7'];
    const { run, json } = await fitJson<CvJson>(...folds, '--alpha', '0,0.5', '--alpha', '1');
    expect(run.code).toBe(0);
    const { candidates, bestAlpha } = json.alphaSearch;
    expect(candidates.map((c) => c.alpha)).toEqual([0, 0.5, 1]);
    const best = candidates.reduce((a, b) => (b.cvmMin < a.cvmMin ? b : a));
    expect(bestAlpha).toBe(best.alpha);
    expect(json.settings.alpha).toBe(bestAlpha);
    // Same seed, single α: the same folds and the same CV curve as within the comparison.
    const { json: alone } = await fitJson<CvJson>(...folds, '--alpha', String(bestAlpha));
    expect(alone.cv.foldid).toEqual(json.cv.foldid);
    expect(alone.cv.cvm).toEqual(json.cv.cvm);
  });

  it('prints every α ranked at λ_1se, the λ its outputs select, with λ_min beside and 1 SE marked', async () => {
    const folds = [...onProstate, '--rows', 'train=T', '--cv', '5', '--seed', '7'];
    const { json } = await fitJson<CvJson>(...folds, '--alpha', '0,0.5,1');
    const printed = await cli('fit', ...folds, '--alpha', '0,0.5,1');
    expect(printed.code).toBe(0);
    expect(printed.stdout).toContain('ranked by CV mse at λ_1se');
    const rows = printed.stdout
      .split('\n')
      .filter((line) => /^\d+\s/.test(line))
      .map((line) => line.trim().split(/\s{2,}/));
    expect(rows).toHaveLength(3);
    // Ranked by the CV error at each α's own λ_1se, best first.
    const at1se = (alpha: number) =>
      json.alphaSearch.candidates.find((c) => c.alpha === alpha) as unknown as { cvm1se: number };
    const alphas = rows.map((r) => Number(r[1]!.split(' ')[0]));
    const errors = alphas.map((a) => at1se(a).cvm1se);
    expect([...errors].sort((a, b) => a - b)).toEqual(errors);
    expect(rows[0]!.at(-1)).toBe('best');
    expect(rows.filter((r) => r[1]!.includes('(chosen)'))).toHaveLength(1);
  });

  it('reports selection frequencies between 0 and 1 per λ and column, with mae as the measure', async () => {
    const { run, json } = await fitJson<CvJson>(
      ...['--data', join(examplesDir, 'diabetes.csv'), '--target', 'y', '--cv', '4'],
      ...['--measure', 'mae'],
    );
    expect(run.code).toBe(0);
    expect(json.cv.selectionFrequency).toHaveLength(json.path.lambda.length);
    const flat = json.cv.selectionFrequency.flat();
    expect(flat.every((v) => v >= 0 && v <= 1 && Number.isInteger(v * 4))).toBe(true);
    expect(json.cv.selectionFrequency.at(-1)!.some((v) => v === 1)).toBe(true);
    expect(json.cv).toMatchObject({ measure: 'mae', nfolds: 4 });
  });

  it('names the fold whose training rows have a constant target, as one error, every time', async () => {
    // y varies only on the rows of fold 3, so the other folds' rows, fold 3's training rows,
    // are constant. This used to crash the process in about half the runs (a worker race).
    const rows = Array.from({ length: 400 }, (_, i) => {
      const fold = (i % 10) + 1;
      return `${Math.sin(i)},${Math.cos(3 * i)},${fold},${fold === 3 ? Math.sin(7 * i) : 1}`;
    });
    const data = join(scratchDir(), 'constant-fold.csv');
    writeFileSync(data, `x1,x2,fold,y\n${rows.join('\n')}\n`);
    for (let run = 0; run < 5; run++) {
      const result = await cli('fit', '--data', data, '--target', 'y', '--foldid-column', 'fold');
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(
        /^error: fold 3: the target is constant on its training rows \(the rows of all other folds\)/,
      );
      expect(result.stderr.split('\n')).toHaveLength(1);
    }
  });

  it.each([
    [['--cv', '1'], 2, /--cv must be a whole number of folds from 2 to 1000/],
    [['--seed', '3'], 2, /--seed only applies to cross-validation/],
    [['--keep'], 2, /--keep only applies to cross-validation/],
    [['--alpha', '0,1'], 2, /needs cross-validation/],
    [['--cv', '5', '--measure', 'rmse'], 2, /--measure must be mse or mae/],
    [['--foldid-column', 'nope'], 1, /no fold-id column named 'nope'/],
    [['--cv', '5', '--test-rows', 'train=X'], 1, /No row has train = 'X'/],
    [['--cv', '500'], 1, /between 2 and 97 folds/],
  ])('rejects %j', async (extra, code, message) => {
    const run = await cli('fit', ...onProstate, ...(extra as string[]));
    expect(run.code).toBe(code);
    expect(run.stderr).toMatch(message);
    expect(run.stderr.split('\n')).toHaveLength(1);
  });
});

describe('fold warnings on the command line', () => {
  it('print one line for a warning repeated across folds, naming them', async () => {
    // A constant feature: the fit on all rows and every fold say so, the folds in one line.
    const lines = ['a,b,c,y'];
    for (let i = 0; i < 40; i++) lines.push(`${(i * 7) % 11},${(i * 5) % 13},1,${(i * 3) % 17}`);
    const data = join(scratchDir(), 'constant.csv');
    writeFileSync(data, `${lines.join('\n')}\n`);
    const run = await cli('fit', '--data', data, '--target', 'y', '--cv', '5');
    expect(run.code).toBe(0);
    const warnings = run.stderr.split('\n').filter((l) => l.startsWith('warning:'));
    expect(warnings).toEqual([
      "warning: Constant feature 'c' cannot be fitted; its coefficient is reported as 0.",
      "warning: In folds 1, 2, 3, 4 and 5: Constant feature 'c' cannot be fitted; its coefficient is reported as 0.",
    ]);
  });
});

describe('--keep: out-of-fold predictions from the worker threads, as cv.glmnet(keep = TRUE)', () => {
  const dir = join(__dirname, '../fixtures/keep');
  const f = JSON.parse(readFileSync(join(dir, 'pima-binomial-enet-keep.json'), 'utf8')) as {
    features: string[];
    fit_preval: number[][];
    index_min: number;
  };
  const args = [
    ...['--data', join(dir, 'pima-binomial-enet-keep.csv'), '--target', 'type'],
    ...['--family', 'binomial', '--positive', 'Yes', '--features', f.features.join(',')],
    ...['--weights', 'weight', '--alpha', '0.5', '--thresh', '1e-14'],
    ...['--foldid-column', 'fold'],
  ];
  type KeepJson = AnalysisResult & {
    cv: { outOfFold: { atLambdaMin: number[]; fitPreval?: number[][] }; keep?: boolean };
  };

  it('writes fit.preval (n × nλ, log-odds) with --keep, R’s to 1e-6', async () => {
    const { run, json } = await fitJson<KeepJson>(...args, '--keep');
    expect(run.code).toBe(0);
    expect(json.settings.cv?.keep).toBe(true);
    const preval = json.cv.outOfFold.fitPreval!;
    expect(preval).toHaveLength(f.fit_preval.length);
    let worst = 0;
    f.fit_preval.forEach((row, i) => {
      row.forEach((value, l) => {
        worst = Math.max(worst, Math.abs(preval[i]![l]! - value));
      });
    });
    expect(worst).toBeLessThan(1e-6);
  });

  it('without --keep writes only λ_min and λ_1se', async () => {
    const { run, json } = await fitJson<KeepJson>(...args);
    expect(run.code).toBe(0);
    expect(json.cv.outOfFold.fitPreval).toBeUndefined();
    expect(json.cv.outOfFold.atLambdaMin).toHaveLength(f.fit_preval.length);
    const expected = f.fit_preval.map((row) => row[f.index_min - 1]!);
    const worst = Math.max(
      ...json.cv.outOfFold.atLambdaMin.map((v, i) => Math.abs(v - expected[i]!)),
    );
    expect(worst).toBeLessThan(1e-6);
  });
});
