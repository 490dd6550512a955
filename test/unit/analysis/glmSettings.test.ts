/**
 * Settings for logistic and Poisson regression: the positive class, the family's measures
 * with deviance as default, and cv.lognet's rule for AUC on small folds.
 */
import { describe, expect, it } from 'vitest';
import { parseFitArgs } from '../../../electron/cli/fitArgs';
import { analysisResult } from '../../../shared/analysis/result';
import { resultShapeProblem } from '../../../shared/analysis/resultShape';
import { runAnalysis } from '../../../shared/analysis/run';
import { settingsProblems } from '../../../shared/analysis/schema';
import { DEFAULT_SETTINGS } from '../../../shared/analysis/settings';
import { readCsvText } from '../../../shared/data/csv';

const base = { ...DEFAULT_SETTINGS, target: 'y' };

describe('logistic and Poisson settings', () => {
  it('take a positive class for a two-class target only', () => {
    expect(settingsProblems({ ...base, family: 'binomial', positiveClass: 'Yes' })).toEqual([]);
    expect(settingsProblems({ ...base, family: 'poisson', positiveClass: 'Yes' })).toEqual([
      {
        path: ['positiveClass'],
        message: 'applies to a two-class target only, not to poisson regression (counts)',
      },
    ]);
    expect(settingsProblems({ ...base, positiveClass: null })).toEqual([]);
  });

  it('default to the deviance for CV and refuse measures the family lacks', () => {
    const args = ['--data', 'd.csv', '--target', 'y', '--cv', '5'];
    expect(parseFitArgs([...args, '--family', 'binomial']).settings.cv?.measure).toBe('deviance');
    expect(parseFitArgs([...args, '--family', 'poisson']).settings.cv?.measure).toBe('deviance');
    expect(parseFitArgs([...args]).settings.cv?.measure).toBe('mse');
    expect(() => parseFitArgs([...args, '--family', 'poisson', '--measure', 'auc'])).toThrow(
      "--measure must be deviance or mse or mae; got 'auc'.",
    );
    expect(
      parseFitArgs([...args, '--family', 'binomial', '--positive', 'No']).settings.positiveClass,
    ).toBe('No');
    expect(() => parseFitArgs([...args, '--positive', 'No'])).toThrow(
      '--positive applies to a two-class target only, not to linear regression (gaussian).',
    );
  });
});

describe("cv.lognet's AUC rule", () => {
  const lines = ['x1,x2,y'];
  for (let i = 0; i < 60; i++)
    lines.push(`${Math.sin(i)},${Math.cos(3 * i)},${Math.sin(i) + Math.cos(7 * i) > 0 ? 1 : 0}`);
  const data = readCsvText(lines.join('\n'), { fileName: 'small.csv' });
  const settings = (nfolds: number) => ({
    ...base,
    family: 'binomial' as const,
    nlambda: 10,
    cv: { nfolds, seed: 1, measure: 'auc' as const },
  });

  it('uses the deviance with a warning when folds have fewer than 10 rows (60 rows, 10 folds)', async () => {
    const run = await runAnalysis(data, settings(10));
    expect(run.cv!.measure).toBe('deviance');
    const warning = run.warnings.find((w) => w.code === 'auc-too-few-rows');
    expect(warning?.message).toMatch(/60 rows in 10 folds give 6\.0; .*uses the deviance instead/);
    const deviance = await runAnalysis(data, {
      ...settings(10),
      cv: { ...settings(10).cv, measure: 'deviance' },
    });
    expect(run.cv!.cvm).toEqual(deviance.cv!.cvm);
  });

  it('keeps AUC at 10 rows per fold (60 rows, 6 folds), where λ_min maximizes it', async () => {
    const run = await runAnalysis(data, settings(6));
    expect(run.cv!.measure).toBe('auc');
    expect(run.warnings.some((w) => w.code === 'auc-too-few-rows')).toBe(false);
    expect(run.cv!.cvm[run.cv!.indexMin]).toBe(Math.max(...run.cv!.cvm));
  });
});

describe('a logistic result', () => {
  it('records its classes, and a saved one whose classes are missing or inconsistent is refused', async () => {
    const lines = ['x,y'];
    for (let i = 0; i < 30; i++)
      lines.push(`${Math.sin(i)},${Math.sin(i) + Math.cos(4 * i) > 0 ? 'Yes' : 'No'}`);
    const settings = { ...base, family: 'binomial' as const, nlambda: 5 };
    const run = await runAnalysis(readCsvText(lines.join('\n'), { fileName: 'b.csv' }), settings);
    const result = analysisResult(
      run,
      settings,
      { file: 'b.csv', sha256: 'x' },
      { readSeconds: 0 },
    );
    expect(result.classes).toEqual({ negative: 'No', positive: 'Yes' });
    expect(result.settings.positiveClass).toBe('Yes');
    expect(resultShapeProblem(result)).toBeUndefined();
    expect(resultShapeProblem({ ...result, classes: null })).toBe(
      'it does not record the two classes of its target',
    );
    expect(resultShapeProblem({ ...result, classes: { negative: 'Yes', positive: 'No' } })).toBe(
      'its classes do not match its family and positive class',
    );
  });
});
