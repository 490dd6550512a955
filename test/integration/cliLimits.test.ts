/**
 * glmnet's last conventions through the CLI, against the R fixtures of
 * test/fixtures/generate/limits.R: coefficient bounds (--lower-limits / --upper-limits, every
 * column or by name), their R and Python reproduce code, and --select at a λ off the grid
 * (interpolated as predict.glmnet, or refitted with --exact).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { FittedModel } from '../../shared/analysis/model';
import { pythonCode, rCode } from '../../shared/report/reproduce';
import { cli, fitJson, scratchDir } from '../helpers/cli';
import {
  fixtureDataPath,
  fixtureFitArgs,
  fixturesDir,
  loadFixture,
  maxScaledDifference,
} from '../helpers/fixtures';

interface Bounded {
  lower_limits: (number | null)[];
  upper_limits: (number | null)[];
}
const raw = (id: string) => JSON.parse(readFileSync(`${fixturesDir}glmnet/${id}.json`, 'utf8'));

/** `--lower-limits a=0,b=-1` for the fixture's finite bounds, by column name. */
function limitArgs(id: string): string[] {
  const f = loadFixture(id);
  const { lower_limits: lower, upper_limits: upper } = raw(id) as Bounded;
  const named = (bounds: (number | null)[]) =>
    f.columns.flatMap((c, j) => (bounds[j] === null ? [] : [`${c}=${bounds[j]}`])).join(',');
  return [
    ...(lower.some((v) => v !== null) ? ['--lower-limits', named(lower)] : []),
    ...(upper.some((v) => v !== null) ? ['--upper-limits', named(upper)] : []),
  ];
}

describe('coefficient bounds on the command line', () => {
  it('--lower-limits 0 is a non-negative lasso, as glmnet (prostate)', async () => {
    const f = loadFixture('prostate-train-lasso-nonnegative');
    const { run, json } = await fitJson(
      ...fixtureFitArgs(f, fixtureDataPath(f)),
      '--lower-limits',
      '0',
    );
    expect(run.code).toBe(0);
    expect(json.path.lambda).toHaveLength(f.path.lambda.length);
    expect(maxScaledDifference(json.path.beta, f.path.beta)).toBeLessThan(1e-6);
    expect(maxScaledDifference([json.path.a0], [f.path.a0])).toBeLessThan(1e-6);
    expect(Object.values(json.settings.lowerLimits ?? {})).toEqual(f.columns.map(() => 0));
    expect(json.settings.upperLimits).toBeUndefined();
    const report = join(scratchDir(), 'report.html');
    expect(
      (
        await cli(
          'fit',
          ...fixtureFitArgs(f, fixtureDataPath(f)),
          '--lower-limits',
          '0',
          '--report',
          report,
        )
      ).code,
    ).toBe(0);
    expect(readFileSync(report, 'utf8')).toContain('Coefficient bounds');
    const printed = await cli(
      'fit',
      ...fixtureFitArgs(f, fixtureDataPath(f)),
      '--lower-limits',
      '0',
    );
    expect(printed.stdout).toContain("bounds: 'lcavol' ≥ 0, 'lweight' ≥ 0");
    // R: lower.limits in column order; scikit-learn: positive=True, which is the same problem.
    const options = { index: json.path.lambda.length - 1, dataPath: 'prostate.csv' };
    expect(rCode(json, options)).toContain(
      `lower.limits = c(${f.columns.map(() => '0').join(', ')})`,
    );
    const python = pythonCode(json, options);
    expect(python).toContain('positive=True');
    expect(python).not.toContain('cannot reproduce');
  });

  it.each([
    'diabetes-enet-0.5-bounds',
    'pima-train-binomial-lasso-bounds',
    'quine-poisson-lasso-bounds',
  ])('bounds by column name match glmnet: %s', async (id) => {
    const f = loadFixture(id);
    const { run, json } = await fitJson(...fixtureFitArgs(f, fixtureDataPath(f)), ...limitArgs(id));
    expect(run.code).toBe(0);
    expect(json.path.lambda).toHaveLength(f.path.lambda.length);
    expect(maxScaledDifference(json.path.beta, f.path.beta)).toBeLessThan(1e-6);
    expect(maxScaledDifference([json.path.a0], [f.path.a0])).toBeLessThan(1e-6);
    const { lower_limits: lower } = raw(id) as Bounded;
    const code = rCode(json, { index: 5, dataPath: f.data });
    const literal = lower.map((v) => (v === null ? '-Inf' : String(v))).join(', ');
    expect(code).toContain(`lower.limits = c(${literal})`);
    expect(pythonCode(json, { index: 5, dataPath: f.data })).toContain('cannot reproduce');
  });

  it('refuses bounds on the wrong side of 0, and names it the way the app does', async () => {
    const f = loadFixture('prostate-train-lasso-nonnegative');
    const args = fixtureFitArgs(f, fixtureDataPath(f));
    const positive = await cli('fit', ...args, '--lower-limits', 'lcavol=0.5');
    expect(positive.code).toBe(2);
    expect(positive.stderr).toContain('--lower-limits must be a number ≤ 0');
    const negative = await cli('fit', ...args, '--upper-limits=-1');
    expect(negative.code).toBe(2);
    expect(negative.stderr).toContain('--upper-limits must be a number ≥ 0');
    const unknown = await cli('fit', ...args, '--lower-limits', 'nosuch=0');
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain("A lower limit is given for 'nosuch'");
  });
});

