/** fit --model / --report and predict: a saved model scores new data exactly as the fit did. */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { cli, scratchDir } from '../helpers/cli';
import { examplesDir } from '../helpers/fixtures';

describe('scoring with a saved model', () => {
  it('adds the scoring file’s offset to each prediction, and refuses a file without it', async () => {
    const dir = scratchDir();
    const diabetes = join(examplesDir, 'diabetes.csv');
    const fit = await cli(
      ...['fit', '--data', diabetes, '--target', 'y', '--weights', 'sex', '--offset', 's6'],
      ...['--json', join(dir, 'fit.json'), '--model', join(dir, 'model.json')],
    );
    expect(fit.code).toBe(0);
    const result = JSON.parse(readFileSync(join(dir, 'fit.json'), 'utf8'));
    const model = JSON.parse(readFileSync(join(dir, 'model.json'), 'utf8'));
    expect(model.offset).toBe('s6');
    expect(result.settings).toMatchObject({ weights: 'sex', offset: 's6' });
    expect(result.columns).not.toContain('sex');
    const scoring = join(dir, 'new.csv');
    writeFileSync(
      scoring,
      'age,bmi,bp,s1,s2,s3,s4,s5,s6\n50,25,90,180,100,50,4,4.5,80\n50,25,90,180,100,50,4,4.5,\n',
    );
    const scored = await cli(
      'predict',
      '--model',
      join(dir, 'model.json'),
      '--data',
      scoring,
      '--out',
      join(dir, 'scored.csv'),
    );
    expect(scored.code).toBe(0);
    expect(scored.stderr).toMatch(/1 row has missing feature or offset values and were not scored/);
    const rows = Papa.parse<string[]>(readFileSync(join(dir, 'scored.csv'), 'utf8').trim()).data;
    const header = rows[0]!;
    const k = model.lambdaIndex;
    let expected = result.path.a0[k] + 80;
    result.columns.forEach((name: string, j: number) => {
      expected += result.path.beta[k][j] * Number(rows[1]![header.indexOf(name)]);
    });
    expect(Number(rows[1]!.at(-1))).toBeCloseTo(expected, 9);
    expect(rows[2]!.at(-1)).toBe('');
    writeFileSync(scoring, 'age,bmi,bp,s1,s2,s3,s4,s5\n50,25,90,180,100,50,4,4.5\n');
    const refused = await cli(
      'predict',
      '--model',
      join(dir, 'model.json'),
      '--data',
      scoring,
      '--out',
      join(dir, 'x.csv'),
    );
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(
      /error: .*new\.csv: The model needs column 's6'.*fitted with the offset 's6'/,
    );
  });

  it('predicts the fitted rows to 1e-12, and keeps the input cells verbatim', async () => {
    const dir = scratchDir();
    const prostate = join(examplesDir, 'prostate.csv');
    const fit = await cli(
      'fit',
      '--data',
      prostate,
      '--target',
      'lpsa',
      '--rows',
      'train=T',
      '--cv',
      '5',
      '--alpha',
      '0.7',
      '--json',
      join(dir, 'fit.json'),
      '--model',
      join(dir, 'model.json'),
      '--report',
      join(dir, 'report.html'),
    );
    expect(fit.code).toBe(0);
    const result = JSON.parse(readFileSync(join(dir, 'fit.json'), 'utf8'));
    const model = JSON.parse(readFileSync(join(dir, 'model.json'), 'utf8'));
    expect(model.lambdaIndex).toBe(result.cv.index1se);
    expect(readFileSync(join(dir, 'report.html'), 'utf8')).toMatch(/^<!doctype html>/);

    const scored = await cli(
      'predict',
      '--model',
      join(dir, 'model.json'),
      '--data',
      prostate,
      '--out',
      join(dir, 'scored.csv'),
    );
    expect(scored.code).toBe(0);
    const input = Papa.parse<string[]>(readFileSync(prostate, 'utf8').trim()).data;
    const output = Papa.parse<string[]>(readFileSync(join(dir, 'scored.csv'), 'utf8').trim()).data;
    expect(output[0]).toEqual([...input[0]!, 'predicted_lpsa']);
    const k = result.cv.index1se;
    for (let i = 1; i < input.length; i++) {
      expect(output[i]!.slice(0, -1)).toEqual(input[i]);
      let expected = result.path.a0[k];
      result.columns.forEach((name: string, j: number) => {
        expected += result.path.beta[k][j] * Number(input[i]![input[0]!.indexOf(name)]);
      });
      expect(Math.abs(Number(output[i]!.at(-1)) - expected)).toBeLessThan(
        1e-12 * Math.max(1, Math.abs(expected)),
      );
    }
  });

  it('codes categories like the fit, says what it cannot score, and refuses missing columns', async () => {
    const dir = scratchDir();
    const train = join(dir, 'train.csv');
    writeFileSync(
      train,
      `x,g,y\n${Array.from({ length: 40 }, (_, i) => `${i % 7},${['a', 'b', 'c'][i % 3]},${(i % 7) * 2 + (i % 3) + (i % 4) / 4}`).join('\n')}\n`,
    );
    const model = join(dir, 'm.json');
    const fit = await cli(
      'fit',
      '--data',
      train,
      '--target',
      'y',
      '--lambda',
      '0.01',
      '--model',
      model,
    );
    expect(fit.code).toBe(0);
    const fresh = join(dir, 'new.csv');
    const score = (out: string) =>
      cli('predict', '--model', model, '--data', fresh, '--out', join(dir, out));
    writeFileSync(fresh, 'g,x,extra\nb,3,1\nzzz,2,1\nc,NA,1\n');
    const run = await score('out.csv');
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(/1 column is not used by the model: extra/);
    expect(run.stderr).toMatch(/1 row has a level of 'g' the model never saw/);
    expect(run.stderr).toMatch(/1 row has missing feature values and were not scored/);
    const rows = readFileSync(join(dir, 'out.csv'), 'utf8').trim().split('\n');
    expect(rows[3]!.endsWith(',')).toBe(true);
    writeFileSync(fresh, 'g,z\nb,3\n');
    const missing = await score('never.csv');
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(
      /^error: new\.csv: The model needs column 'x', which this file does not have/,
    );
  });

  it('scores a row ending in extra empty fields and counts only the rows it scored', async () => {
    const dir = scratchDir();
    const train = join(dir, 'train.csv');
    writeFileSync(
      train,
      `a,b,y\n${Array.from({ length: 30 }, (_, i) => `${i % 7},${(i * 3) % 5},${2 * (i % 7) - ((i * 3) % 5)}`).join('\n')}\n`,
    );
    const model = join(dir, 'm.json');
    expect((await cli('fit', '--data', train, '--target', 'y', '--model', model)).code).toBe(0);
    const fresh = join(dir, 'new.csv');
    writeFileSync(fresh, 'a,b,y\n1,2,3,,,\n2,1,5\n3,,\n');
    const run = await cli(
      'predict',
      '--model',
      model,
      '--data',
      fresh,
      '--out',
      join(dir, 'o.csv'),
    );
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/\(2 of 3 rows scored\)/);
    const rows = Papa.parse<string[]>(readFileSync(join(dir, 'o.csv'), 'utf8').trim()).data;
    expect(rows.map((row) => row.length)).toEqual([4, 4, 4, 4]);
    expect(rows[1]![3]).not.toBe('');
    expect(rows[3]![3]).toBe('');
  });

  it('writes neither report nor model when the fit fails', async () => {
    const dir = scratchDir();
    const run = await cli(
      'fit',
      '--data',
      join(examplesDir, 'diabetes.csv'),
      '--target',
      'y',
      '--select',
      'lambda-min',
      '--report',
      join(dir, 'r.html'),
      '--model',
      join(dir, 'm.json'),
    );
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/--select lambda-min needs cross-validation/);
    expect(readFileSync.length).toBeGreaterThan(0);
    expect(() => readFileSync(join(dir, 'r.html'))).toThrow();
    expect(() => readFileSync(join(dir, 'm.json'))).toThrow();
  });
});

