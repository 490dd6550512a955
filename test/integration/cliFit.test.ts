/** The CLI end to end: CSV files in, glmnet's numbers out; clean errors and exit codes. */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, fitJson, scratchDir } from '../helpers/cli';
import { repoRoot } from '../helpers/cliProcess';
import {
  examplesDir,
  fixtureDataPath,
  fixtureFitArgs,
  fixtureIds,
  loadFixture,
  maxScaledDifference,
  weightedFixtureIds,
} from '../helpers/fixtures';

describe.each([...fixtureIds, ...weightedFixtureIds])('CLI reproduces glmnet fixture %s', (id) => {
  it('from the CSV file, on the default grid', async () => {
    const f = loadFixture(id);
    const { run, json } = await fitJson(...fixtureFitArgs(f, fixtureDataPath(f)));
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(json.n).toBe(f.n);
    expect(json.columns).toEqual(f.columns);
    expect(json.path.lambda).toHaveLength(f.path.lambda.length);
    expect(maxScaledDifference(json.path.beta, f.path.beta)).toBeLessThan(1e-7);
    expect(maxScaledDifference([json.path.a0], [f.path.a0])).toBeLessThan(1e-7);
    expect(json.data.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(json.settings.alpha).toBe(f.alpha);
  });
});

describe('CLI help', () => {
  it('lists every command at the same indent, with its outputs never written through links', async () => {
    const run = await cli('--help');
    expect(run.code).toBe(0);
    const commands = run.stdout.split('Commands\n')[1]?.split('\n\n')[0]?.split('\n') ?? [];
    expect(commands.map((line) => line.trim().split(' ')[0])).toEqual([
      'fit',
      'inspect',
      'predict',
    ]);
    for (const line of commands) expect(line).toMatch(/^ {2}[a-z]+ +\S/);
    expect(new Set(commands.map((line) => line.search(/(?<=^ {2}[a-z]+ +)\S/))).size).toBe(1);
    expect(run.stdout).toMatch(/never through a\s+symlink/);
  });
});

describe('CLI output for people marks hidden characters in names (JSON keeps them)', () => {
  // A column whose name reverses the text after it, a level with a zero-width space, and a
  // constant column (a warning names it) with a bidi isolate.
  const bidi = '\u202Eb';
  const level = 'p\u200Bq';
  const constant = 'k\u2066';
  function hiddenNamesCsv(): string {
    const dir = scratchDir();
    const rows = [`y,${bidi},g,${constant}`];
    for (let i = 0; i < 30; i++)
      rows.push(`${(i * 7) % 11},${(i * 5) % 13},${i % 3 ? level : 'r'},5`);
    const path = join(dir, 'hidden.csv');
    writeFileSync(path, `${rows.join('\n')}\n`);
    return path;
  }
  const hidden = /[\u202E\u200B\u2066]/;

  it('in inspect’s table, the fit summary, warnings and errors', async () => {
    const data = hiddenNamesCsv();
    const inspect = await cli('inspect', '--data', data);
    expect(inspect.code).toBe(0);
    expect(inspect.stdout).toMatch(/^⟨U\+202E⟩b\s+numeric/m);
    expect(inspect.stdout).toContain('p⟨U+200B⟩q (');
    const fit = await cli('fit', '--data', data, '--target', 'y');
    expect(fit.code).toBe(0);
    expect(fit.stdout).toMatch(/^⟨U\+202E⟩b\s/m);
    // g has two levels: one 0/1 column for r, the other level named in the coding line.
    expect(fit.stdout).toMatch(/^g=r\s/m);
    expect(fit.stdout).toContain(
      "coding: The two-level text feature is one 0/1 column: 'g' is 1 for 'r', 0 for 'p⟨U+200B⟩q'.",
    );
    for (const run of [inspect, fit]) {
      expect(run.stdout).not.toMatch(hidden);
      expect(run.stderr).not.toMatch(hidden);
    }
    const error = await cli('fit', '--data', data, '--target', `y${bidi}`);
    expect(error.code).toBe(1);
    expect(error.stderr).toMatch(/^error: .*'y⟨U\+202E⟩b'/);
    expect(error.stderr).not.toMatch(hidden);
    expect(fit.stderr).toMatch(/^warning: .*k⟨U\+2066⟩/m);
  });

  it('but not in JSON, which keeps the names exactly', async () => {
    const data = hiddenNamesCsv();
    const { run, json } = await fitJson('--data', data, '--target', 'y');
    expect(run.code).toBe(0);
    expect(json.columns).toContain(bidi);
    expect(json.designColumns).toContainEqual({
      name: 'g=r',
      feature: 'g',
      kind: 'level',
      level: 'r',
      reference: level,
    });
    const inspect = await cli('inspect', '--data', data, '--json', '-');
    expect(JSON.parse(inspect.stdout).columns.map((c: { name: string }) => c.name)).toContain(bidi);
  });
});

describe('CLI fit output', () => {
  it('prints a readable summary without --json', async () => {
    const run = await cli('fit', '--data', join(examplesDir, 'diabetes.csv'), '--target', 'y');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/lasso \(α = 1\) predicting 'y' from 10 column/);
    expect(run.stdout).toMatch(/rows: 442 used of 442 read/);
    expect(run.stdout).toMatch(/path: 88 λ value/);
    expect(run.stdout).toMatch(/^bmi\s/m);
  });

  it('lists every column of a narrow file, and of a wide one those that enter (with counts of the rest)', async () => {
    // 80 columns, few of which enter the path: most are zero at every λ shown.
    const lines = [[...Array.from({ length: 80 }, (_, j) => `x${j + 1}`), 'y'].join(',')];
    for (let i = 0; i < 120; i++) {
      const x = Array.from({ length: 80 }, (_, j) => Math.sin(i * 1.7 + j * j * 0.31));
      lines.push(
        [...x.map((v) => v.toFixed(4)), (3 * x[0]! - 2 * x[1]! + x[2]!).toFixed(4)].join(','),
      );
    }
    const wide = join(scratchDir(), 'wide-summary.csv');
    writeFileSync(wide, `${lines.join('\n')}\n`);
    const run = await cli('fit', '--data', wide, '--target', 'y');
    expect(run.code).toBe(0);
    const { json } = await fitJson('--data', wide, '--target', 'y');
    // Zero at every λ of the path, so at every λ shown.
    const everZero = json.columns.filter((_, j) => json.path.beta.every((beta) => beta[j] === 0));
    expect(everZero.length).toBeGreaterThan(0);
    for (const name of everZero) expect(run.stdout).not.toMatch(new RegExp(`^${name}\\s`, 'm'));
    const last = json.path.beta.at(-1)!;
    const entered = json.columns.filter((_, j) => last[j] !== 0);
    expect(entered.length).toBeGreaterThan(0);
    for (const name of entered) expect(run.stdout).toMatch(new RegExp(`^${name}\\s`, 'm'));
    expect(run.stdout).toMatch(
      /not listed: .*\d+ columns? zero at every λ shown; --json, --report or --model have them all/,
    );
    const narrow = await cli('fit', '--data', join(examplesDir, 'diabetes.csv'), '--target', 'y');
    expect(narrow.stdout).not.toMatch(/not listed/);
  });

  it('names the weight and offset columns in the summary', async () => {
    const run = await cli(
      ...['fit', '--data', join(examplesDir, 'diabetes.csv'), '--target', 'y'],
      ...['--weights', 'sex', '--offset', 's6'],
    );
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(
      /lasso \(α = 1\) predicting 'y' from 8 columns of diabetes\.csv, weighted by 'sex', offset 's6'/,
    );
  });

  it('takes --family (registered names only) and records it in the JSON', async () => {
    const diabetes = ['--data', join(examplesDir, 'diabetes.csv'), '--target', 'y'];
    const { run, json } = await fitJson(...diabetes, '--family', 'gaussian');
    expect(run.code).toBe(0);
    expect(json.settings.family).toBe('gaussian');
    const bad = await cli('fit', ...diabetes, '--family', 'multinomial');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe(
      "error: --family must be gaussian or binomial or poisson; got 'multinomial'.",
    );
    // A family whose target the column cannot be: a data error naming the column.
    const many = await cli('fit', ...diabetes, '--family', 'binomial');
    expect(many.code).toBe(1);
    expect(many.stderr).toMatch(
      /^error: diabetes\.csv, column 'y': Logistic regression needs a target with exactly two values, but this one has \d+ .*multinomial regression \(three or more classes\) is not supported yet\./,
    );
  });

  it('writes the documented JSON schema', async () => {
    const { run, json } = await fitJson(
      ...['--data', join(examplesDir, 'prostate.csv'), '--target', 'lpsa'],
      ...['--rows', 'train=T', '--penalty', 'elastic-net'],
    );
    expect(run.code).toBe(0);
    expect(Object.keys(json)).toEqual(
      expect.arrayContaining([
        'version',
        'data',
        'settings',
        'columns',
        'n',
        'path',
        'diagnostics',
        'timing',
      ]),
    );
    expect(json.data).toMatchObject({
      file: 'prostate.csv',
      rowsRead: 97,
      rowsUsed: 67,
      rowsDropped: 0,
      rowsFiltered: 30,
    });
    expect(Object.keys(json.path)).toEqual(['lambda', 'a0', 'beta', 'df', 'devRatio', 'nulldev']);
    expect(json.settings).toMatchObject({
      penalty: 'elastic-net',
      alpha: 0.5,
      standardize: true,
      intercept: true,
      nlambda: 100,
      lambdaMinRatio: 1e-4,
      thresh: 1e-7,
      maxIter: 100000,
    });
    // The row-filter column is not a feature.
    expect(json.columns).not.toContain('train');
    expect(json.diagnostics).toMatchObject({ converged: true, warnings: [] });
    expect(json.timing.fitSeconds).toBeGreaterThan(0);
  });

  it('honours an explicit λ sequence, sorting it and saying so', async () => {
    const { run, json } = await fitJson(
      ...['--data', join(examplesDir, 'diabetes.csv'), '--target', 'y', '--lambda', '0.1,10,1'],
    );
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(/^warning: The λ sequence was sorted/m);
    // The JSON keeps the warning as a record: code for scripts, message for people.
    expect(json.diagnostics.warnings).toEqual([
      { code: 'lambda-sorted', message: 'The λ sequence was sorted into decreasing order.' },
    ]);
    expect(json.path.lambda).toEqual([10, 1, 0.1]);
  });
});