interface OffGrid {
  s: number[];
  interpolated: { a0: number; beta: number[] }[];
  exact: { a0: number; beta: number[] }[];
}

describe('--select at a λ off the grid', () => {
  const f = loadFixture('diabetes-lasso-off-grid');
  const { s, interpolated, exact } = raw('diabetes-lasso-off-grid') as OffGrid;
  const args = fixtureFitArgs(f, fixtureDataPath(f));
  const modelAt = async (...extra: string[]) => {
    const out = join(scratchDir(), 'model.json');
    const run = await cli('fit', ...args, '--model', out, ...extra);
    expect(run.code).toBe(0);
    return { run, model: JSON.parse(readFileSync(out, 'utf8')) as FittedModel };
  };

  it('interpolates as predict.glmnet, and says between which λ', async () => {
    const { run, model } = await modelAt('--select', String(s[0]));
    expect(model.lambda).toBe(s[0]);
    const scale = Math.max(1, ...interpolated[0]!.beta.map(Math.abs));
    model.coefficients.forEach((b, j) => {
      expect(Math.abs(b - interpolated[0]!.beta[j]!) / scale).toBeLessThan(1e-10);
    });
    expect(Math.abs(model.intercept - interpolated[0]!.a0) / scale).toBeLessThan(1e-10);
    expect(run.stderr).toMatch(
      /--select 0\.123 is not a fitted λ: its coefficients are interpolated between λ = [\d.]+ and λ = [\d.]+, as R's predict\.glmnet does/,
    );
  });

  it('--exact refits with the value inserted, as predict.glmnet(exact = TRUE)', async () => {
    const { run, model } = await modelAt('--select', String(s[1]), '--exact');
    expect(run.stderr).toContain('refitting with λ = 2.5 inserted');
    expect(run.stderr).not.toContain('interpolated');
    expect(Math.abs(model.lambda - s[1]!) / s[1]!).toBeLessThan(1e-12);
    const scale = Math.max(1, ...exact[1]!.beta.map(Math.abs));
    model.coefficients.forEach((b, j) => {
      expect(Math.abs(b - exact[1]!.beta[j]!) / scale).toBeLessThan(1e-6);
    });
    expect(Math.abs(model.intercept - exact[1]!.a0) / scale).toBeLessThan(1e-6);
  });

  it('the report states the interpolation, and its R code asks coef() at the same λ', async () => {
    const out = join(scratchDir(), 'report.html');
    const run = await cli('fit', ...args, '--report', out, '--select', String(s[0]));
    expect(run.code).toBe(0);
    const html = readFileSync(out, 'utf8');
    expect(html).toContain('not a fitted λ: coefficients interpolated between λ =');
    expect(html).toContain(`coef(fit, s = ${s[0]})`);
  });

  it('--exact needs a λ value', async () => {
    const run = await cli('fit', ...args, '--select', 'last', '--exact');
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--exact refits at a λ value');
  });
});
