/**
 * Stability selection in the model form: off by default, on it makes settings.stability from
 * the typed pairs, threshold and seed and back (a saved project), a bad threshold is refused
 * next to its field in the schema's words; and the view's selected set for a λ range.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { DatasetService } from '../../../electron/services/datasetService';
import {
  defaultForm,
  fieldProblems,
  fromSettings,
  type ModelForm,
  toSettings,
} from '../../../renderer/lib/settingsForm';
import { STABILITY_LINES, selectionAt, stabilityLines } from '../../../renderer/lib/stabilityView';
import { analysisResult } from '../../../shared/analysis/result';
import { runAnalysis } from '../../../shared/analysis/run';
import { readCsvText } from '../../../shared/data/csv';
import type { DatasetInfo } from '../../../shared/ipc/contract';
import { examplesDir } from '../../helpers/fixtures';

let info: DatasetInfo;
let form: ModelForm;
const csv = () => readFileSync(join(examplesDir, 'diabetes.csv'));

beforeAll(async () => {
  info = await new DatasetService().openBytes(new Uint8Array(csv()), 'diabetes.csv');
  form = defaultForm(info);
});

describe('stability selection in the form', () => {
  it('is off by default and round-trips through settings when on', () => {
    expect(toSettings(form).stability).toBeUndefined();
    const on = {
      ...form,
      stability: true,
      stabilityPairs: 30,
      stabilityThreshold: '0.8',
      stabilitySeed: 9,
    };
    const settings = toSettings(on);
    expect(settings.stability).toEqual({ pairs: 30, threshold: 0.8, seed: 9 });
    expect(fieldProblems(on)).toEqual({});
    const back = fromSettings(settings, info);
    expect(toSettings(back)).toEqual(settings);
    // A range end set elsewhere (the CLI) is passed through.
    const withLambda = { ...settings, stability: { ...settings.stability!, lambda: 3 } };
    expect(toSettings(fromSettings(withLambda, info)).stability).toEqual(withLambda.stability);
  });

  it('refuses a threshold of 0.5 or less, and no pairs, next to their fields', () => {
    const low = { ...form, stability: true, stabilityThreshold: '0.5' };
    expect(fieldProblems(low).stabilityThreshold).toMatch(
      /must be a probability above 0.5 and at most 1/,
    );
    const none = { ...form, stability: true, stabilityPairs: 0 };
    expect(fieldProblems(none).stabilityPairs).toMatch(/must be a whole number of pairs from 1/);
  });
});

describe('the stability view', () => {
  it('draws the columns reaching the highest probability and selects by the range end', async () => {
    const settings = {
      ...toSettings(form),
      cv: undefined,
      stability: { pairs: 6, threshold: 0.6, seed: 1 },
    };
    const dataset = readCsvText(csv().toString('utf8'), { fileName: 'diabetes.csv' });
    const result = analysisResult(
      await runAnalysis(dataset, settings),
      settings,
      {
        file: 'diabetes.csv',
        sha256: 'a'.repeat(64),
      },
      { readSeconds: 0 },
    );
    const block = result.stability!;
    const lines = stabilityLines(result);
    expect(lines.columns.length).toBeLessThanOrEqual(STABILITY_LINES);
    expect(lines.points).toHaveLength(result.path.lambda.length);
    const peaks = lines.columns.map((c) => c.peak);
    expect(peaks).toEqual([...peaks].sort((a, b) => b - a));
    lines.points.forEach((point, l) => {
      lines.columns.forEach((c, i) => {
        expect(point.values[i]).toBe(block.probability[l]![c.column]);
      });
    });
    // The run's range gives the run's set; a wider range never selects fewer.
    expect(selectionAt(block, block.rangeEnd).selected.map((s) => s.column)).toEqual(
      block.selected.map((s) => s.column),
    );
    const last = result.path.lambda.length - 1;
    expect(selectionAt(block, last).selected.length).toBeGreaterThanOrEqual(block.selected.length);
    expect(selectionAt(block, last).bound).toBeGreaterThanOrEqual(block.bound!);
  });
});