describe('CLI errors', () => {
  const diabetes = join(examplesDir, 'diabetes.csv');
  const cases: [string, string[], number, RegExp][] = [
    ['missing --data', ['fit', '--target', 'y'], 2, /--data FILE is required/],
    ['missing --target', ['fit', '--data', diabetes], 2, /--target COLUMN is required/],
    [
      'unknown flag',
      ['fit', '--data', diabetes, '--target', 'y', '--lamda', '1'],
      2,
      /Unknown option '--lamda'/,
    ],
    [
      'bad alpha',
      ['fit', '--data', diabetes, '--target', 'y', '--alpha', '1.5'],
      2,
      /--alpha must be a number from 0/,
    ],
    [
      'conflicting penalty',
      ['fit', '--data', diabetes, '--target', 'y', '--penalty', 'ridge', '--alpha', '1'],
      2,
      /keep one of them/,
    ],
    [
      'bad penalty',
      ['fit', '--data', diabetes, '--target', 'y', '--penalty', 'lass'],
      2,
      /lasso, ridge or elastic-net/,
    ],
    [
      'bad nlambda',
      ['fit', '--data', diabetes, '--target', 'y', '--nlambda', '2.5'],
      2,
      /whole number/,
    ],
    [
      'bad ratio',
      ['fit', '--data', diabetes, '--target', 'y', '--lambda-min-ratio', '1'],
      2,
      /strictly between 0 and 1/,
    ],
    [
      'negative lambda',
      ['fit', '--data', diabetes, '--target', 'y', '--lambda', '1,-2'],
      2,
      /numbers ≥ 0/,
    ],
    ['unknown command', ['fitt'], 2, /Unknown command 'fitt'/],
    [
      'missing file',
      ['fit', '--data', 'nope/missing.csv', '--target', 'y'],
      1,
      /nope\/missing\.csv: Cannot read the file\. There is no such file/,
    ],
    [
      'unknown target',
      ['fit', '--data', diabetes, '--target', 'Y'],
      1,
      /no target column named 'Y'.*Available columns: age, sex/,
    ],
    [
      'unknown feature',
      ['fit', '--data', diabetes, '--target', 'y', '--features', 'age,bmx'],
      1,
      /no feature column named 'bmx'/,
    ],
    [
      'no matching rows',
      ['fit', '--data', diabetes, '--target', 'y', '--rows', 'sex=3'],
      1,
      /No row has sex = '3'/,
    ],
    [
      'unknown weight column',
      ['fit', '--data', diabetes, '--target', 'y', '--weights', 'wt'],
      1,
      /diabetes\.csv: There is no observation weights column named 'wt'\. Available columns: age/,
    ],
    [
      'non-numeric weight column',
      [
        'fit',
        '--data',
        join(examplesDir, 'prostate.csv'),
        '--target',
        'lpsa',
        '--weights',
        'train',
      ],
      1,
      /prostate\.csv, column 'train': The observation weights column must be numeric, but it holds text/,
    ],
    [
      'offset is the target',
      ['fit', '--data', diabetes, '--target', 'y', '--offset', 'y'],
      1,
      /diabetes\.csv, column 'y': 'y' is both the target and the offset column\. Choose another column/,
    ],
    [
      'empty weight column name',
      ['fit', '--data', diabetes, '--target', 'y', '--weights', ''],
      2,
      /--weights must be a column name, not empty/,
    ],
    [
      'unknown penalty factor',
      ['fit', '--data', diabetes, '--target', 'y', '--penalty-factor', 'bmx=0'],
      1,
      /'bmx', which is not a feature/,
    ],
    [
      'a penalty factor given twice',
      ['fit', '--data', diabetes, '--target', 'y', '--penalty-factor', 'age=0,bmi=2,age=1'],
      2,
      /--penalty-factor names the column 'age' twice; give each column one factor/,
    ],
    [
      'several α, all the same, without --cv',
      ['fit', '--data', diabetes, '--target', 'y', '--alpha', '0,0'],
      2,
      /--alpha 0 is given twice; give each α once/,
    ],
    [
      'an α given twice (as 0.5 and 0.50) with --cv',
      ['fit', '--data', diabetes, '--target', 'y', '--alpha', '0.5,1,0.50', '--cv', '3'],
      2,
      /--alpha 0\.5 is given twice/,
    ],
    [
      'several α without --cv',
      ['fit', '--data', diabetes, '--target', 'y', '--alpha', '0', '--alpha', '1'],
      2,
      /Comparing several α needs cross-validation to choose between them; add --cv K/,
    ],
    [
      'target in features',
      ['fit', '--data', diabetes, '--target', 'y', '--features', 'y,age'],
      1,
      /both the target and a feature/,
    ],
  ];
  it.each(cases)('%s: exit %#', async (_name, argv, code, message) => {
    const dir = scratchDir();
    const out = join(dir, 'never.json');
    const run = await cli(...argv, '--json', out);
    expect(run.code).toBe(code);
    const lines = run.stderr.split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^error: /);
    expect(lines[0]).toMatch(message);
    expect(run.stderr).not.toMatch(/\n\s+at /);
    expect(existsSync(out)).toBe(false);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('works as a real process through npm run, with exit codes and no stack traces', () => {
    const ok = spawnSync(
      'npm',
      ['run', '--silent', 'cli', '--', 'fit', '--data', 'examples/diabetes.csv', '--target', 'y'],
      { cwd: repoRoot, encoding: 'utf8' },
    );
    expect(ok.status).toBe(0);
    expect(ok.stdout).toMatch(/Coefficients \(original scale/);
    const bad = spawnSync(
      'npm',
      [
        'run',
        '--silent',
        'cli',
        '--',
        'fit',
        '--data',
        'examples/diabetes.csv',
        '--target',
        'nope',
      ],
      { cwd: repoRoot, encoding: 'utf8' },
    );
    expect(bad.status).toBe(1);
    expect(bad.stderr.trim().split('\n')).toHaveLength(1);
    expect(bad.stderr).toMatch(/^error: diabetes\.csv: There is no target column named 'nope'/);
    const usage = spawnSync('npm', ['run', '--silent', 'cli', '--', 'fit', '--bogus'], {
      cwd: repoRoot,
      encoding: 'utf8',
    });
    expect(usage.status).toBe(2);
  });
});

describe('CLI on the malformed CSV corpus', () => {
  const badDir = join(repoRoot, 'test/fixtures/csv/bad');
  const files = readdirSync(badDir).sort();
  it.each(files)('%s: exit 1, one error line naming the file, no output written', async (file) => {
    const dir = scratchDir();
    const out = join(dir, 'never.json');
    const run = await cli('fit', '--data', join(badDir, file), '--target', 'y', '--json', out);
    expect(run.code).toBe(1);
    expect(run.stderr.split('\n').filter((l) => l.startsWith('error:'))).toHaveLength(1);
    expect(run.stderr).toMatch(new RegExp(`^error: ${file.replace('.', '\\.')}`, 'm'));
    expect(run.stderr).not.toMatch(/\n\s+at /);
    expect(readdirSync(dir)).toEqual([]);
  });
});
