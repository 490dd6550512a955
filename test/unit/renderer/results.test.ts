/** The renderer's pure helpers: path → series, CV → error bars, selected λ → table rows, form → settings. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { DatasetService } from '../../../electron/services/datasetService';
import { FitService } from '../../../electron/services/fitService';
import {
  cvErrorBars,
  defaultLambdaIndex,
  describeLambda,
  entryIndices,
  formatNumber,
  lambdaIndexAt,
  logLambdaTicks,
  memoByResult,
  niceTicks,
  PATH_LINES,
  pathSeries,
  predictionPoints,
  selectedFeatures,
  sliderPosition,
  sortFeatures,
} from '../../../renderer/lib/results';
import {
  defaultForm,
  formProblem,
  fromSettings,
  toSettings,
} from '../../../renderer/lib/settingsForm';
import { inProcessExecutor } from '../../../shared/analysis/executor';
import { DEFAULT_CV, DEFAULT_SETTINGS } from '../../../shared/analysis/settings';
import type { DatasetInfo, JobResult } from '../../../shared/ipc/contract';
import { examplesDir } from '../../helpers/fixtures';

let result: JobResult;
let info: DatasetInfo;
let fits: FitService;

beforeAll(async () => {
  const datasets = new DatasetService();
  fits = new FitService(datasets, inProcessExecutor, () => {});
  info = await datasets.openBytes(
    new Uint8Array(readFileSync(join(examplesDir, 'diabetes.csv'))),
    'diabetes.csv',
  );
  const { jobId } = fits.start(info.datasetId, toSettings(defaultForm(info)), 1);
  await fits.settled(jobId);
  result = fits.result(jobId);
});

describe('path → series', () => {
  it('gives one series per column that enters, in entry order, and one point per λ, on log λ', () => {
    const { points, series, entered } = pathSeries(result);
    const entry = entryIndices(result);
    // Every diabetes column enters this path; the lines come in the order they enter.
    expect(entered).toBe(10);
    expect([...series.map((s) => s.name)].sort()).toEqual([...result.columns].sort());
    const order = series.map((s) => entry[s.column]!);
    expect(order).toEqual([...order].sort((a, b) => a - b));
    expect(new Set(series.map((s) => s.color)).size).toBe(10);
    expect(points).toHaveLength(result.path.lambda.length);
    expect(points[3]!.logLambda).toBeCloseTo(Math.log(result.path.lambda[3]!), 14);
    // values are in series order.
    expect(points[3]!.values).toEqual(series.map((s) => result.path.beta[3]![s.column]));
  });

  it('reads only the columns it draws: a 20 000-column path gives PATH_LINES series', () => {
    const p = 20_000;
    const lambda = Array.from({ length: 100 }, (_, k) => 0.95 ** k);
    // Column 3j enters at λ index j (for j < 100); all others stay 0.
    const beta = lambda.map((_, k) => {
      const row = new Array<number>(p).fill(0);
      for (let j = 0; j <= k; j++) row[3 * j] = (k - j + 1) * 0.01;
      return row;
    });
    const wide = {
      ...result,
      columns: Array.from({ length: p }, (_, j) => `x${j}`),
      path: { ...result.path, lambda, beta },
      standardization: { ...result.standardization, xSd: new Array<number>(p).fill(1) },
    };
    const { points, series, entered } = pathSeries(wide);
    expect(entered).toBe(100);
    expect(series).toHaveLength(PATH_LINES);
    expect(series.map((s) => s.column)).toEqual(
      Array.from({ length: PATH_LINES }, (_, j) => 3 * j),
    );
    for (const point of points) expect(point.values).toHaveLength(PATH_LINES);
    expect(points[99]!.values[1]).toBe(beta[99]![3]);
  });
});

describe('CV → error bars', () => {
  it('gives cvm with one standard error either side and the nonzero count', () => {
    const bars = cvErrorBars(result);
    expect(bars).toHaveLength(result.cv!.lambda.length);
    const k = result.cv!.indexMin;
    expect(bars[k]!.cvm).toBe(result.cv!.cvm[k]);
    expect(bars[k]!.error[0]).toBeCloseTo(result.cv!.cvsd[k]!, 10);
    expect(bars[k]!.error[1]).toBeCloseTo(result.cv!.cvsd[k]!, 10);
    expect(bars[k]!.nzero).toBe(result.cv!.nzero[k]);
  });
});

describe('selected λ → table rows', () => {
  it('defaults to λ_1se and lists exactly the nonzero coefficients there', () => {
    const index = defaultLambdaIndex(result);
    expect(index).toBe(result.cv!.index1se);
    const rows = selectedFeatures(result, index);
    expect(rows).toHaveLength(result.path.df[index]!);
    for (const row of rows) {
      const j = result.columns.indexOf(row.column);
      expect(row.coefficient).toBe(result.path.beta[index]![j]);
      expect(row.standardized).toBeCloseTo(
        (row.coefficient * result.standardization.xSd[j]!) / result.standardization.ySd,
        12,
      );
      // exp(β) per unit and per sd of the feature (odds / rate ratios for logistic / Poisson).
      expect(row.ratioPerUnit).toBeCloseTo(Math.exp(row.coefficient), 12);
      expect(Math.log(row.ratioPerSd)).toBeCloseTo(
        row.coefficient * result.standardization.xSd[j]!,
        12,
      );
      expect(row.enteredAt).toBeGreaterThanOrEqual(result.path.lambda[index]!);
      expect(row.selectionFrequency).toBeGreaterThanOrEqual(0);
    }
  });

  it('is empty at the largest λ and complete at the smallest', () => {
    expect(selectedFeatures(result, 0)).toEqual([]);
    expect(selectedFeatures(result, result.path.lambda.length - 1)).toHaveLength(10);
  });

  it('sorts by magnitude or name, both ways', () => {
    const rows = selectedFeatures(result, result.path.lambda.length - 1);
    const byEffect = sortFeatures(rows, 'standardized', true);
    expect(Math.abs(byEffect[0]!.standardized)).toBeGreaterThanOrEqual(
      Math.abs(byEffect[1]!.standardized),
    );
    expect(sortFeatures(rows, 'column', false).map((r) => r.column)).toEqual(
      [...rows.map((r) => r.column)].sort(),
    );
    expect(sortFeatures(rows, 'enteredAt', true)[0]!.column).toBe('bmi');
  });

  it('describes a λ in words', () => {
    expect(describeLambda(result, result.cv!.index1se)).toMatch(
      /^λ = [\d.]+ \(λ_1se\), \d+ features$/,
    );
    expect(formatNumber(0.000123)).toBe('1.23e-4');
    expect(formatNumber(1234.5678)).toBe('1,235');
  });
});

describe('predictions → points', () => {
  it('gives residuals and a square range covering both axes', async () => {
    const jobId = fits.result(result.jobId).jobId;
    const { points, range } = predictionPoints(fits.predictions(jobId, 10));
    expect(points[0]!.residual).toBeCloseTo(points[0]!.actual - points[0]!.predicted, 12);
    expect(
      points.every((p) => p.actual >= range[0] && p.actual <= range[1] && p.predicted >= range[0]),
    ).toBe(true);
  });
});

describe('form → settings', () => {
  it('defaults to a 10-fold lasso of y on every other column', () => {
    const form = defaultForm(info);
    expect(form.target).toBe('y');
    expect(form.features).toHaveLength(10);
    expect(formProblem(form, info)).toBeUndefined();
    expect(toSettings(form)).toMatchObject({
      target: 'y',
      alpha: 1,
      cv: { nfolds: 10, seed: 1, measure: 'mse' },
    });
  });

  it('an untouched form runs the settings defaults (one definition), with CV on', () => {
    const { target, features, cv, alphas, testRows, lambdaMinRatio, ...rest } = toSettings(
      defaultForm(info),
    );
    expect(rest).toEqual(DEFAULT_SETTINGS);
    expect(cv).toEqual(DEFAULT_CV);
    expect([alphas, testRows, lambdaMinRatio]).toEqual([undefined, undefined, undefined]);
    expect(fromSettings(toSettings(defaultForm(info)), info)).toEqual(defaultForm(info));
  });

  it('translates penalties, comparisons and a test split, and explains what blocks a run', () => {
    const form = {
      ...defaultForm(info),
      penalty: 'elastic-net' as const,
      alpha: 0.3,
      compare: true,
      testColumn: 'sex',
      testValue: '2',
    };
    expect(toSettings(form)).toMatchObject({
      alpha: 0.3,
      alphas: [1, 0.5, 0],
      testRows: { column: 'sex', value: '2' },
    });
    expect(formProblem({ ...form, folds: 0 }, info)).toMatch(
      /Comparing models needs cross-validation/,
    );
    expect(formProblem({ ...form, features: [] }, info)).toMatch(/at least one feature/);
    expect(formProblem({ ...form, lambdaMinRatio: '2' }, info)).toMatch(/λ-min ratio/);
  });
});

describe('standardized path', () => {
  it('scales each coefficient by sd_x / sd_y', () => {
    const standardized = pathSeries(result, 'standardized');
    const k = result.path.lambda.length - 1;
    const j = result.columns.indexOf('bmi');
    const { xSd, ySd } = result.standardization;
    const drawn = standardized.series.findIndex((s) => s.column === j);
    expect(standardized.points[k]!.values[drawn]).toBeCloseTo(
      (result.path.beta[k]![j]! * xSd[j]!) / ySd,
      12,
    );
  });
});

describe('workbench state', () => {
  it('drops results of a run started on data that has since been replaced', async () => {
    const { reducer, initialState } = await import('../../../renderer/state/workbench');
    let state = reducer(initialState, { type: 'loaded', dataset: info });
    state = reducer(state, { type: 'runRequested' });
    const staleRevision = state.run.revision;
    state = reducer(state, { type: 'loaded', dataset: info });
    state = reducer(state, {
      type: 'resultArrived',
      result: { ...result, revision: staleRevision },
    });
    expect(state.result).toBeUndefined();
    expect(state.run.status).toBe('idle');
  });
});

describe('λ step: the same result gives the same series back', () => {
  it('memoByResult computes once per result and key, and again for another result', () => {
    let calls = 0;
    const series = memoByResult((r, scale: 'original' | 'standardized') => {
      calls++;
      return pathSeries(r, scale);
    });
    const first = series(result, 'original');
    expect(series(result, 'original')).toBe(first);
    expect(series(result, 'standardized')).not.toBe(first);
    expect(series({ ...result }, 'original')).not.toBe(first);
    expect(calls).toBe(3);
  });

  it('entryIndices is where each coefficient first leaves zero, matching selectedFeatures', () => {
    const entry = entryIndices(result);
    const last = result.path.lambda.length - 1;
    for (const row of selectedFeatures(result, last)) {
      const j = result.columns.indexOf(row.column);
      expect(result.path.lambda[entry[j]!]).toBe(row.enteredAt);
      expect(result.path.beta[entry[j]! - 1]?.[j] ?? 0).toBe(0);
    }
  });
});

describe('one orientation: slider right = chart right = larger λ', () => {
  it('slider position 0 is the smallest λ and the last the largest, both ways', () => {
    const last = result.path.lambda.length - 1;
    expect(lambdaIndexAt(result, 0)).toBe(last);
    expect(lambdaIndexAt(result, last)).toBe(0);
    for (const index of [0, 3, last])
      expect(lambdaIndexAt(result, sliderPosition(result, index))).toBe(index);
    // Moving the slider right raises λ, as moving right along a log-λ axis does.
    const lambdaAt = (position: number) => result.path.lambda[lambdaIndexAt(result, position)]!;
    expect(lambdaAt(5)).toBeGreaterThan(lambdaAt(4));
  });
});

describe('ticks', () => {
  it('log-λ ticks are whole numbers, halves on a short path, and lie inside the range', () => {
    expect(logLambdaTicks(-4.6, 2.3)).toEqual([-4, -3, -2, -1, 0, 1, 2]);
    expect(logLambdaTicks(-1.2, 0.7)).toEqual([-1, -0.5, 0, 0.5]);
    expect(logLambdaTicks(-20.3, 1)).toEqual([-20, -18, -16, -14, -12, -10, -8, -6, -4, -2, 0]);
  });

  it('nice ticks step by 1, 2 or 5 × 10^k inside the range', () => {
    expect(niceTicks(3.7, 52.1)).toEqual([10, 20, 30, 40, 50]);
    expect(niceTicks(-0.013, 0.042)).toEqual([0, 0.02, 0.04]);
    expect(niceTicks(101.3, 101.9)).toEqual([101.4, 101.6, 101.8]);
  });

  it('the residual axis is symmetric around 0 and holds every residual', () => {
    const { points, residualRange } = predictionPoints(fits.predictions(result.jobId, 10));
    expect(residualRange[0]).toBe(-residualRange[1]);
    expect(points.every((p) => Math.abs(p.residual) <= residualRange[1])).toBe(true);
  });
});