describe('a two-level text feature through fit --model and predict', () => {
  /** 40 rows: smoker no/yes, region a/b/c, x; y depends on smoker and x. */
  function smokersCsv(path: string) {
    const rows = ['smoker,region,x,y'];
    for (let i = 0; i < 40; i++) {
      const smoker = i % 3 === 0 ? 'yes' : 'no';
      const x = ((i * 37) % 11) - 5;
      const y = (smoker === 'yes' ? 3 : 0) + 0.4 * x + ((i * 13) % 7) / 10;
      rows.push(`${smoker},${'abc'[i % 3]},${x},${y}`);
    }
    writeFileSync(path, `${rows.join('\n')}\n`);
  }

  it('is one 0/1 column by default, stated in the summary, and predict scores each level as the fit did', async () => {
    const dir = scratchDir();
    const data = join(dir, 'smokers.csv');
    smokersCsv(data);
    const fit = await cli(
      ...['fit', '--data', data, '--target', 'y', '--lambda', '0.01'],
      ...['--json', join(dir, 'fit.json'), '--model', join(dir, 'model.json')],
    );
    expect(fit.code).toBe(0);
    const summary = await cli('fit', '--data', data, '--target', 'y', '--lambda', '0.01');
    expect(summary.stdout).toContain(
      "coding: The two-level text feature is one 0/1 column: 'smoker' is 1 for 'yes', 0 for 'no'.",
    );
    expect(summary.stdout).toContain(
      'coding: Text features with more levels have one 0/1 column per level.',
    );
    const result = JSON.parse(readFileSync(join(dir, 'fit.json'), 'utf8'));
    expect(result.settings.twoLevelCoding).toBe('single');
    expect(result.columns).toEqual(['smoker=yes', 'region=a', 'region=b', 'region=c', 'x']);
    const model = JSON.parse(readFileSync(join(dir, 'model.json'), 'utf8'));
    expect(model.formatVersion).toBe(4);
    expect(model.columns[0]).toEqual({
      name: 'smoker=yes',
      feature: 'smoker',
      kind: 'level',
      level: 'yes',
      reference: 'no',
    });
    const scoring = join(dir, 'new.csv');
    writeFileSync(scoring, 'smoker,region,x\nyes,a,1\nno,a,1\nmaybe,a,1\n,a,1\n');
    const out = join(dir, 'scored.csv');
    const scored = await cli(
      'predict',
      '--model',
      join(dir, 'model.json'),
      '--data',
      scoring,
      '--out',
      out,
    );
    expect(scored.code).toBe(0);
    // 'no' is the reference level, known to the model: only 'maybe' is unseen.
    expect(scored.stderr).toContain(
      "warning: 1 row has a level of 'smoker' the model never saw; its column is 0 for them, so they are scored as its reference level 'no'.",
    );
    expect(scored.stderr).toMatch(/1 row has missing feature values and were not scored/);
    const rows = Papa.parse<string[]>(readFileSync(out, 'utf8').trim()).data.slice(1);
    const b = result.path.beta[0];
    const base = result.path.a0[0] + b[1] + b[4];
    expect(Number(rows[0]!.at(-1))).toBeCloseTo(base + b[0], 10);
    expect(Number(rows[1]!.at(-1))).toBeCloseTo(base, 10);
    expect(Number(rows[2]!.at(-1))).toBeCloseTo(base, 10);
    expect(rows[3]!.at(-1)).toBe('');
    // The effect is the one coefficient, near the 3 the data was made with.
    expect(b[0]).toBeCloseTo(3, 0);
  });

  it('--two-level one-hot gives a column per level, as glmnet; anything else is refused', async () => {
    const dir = scratchDir();
    const data = join(dir, 'smokers.csv');
    smokersCsv(data);
    const json = join(dir, 'fit.json');
    const fit = await cli(
      'fit',
      '--data',
      data,
      '--target',
      'y',
      '--two-level',
      'one-hot',
      '--json',
      json,
    );
    expect(fit.code).toBe(0);
    const result = JSON.parse(readFileSync(json, 'utf8'));
    expect(result.settings.twoLevelCoding).toBe('one-hot');
    expect(result.columns.slice(0, 2)).toEqual(['smoker=no', 'smoker=yes']);
    const refused = await cli('fit', '--data', data, '--target', 'y', '--two-level', 'dummy');
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain("--two-level must be single or one-hot; got 'dummy'.");
  });
});
