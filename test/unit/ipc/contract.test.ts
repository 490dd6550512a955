/**
 * Contract tests: every channel refuses malformed payloads (wrong types, extra fields, huge
 * arrays, path-like strings where no path is allowed) with a ValidationError, before any
 * service runs: no dataset opens, no job starts, no event is sent.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { createServices } from '../../../electron/services';
import { dispatch } from '../../../electron/services/api';
import { inProcessExecutor } from '../../../shared/analysis/executor';
import { DEFAULT_SETTINGS } from '../../../shared/analysis/settings';
import { MAX_NAME_LENGTH } from '../../../shared/data/names';
import { CHANNEL_NAMES, CHANNELS, type Channel } from '../../../shared/ipc/channels';
import { examplesDir } from '../../helpers/fixtures';

const events: unknown[] = [];
const chooser = { calls: 0 };
const { datasets, fits, handlers } = createServices({
  executor: inProcessExecutor,
  emit: (event) => events.push(event),
  host: {
    kind: 'test',
    chooseCsvFile: async () => {
      chooser.calls++;
      return join(examplesDir, 'diabetes.csv');
    },
    chooseProjectToOpen: async () => {
      chooser.calls++;
      return null;
    },
    chooseProjectSavePath: async () => {
      chooser.calls++;
      return null;
    },
  },
  threads: 1,
});
const bytes = new Uint8Array(readFileSync(join(examplesDir, 'prostate.csv')));
let datasetId = '';
const settings = { ...DEFAULT_SETTINGS, target: 'lpsa', exclude: ['train'] };
const traversal = [
  '../../etc/passwd',
  '..\\..\\windows\\win.ini',
  '/etc/passwd',
  'C:\\x.csv',
  '..',
  '%2e%2e%2f',
];
const hugeNames = Array.from({ length: 100_001 }, (_, i) => `c${i}`);
const uuid = '3b241101-e2bb-4255-8caf-4136c566a962';

const wrongTypes = [null, undefined, 42, 'text', [], true];

function malformed(channel: Channel): unknown[] {
  const base: Record<Channel, Record<string, unknown>> = {
    [CHANNELS.appInfo]: {},
    [CHANNELS.chooseDataset]: {},
    [CHANNELS.openDatasetBytes]: { fileName: 'p.csv', bytes },
    [CHANNELS.rereadDataset]: { options: {} },
    [CHANNELS.datasetPreview]: { datasetId, offset: 0, limit: 5 },
    [CHANNELS.closeDataset]: { datasetId },
    [CHANNELS.startFit]: { datasetId, settings, revision: 1 },
    [CHANNELS.cancelFit]: { jobId: uuid },
    [CHANNELS.fitResult]: { jobId: uuid },
    [CHANNELS.fitPredictions]: { jobId: uuid, lambdaIndex: 0 },
    [CHANNELS.saveProject]: { datasetId, settings, selectedIndex: 0 },
    [CHANNELS.openProject]: {},
    [CHANNELS.openProjectContent]: { fileName: 'study.shrinkage', text: '{}' },
    [CHANNELS.restoreSession]: {},
    [CHANNELS.exportResult]: { jobId: uuid, selectedIndex: 0, kind: 'report-html' },
    [CHANNELS.scoreData]: { jobId: uuid, selectedIndex: 0, fileName: 'new.csv', bytes },
  };
  const valid = base[channel];
  const cases: unknown[] = [
    ...wrongTypes,
    { ...valid, unexpected: 1 },
    { ...valid, __proto__: { polluted: true }, constructor: 'x' },
  ];
  switch (channel) {
    case CHANNELS.chooseDataset:
      cases.push(
        { options: { missingMarkers: Array.from({ length: 1000 }, () => 'x') } },
        { options: { dropMalformedRows: 'yes' } },
        { path: '/etc/passwd' },
      );
      break;
    case CHANNELS.rereadDataset:
      cases.push(
        {},
        { options: { delimiter: ' ' } },
        { options: { decimal: ';' } },
        { options: { missingMarkers: ['x'.repeat(101)] } },
        { options: {}, path: '/etc/passwd' },
        { options: { path: '/etc/passwd' } },
      );
      break;
    case CHANNELS.openDatasetBytes:
      cases.push(
        // A file name is shown, never used as a path; only separators and dot-names are refused.
        ...traversal.filter((t) => /[/\\]|^\.\.$/.test(t)).map((fileName) => ({ fileName, bytes })),
        { fileName: 'p.csv', bytes: Array.from(bytes.slice(0, 100)) },
        { fileName: 'p.csv', bytes: 'a,b\n1,2' },
        { fileName: 'x'.repeat(300), bytes },
        { fileName: 'p.csv' },
        { fileName: 'p.csv', bytes, path: '/etc/passwd' },
      );
      break;
    case CHANNELS.datasetPreview:
      cases.push(
        ...traversal.map((id) => ({ datasetId: id, offset: 0, limit: 5 })),
        { datasetId, offset: -1, limit: 5 },
        { datasetId, offset: 0, limit: 1_000_000 },
        { datasetId, offset: 0.5, limit: 5 },
      );
      break;
    case CHANNELS.closeDataset:
      cases.push(...traversal.map((id) => ({ datasetId: id })));
      break;
    case CHANNELS.startFit:
      cases.push(
        ...traversal.map((id) => ({ datasetId: id, settings, revision: 1 })),
        { datasetId, settings: { ...settings, alpha: 2 }, revision: 1 },
        { datasetId, settings: { ...settings, alpha: '1' }, revision: 1 },
        { datasetId, settings: { ...settings, nlambda: 1e9 }, revision: 1 },
        { datasetId, settings: { ...settings, features: hugeNames }, revision: 1 },
        {
          datasetId,
          settings: { ...settings, lambda: Array.from({ length: 20_000 }, () => 1) },
          revision: 1,
        },
        { datasetId, settings: { ...settings, target: '' }, revision: 1 },
        {
          datasetId,
          settings: { ...settings, target: 'y'.repeat(MAX_NAME_LENGTH + 1) },
          revision: 1,
        },
        { datasetId, settings: { ...settings, penaltyFactor: { age: -1 } }, revision: 1 },
        { datasetId, settings: { ...settings, thresh: 0 }, revision: 1 },
        {
          datasetId,
          settings: { ...settings, cv: { nfolds: 1, seed: 1, measure: 'mse' } },
          revision: 1,
        },
        {
          datasetId,
          settings: { ...settings, cv: { nfolds: 5, seed: 1, measure: 'rmse' } },
          revision: 1,
        },
        { datasetId, settings: { ...settings, missing: 'guess' }, revision: 1 },
        { datasetId, settings: { ...settings, extra: true }, revision: 1 },
        { datasetId, settings, revision: -1 },
        { datasetId, settings },
      );
      break;
    case CHANNELS.cancelFit:
    case CHANNELS.fitResult:
      cases.push(...traversal.map((jobId) => ({ jobId })));
      break;
    case CHANNELS.saveProject:
      cases.push(
        ...traversal.map((id) => ({ datasetId: id, settings, selectedIndex: 0 })),
        { datasetId, settings, selectedIndex: 0, path: '/tmp/evil.shrinkage' },
        { datasetId, settings, selectedIndex: -1 },
        { datasetId, settings: { ...settings, alpha: 9 }, selectedIndex: 0 },
        { datasetId, jobId: '../x', settings, selectedIndex: 0 },
      );
      break;
    case CHANNELS.openProject:
      cases.push({ path: '/etc/passwd' });
      break;
    case CHANNELS.exportResult:
      cases.push(
        ...traversal.map((jobId) => ({ jobId, selectedIndex: 0, kind: 'report-html' })),
        { jobId: uuid, selectedIndex: 0, kind: 'report-exe' },
        { jobId: uuid, selectedIndex: 0, kind: 'report-html', fileName: '../../evil.html' },
        { jobId: uuid, selectedIndex: -3, kind: 'model-json' },
      );
      break;
    case CHANNELS.scoreData:
      cases.push(
        ...traversal
          .filter((t) => /[/\\]|^\.\.$/.test(t))
          .map((fileName) => ({ jobId: uuid, selectedIndex: 0, fileName, bytes })),
        { jobId: uuid, selectedIndex: 0, fileName: 'new.csv', bytes: 'a,b\n1,2' },
        { jobId: '../x', selectedIndex: 0, fileName: 'new.csv', bytes },
        ...[0, 1, -1, Number.NaN, '0.5'].map((threshold) => ({
          jobId: uuid,
          selectedIndex: 0,
          fileName: 'new.csv',
          bytes,
          threshold,
        })),
      );
      break;
    case CHANNELS.restoreSession:
      cases.push({ all: true });
      break;
    case CHANNELS.fitPredictions:
      cases.push(
        ...traversal.map((jobId) => ({ jobId, lambdaIndex: 0 })),
        { jobId: uuid, lambdaIndex: -1 },
        { jobId: uuid, lambdaIndex: 1e9 },
        { jobId: uuid, lambdaIndex: 0, limit: 1e9 },
      );
      break;
  }
  return cases;
}

describe('API contract', () => {
  beforeAll(async () => {
    const opened = await dispatch(handlers, CHANNELS.openDatasetBytes, {
      fileName: 'prostate.csv',
      bytes,
    });
    expect(opened.ok).toBe(true);
    datasetId = (opened as { value: { datasetId: string } }).value.datasetId;
  });

  it.each(CHANNEL_NAMES)(
    '%s refuses malformed payloads with a validation error and no side effect',
    async (channel) => {
      const before = {
        datasets: datasets.size,
        running: fits.runningJobs,
        events: events.length,
        chooser: chooser.calls,
      };
      for (const payload of malformed(channel)) {
        const envelope = await dispatch(handlers, channel, payload);
        expect(
          envelope,
          `${channel} accepted ${JSON.stringify(payload)?.slice(0, 200)}`,
        ).toMatchObject({
          ok: false,
          error: { name: 'ValidationError' },
        });
      }
      expect({
        datasets: datasets.size,
        running: fits.runningJobs,
        events: events.length,
        chooser: chooser.calls,
      }).toEqual(before);
    },
  );

  it('refuses unknown channels', async () => {
    await expect(dispatch(handlers, 'workbench:shell.exec', {})).resolves.toMatchObject({
      ok: false,
      error: { name: 'ValidationError' },
    });
  });

  it('accepts well-formed payloads (the malformed cases above are near misses)', async () => {
    await expect(
      dispatch(handlers, CHANNELS.datasetPreview, { datasetId, offset: 0, limit: 2 }),
    ).resolves.toMatchObject({ ok: true, value: { total: 97 } });
    const started = await dispatch(handlers, CHANNELS.startFit, {
      datasetId,
      settings,
      revision: 3,
    });
    expect(started.ok).toBe(true);
    const { jobId } = (started as { value: { jobId: string } }).value;
    await fits.settled(jobId);
    await expect(dispatch(handlers, CHANNELS.fitResult, { jobId })).resolves.toMatchObject({
      ok: true,
      value: { revision: 3, n: 97 },
    });
    await expect(
      dispatch(handlers, CHANNELS.fitPredictions, { jobId, lambdaIndex: 5 }),
    ).resolves.toMatchObject({ ok: true, value: { set: 'train', total: 97 } });
    await expect(dispatch(handlers, CHANNELS.chooseDataset, {})).resolves.toMatchObject({
      ok: true,
      value: { summary: { fileName: 'diabetes.csv' } },
    });
  });

  it('reports service errors by name, never as a crash', async () => {
    await expect(dispatch(handlers, CHANNELS.fitResult, { jobId: uuid })).resolves.toMatchObject({
      ok: false,
      error: { name: 'NotFoundError' },
    });
    const bad = await dispatch(handlers, CHANNELS.openDatasetBytes, {
      fileName: 'x.csv',
      bytes: new Uint8Array([0x50, 0x4b, 3, 4]),
    });
    // A file that cannot be read is an answer, with the problem as data (see refusedSchema).
    expect(bad).toMatchObject({
      ok: true,
      value: { refused: { name: 'DataError', message: expect.stringMatching(/ZIP archive/) } },
    });
  });
});
