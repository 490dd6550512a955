/**
 * Out-of-fold predictions as the app gets them: the fit service's predictions (the IPC and web
 * host channel `fits.predictions` with `rows: 'outOfFold'`), where they exist and where not,
 * the renderer's choice of rows, and the settings form's keep.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { DatasetService } from '../../../electron/services/datasetService';
import { FitService } from '../../../electron/services/fitService';
import { predictionRowsAt } from '../../../renderer/lib/results';
import { defaultForm, fromSettings, toSettings } from '../../../renderer/lib/settingsForm';
import { inProcessExecutor } from '../../../shared/analysis/executor';
import { CHANNELS } from '../../../shared/ipc/channels';
import { contract, type DatasetInfo, type JobResult } from '../../../shared/ipc/contract';
import { examplesDir } from '../../helpers/fixtures';

let fits: FitService;
let info: DatasetInfo;
let plain: JobResult;
let kept: JobResult;

async function fitDiabetes(keep: boolean) {
  const form = { ...defaultForm(info), keep };
  const { jobId } = fits.start(info.datasetId, toSettings(form), 1);
  await fits.settled(jobId);
  return fits.result(jobId);
}

beforeAll(async () => {
  const datasets = new DatasetService();
  fits = new FitService(datasets, inProcessExecutor, () => {});
  info = await datasets.openBytes(
    new Uint8Array(readFileSync(join(examplesDir, 'diabetes.csv'))),
    'diabetes.csv',
  );
  plain = await fitDiabetes(false);
  kept = await fitDiabetes(true);
});

const relative = (a: number, b: number) => Math.abs(a - b) / Math.abs(b);

describe('out-of-fold predictions through the fit service', () => {
  it('at λ_min and λ_1se: every training row once, their MSE the CV error there', () => {
    const cv = plain.cv!;
    for (const index of [cv.indexMin, cv.index1se]) {
      const sample = fits.predictions(plain.jobId, index, 10_000, 'outOfFold');
      expect(sample.set).toBe('outOfFold');
      expect(sample.total).toBe(plain.n);
      expect(sample.actual).toHaveLength(plain.n);
      // Gaussian, unweighted, folds weighted by size: the pooled MSE is cvm.
      expect(relative(sample.metrics.mse, cv.cvm[index]!)).toBeLessThan(1e-12);
      // …and worse than the in-sample fit's.
      expect(sample.metrics.mse).toBeGreaterThan(
        fits.predictions(plain.jobId, index, 10_000).metrics.mse,
      );
      // The numbers are the result's (identity link).
      const stored = index === cv.indexMin ? cv.outOfFold!.atLambdaMin : cv.outOfFold!.atLambda1se;
      expect(sample.predicted).toEqual(stored);
    }
  });

  it('elsewhere: refused with the way to get them, unless kept at every λ', () => {
    const other = plain.cv!.index1se + 3;
    expect(() => fits.predictions(plain.jobId, other, 100, 'outOfFold')).toThrow(
      /kept at λ_min and λ_1se only, not at λ value \d+\. Turn on "Keep out-of-fold predictions at every λ" \(--keep\)/,
    );
    const sample = fits.predictions(kept.jobId, other, 10_000, 'outOfFold');
    expect(sample.predicted).toEqual(kept.cv!.outOfFold!.fitPreval!.map((row) => row[other]));
    expect(relative(sample.metrics.mse, kept.cv!.cvm[other]!)).toBeLessThan(1e-12);
    // Keep changes nothing else: the same folds, the same curve.
    expect(kept.cv!.cvm).toEqual(plain.cv!.cvm);
    expect(kept.settings.cv?.keep).toBe(true);
    expect(plain.settings.cv?.keep).toBeUndefined();
  });

  it('the channel takes the rows asked for, and only fitted or outOfFold', () => {
    const request = contract[CHANNELS.fitPredictions].request;
    const base = { jobId: plain.jobId, lambdaIndex: 0 };
    expect(request.safeParse({ ...base, rows: 'outOfFold' }).success).toBe(true);
    expect(request.safeParse({ ...base, rows: 'fitted' }).success).toBe(true);
    expect(request.safeParse({ ...base, rows: 'all' }).success).toBe(false);
  });
});

describe('which rows the plots show', () => {
  it('out of fold where kept, unavailable elsewhere, in-sample when asked or without CV', () => {
    const cv = plain.cv!;
    expect(predictionRowsAt(plain, 'outOfFold', cv.index1se)).toBe('outOfFold');
    expect(predictionRowsAt(plain, 'outOfFold', cv.indexMin)).toBe('outOfFold');
    expect(predictionRowsAt(plain, 'outOfFold', cv.index1se + 1)).toBe('unavailable');
    expect(predictionRowsAt(kept, 'outOfFold', cv.index1se + 1)).toBe('outOfFold');
    expect(predictionRowsAt(plain, 'fitted', cv.index1se + 1)).toBe('fitted');
    // A result saved before out-of-fold predictions were recorded, or without CV.
    const { outOfFold: _, ...older } = cv;
    expect(predictionRowsAt({ ...plain, cv: older }, 'outOfFold', cv.index1se)).toBe('fitted');
    expect(predictionRowsAt({ ...plain, cv: undefined }, 'outOfFold', 0)).toBe('fitted');
  });

  it('the form carries keep to the settings and back', () => {
    expect(toSettings({ ...defaultForm(info), keep: true }).cv?.keep).toBe(true);
    expect(toSettings(defaultForm(info)).cv).not.toHaveProperty('keep');
    const settings = toSettings({ ...defaultForm(info), keep: true });
    expect(fromSettings(settings, info).keep).toBe(true);
    expect(fromSettings(toSettings(defaultForm(info)), info).keep).toBe(false);
  });
});
