/**
 * One settings schema for every entry point: the CLI, the app's API and runAnalysis refuse
 * the same out-of-range settings (before anything is allocated) in the same words, and a
 * penalty factor named like an object's prototype is a name like any other.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createServices } from '../../electron/services';
import { dispatch } from '../../electron/services/api';
import { defaultForm, formProblem } from '../../renderer/lib/settingsForm';
import { inProcessExecutor } from '../../shared/analysis/executor';
import { runAnalysis } from '../../shared/analysis/run';
import { MAX_NAME } from '../../shared/analysis/schema';
import { type AnalysisSettings, DEFAULT_SETTINGS } from '../../shared/analysis/settings';
import { CHANNELS } from '../../shared/ipc/channels';
import { cli } from '../helpers/cli';
import { examplesDir } from '../helpers/fixtures';

const diabetes = join(examplesDir, 'diabetes.csv');
const base: AnalysisSettings = { ...DEFAULT_SETTINGS, target: 'y' };

// flag and text → the same value as a settings field, and the schema's words for it.
const cases: [string, string[], Partial<AnalysisSettings>, string][] = [
  [
    '--nlambda 1e9',
    ['--nlambda', '1000000000'],
    { nlambda: 1e9 },
    'must be a whole number from 1 to 10000',
  ],
  [
    '--nlambda 1e12',
    ['--nlambda', '1e12'],
    { nlambda: 1e12 },
    'must be a whole number from 1 to 10000',
  ],
  ['--thresh 5', ['--thresh', '5'], { thresh: 5 }, 'must be a number greater than 0 and at most 1'],
  [
    '--max-iter 1e15',
    ['--max-iter', '1e15'],
    { maxIter: 1e15 },
    'must be a whole number from 1 to 100000000',
  ],
  [
    '--max-levels 1e9',
    ['--max-levels', '1e9'],
    { maxLevels: 1e9 },
    'must be a whole number from 1 to 100000',
  ],
  [
    '--cv 100000',
    ['--cv', '100000'],
    { cv: { nfolds: 100_000, seed: 1, measure: 'mse' } },
    'must be a whole number of folds from 2 to 1000',
  ],
  [
    '--lambda with 10001 values',
    ['--lambda', Array.from({ length: 10_001 }, (_, k) => 1 / (k + 1)).join(',')],
    { lambda: Array.from({ length: 10_001 }, (_, k) => 1 / (k + 1)) },
    'must be a list of at most 10000 values',
  ],
];

async function startFitError(settings: unknown): Promise<string> {
  const services = createServices({
    executor: inProcessExecutor,
    emit: () => {},
    host: { kind: 'test' },
    threads: 1,
  });
  const opened = await services.datasets.openPath(diabetes);
  const answer = await dispatch(services.handlers, CHANNELS.startFit, {
    datasetId: opened.datasetId,
    settings,
    revision: 1,
  });
  expect(answer.ok).toBe(false);
  return answer.ok ? '' : answer.error.message;
}

describe('settings limits are the same everywhere', () => {
  it.each(cases)(
    '%s is refused by the CLI and the app alike',
    async (_label, argv, field, words) => {
      const run = await cli('fit', '--data', diabetes, '--target', 'y', ...argv);
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(/^error: --[a-z-]+ must be /);
      expect(run.stderr).toContain(words);
      expect(run.stderr).not.toMatch(/unexpected failure|Please report/);
      expect(await startFitError({ ...base, ...field })).toContain(words);
      const { readCsvText } = await import('../../shared/data/csv');
      const dataset = readCsvText('x,y\n1,2\n2,3\n3,5\n', { fileName: 't.csv' });
      await expect(runAnalysis(dataset, { ...base, ...field })).rejects.toThrow(words);
    },
  );

  it('refuses a column name over the limit in any list, naming the flag', async () => {
    const run = await cli(
      'fit',
      '--data',
      diabetes,
      '--target',
      'y',
      '--exclude',
      'a'.repeat(MAX_NAME + 1),
    );
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(
      new RegExp(`^error: --exclude must be a column name of at most ${MAX_NAME} characters`),
    );
  });

  it('a penalty factor for __proto__ is a name: refused as not a feature, never ignored', async () => {
    const run = await cli(
      ...['fit', '--data', diabetes, '--target', 'y', '--penalty-factor', '__proto__=0'],
    );
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/'__proto__', which is not a feature of this model/);
    // Through the API the settings arrive as JSON, where __proto__ is an own key.
    const settings = JSON.parse(
      JSON.stringify({ ...base, penaltyFactor: {} }).replace(
        '"penaltyFactor":{}',
        '"penaltyFactor":{"__proto__":0,"constructor":0}',
      ),
    );
    const services = createServices({
      executor: inProcessExecutor,
      emit: () => {},
      host: { kind: 'test' },
      threads: 1,
    });
    const opened = await services.datasets.openPath(diabetes);
    const answer = await dispatch(services.handlers, CHANNELS.startFit, {
      datasetId: opened.datasetId,
      settings,
      revision: 1,
    });
    expect(answer.ok).toBe(true);
    const jobId = answer.ok ? (answer.value as { jobId: string }).jobId : '';
    expect(await services.fits.settled(jobId)).toBe('failed');
    const result = await dispatch(services.handlers, CHANNELS.fitResult, { jobId });
    expect(result.ok ? '' : result.error.message).toMatch(/'__proto__', which is not a feature/);
  });

  it("the app's form refuses what the engine would, in the same words", async () => {
    const services = createServices({
      executor: inProcessExecutor,
      emit: () => {},
      host: { kind: 'test' },
      threads: 1,
    });
    const info = await services.datasets.openPath(diabetes);
    const form = { ...defaultForm(info), seed: -1 };
    expect(formProblem(form, info)).toMatch(/cv\.seed must be a whole number from 0 to 4294967295/);
    expect(formProblem(defaultForm(info), info)).toBeUndefined();
  });

  it('a column really named __proto__ keeps its penalty factor through the API and the report', async () => {
    const services = createServices({
      executor: inProcessExecutor,
      emit: () => {},
      host: { kind: 'test' },
      threads: 1,
    });
    const csv =
      '__proto__,constructor,x,y\n1,2,3,4\n2,1,5,7\n3,5,2,9\n4,3,8,8\n5,4,1,12\n6,8,4,11\n';
    const info = await services.datasets.openBytes(new TextEncoder().encode(csv), 'odd.csv');
    const settings = JSON.parse(
      JSON.stringify(base).replace('"penaltyFactor":{}', '"penaltyFactor":{"__proto__":0.5}'),
    );
    const started = await dispatch(services.handlers, CHANNELS.startFit, {
      datasetId: info.datasetId,
      settings,
      revision: 1,
    });
    const jobId = started.ok ? (started.value as { jobId: string }).jobId : '';
    expect(await services.fits.settled(jobId)).toBe('done');
    const result = await dispatch(services.handlers, CHANNELS.fitResult, { jobId });
    const factors = result.ok
      ? (result.value as { settings: { penaltyFactor: Record<string, number> } }).settings
          .penaltyFactor
      : {};
    expect(Object.hasOwn(factors, '__proto__')).toBe(true);
    expect(Object.entries(factors)).toEqual([
      ['__proto__', 0.5],
      ['constructor', 1],
      ['x', 1],
    ]);
    const report = await dispatch(services.handlers, CHANNELS.exportResult, {
      jobId,
      selectedIndex: 0,
      kind: 'report-html',
    });
    const html = report.ok ? ((report.value as { text: string }).text ?? '') : '';
    expect(html).toContain('penalty.factor = c(0.5, 1, 1)');
  });
});
