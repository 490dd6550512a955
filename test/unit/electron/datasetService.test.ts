/** Open datasets are bounded and released: only the current one (and project-held ones), their analyses with them, closing all, a released session's jobs. */

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createServices } from '../../../electron/services';
import { dispatch } from '../../../electron/services/api';
import { DatasetService, MAX_OPEN_DATASETS } from '../../../electron/services/datasetService';
import { inProcessExecutor } from '../../../shared/analysis/executor';
import { CHANNELS } from '../../../shared/ipc/channels';

const settings = {
  family: 'gaussian' as const,
  positiveClass: null,
  target: 'y',
  exclude: [],
  rows: [],
  alpha: 1,
  standardize: true,
  intercept: true,
  nlambda: 5,
  penaltyFactor: {},
  thresh: 1e-7,
  maxIter: 1000,
  missing: 'drop' as const,
  maxLevels: 50,
  twoLevelCoding: 'one-hot' as const,
};
const csv = (label: string) => new TextEncoder().encode(`x,y\n1,2\n2,${label.length}\n3,5\n`);

describe('open datasets', () => {
  it('keeps only the current dataset: opening a file releases the one before', async () => {
    const datasets = new DatasetService();
    const ids: string[] = [];
    for (let i = 0; i < 10; i++)
      ids.push((await datasets.openBytes(csv(`f${i}`), `f${i}.csv`)).datasetId);
    expect(datasets.size).toBe(1);
    expect(datasets.list().map((open) => open.datasetId)).toEqual([ids.at(-1)]);
    expect(datasets.current()?.dataset.fileName).toBe('f9.csv');
    expect(() => datasets.get(ids[0]!)).toThrow(/no longer open\. Open the file again/);
  });

  it('keeps a dataset a project holds, until the project lets it go', async () => {
    const datasets = new DatasetService();
    const held = (await datasets.openBytes(csv('p'), 'project.csv')).datasetId;
    datasets.hold('open project', held);
    for (let i = 0; i < 6; i++) await datasets.openBytes(csv(`f${i}`), `f${i}.csv`);
    expect(datasets.size).toBe(2);
    expect(datasets.get(held).dataset.fileName).toBe('project.csv');
    expect(datasets.current()?.dataset.fileName).toBe('f5.csv');
    // The page closing what it shows does not take it from the project.
    expect(datasets.close(held)).toEqual({ closed: false });
    expect(datasets.get(held).dataset.fileName).toBe('project.csv');
    datasets.unhold('open project');
    expect(() => datasets.get(held)).toThrow(/no longer open/);
    expect(datasets.size).toBe(1);
  });

  it(`holds at most ${MAX_OPEN_DATASETS} even when projects hold them`, async () => {
    const datasets = new DatasetService();
    for (let i = 0; i < MAX_OPEN_DATASETS + 2; i++) {
      const { datasetId } = await datasets.openBytes(csv(`f${i}`), `f${i}.csv`);
      datasets.hold(`project ${i}`, datasetId);
    }
    expect(datasets.size).toBe(MAX_OPEN_DATASETS);
  });

  it("releases a replaced dataset's analyses with it (their designs are as large as the data)", async () => {
    const services = createServices({
      executor: inProcessExecutor,
      emit: () => {},
      host: { kind: 'test' },
      threads: 1,
    });
    const jobs: string[] = [];
    for (let i = 0; i < 8; i++) {
      const { datasetId } = await services.datasets.openBytes(csv(`f${i}`), `f${i}.csv`);
      const { jobId } = services.fits.start(datasetId, settings, i);
      await services.fits.settled(jobId);
      jobs.push(jobId);
    }
    expect(services.datasets.size).toBe(1);
    expect(services.fits.size).toBe(1);
    expect(() => services.fits.result(jobs[0]!)).toThrow(/unknown or was discarded/);
    expect(services.fits.result(jobs.at(-1)!).data.file).toBe('f7.csv');
  });

  it('restores only the current dataset after a reload, with its last analysis', async () => {
    const services = createServices({
      executor: inProcessExecutor,
      emit: () => {},
      host: { kind: 'test' },
      threads: 1,
    });
    let last = '';
    for (let i = 0; i < 5; i++) {
      const { datasetId } = await services.datasets.openBytes(csv(`f${i}`), `f${i}.csv`);
      last = datasetId;
    }
    const { jobId } = services.fits.start(last, settings, 1);
    await services.fits.settled(jobId);
    const restored = await services.handlers[CHANNELS.restoreSession]({});
    expect(restored.dataset?.datasetId).toBe(last);
    expect(restored.last?.jobId).toBe(jobId);
    expect(Object.keys(restored)).not.toContain('datasets');
  });

  it("releasing a page's services drops its datasets and results", async () => {
    const services = createServices({
      executor: inProcessExecutor,
      emit: () => {},
      host: { kind: 'test' },
      threads: 1,
    });
    const { datasetId } = await services.datasets.openBytes(csv('a'), 'a.csv');
    const { jobId } = services.fits.start(
      datasetId,
      {
        family: 'gaussian',
        target: 'y',
        exclude: [],
        rows: [],
        alpha: 1,
        standardize: true,
        intercept: true,
        nlambda: 5,
        penaltyFactor: {},
        thresh: 1e-7,
        maxIter: 1000,
        missing: 'drop',
        maxLevels: 50,
        twoLevelCoding: 'single',
      },
      1,
    );
    await services.fits.settled(jobId);
    services.release();
    expect(services.datasets.size).toBe(0);
    expect(() => services.fits.result(jobId)).toThrow(/unknown or was discarded/);
  });
});

describe('reading the chosen file again (desktop glue)', () => {
  it('a file refused for its malformed rows is read again with the remedy, from the same path', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'reread-'));
    const path = join(dir, 'ragged.csv');
    writeFileSync(path, 'x,y\n1,2\n3\n4,5\n6,7,8\n9,10\n');
    const services = createServices({
      executor: inProcessExecutor,
      emit: () => {},
      host: { kind: 'electron', chooseCsvFile: async () => path },
      threads: 1,
    });
    const refused = await dispatch(services.handlers, CHANNELS.chooseDataset, {});
    // An answer, not a thrown error: Electron's contextBridge would strip the remedy off an Error.
    expect(refused.ok).toBe(true);
    const { refused: error } = (refused as { value: { refused: { remedy?: unknown } } }).value;
    expect(error.remedy).toEqual({ code: 'drop-malformed-rows', rows: 2 });
    expect(structuredClone(error)).toEqual(error);
    const again = await dispatch(services.handlers, CHANNELS.rereadDataset, {
      options: { dropMalformedRows: true },
    });
    expect(again.ok).toBe(true);
    const info = (again as { value: { summary: { rowCount: number }; readOptions: unknown } })
      .value;
    expect(Object.keys(info)).not.toContain('refused');
    expect(info.summary.rowCount).toBe(3);
    expect(info.readOptions).toEqual({ dropMalformedRows: true });
    expect(services.datasets.size).toBe(1);
  });

  it('is refused where files are uploaded (the page sends the bytes again instead)', async () => {
    const services = createServices({
      executor: inProcessExecutor,
      emit: () => {},
      host: { kind: 'web' },
      threads: 1,
    });
    const answer = await dispatch(services.handlers, CHANNELS.rereadDataset, { options: {} });
    expect(answer).toMatchObject({ ok: false, error: { name: 'UnsupportedError' } });
  });
});
