/** The preload, with a mocked electron module: one exposed object, wrapping IPC by channel. */
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { CHANNEL_NAMES, CHANNELS, EVENT_CHANNEL } from '../../../shared/ipc/channels';

const exposed = new Map<string, unknown>();
const invoke = vi.fn(async (_channel: string, _payload: unknown) => ({
  ok: true,
  value: { echoed: true },
}));
const listeners = new Map<string, (...args: unknown[]) => void>();

vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (key: string, value: unknown) => exposed.set(key, value) },
  ipcRenderer: {
    invoke,
    on: (channel: string, handler: (...args: unknown[]) => void) => listeners.set(channel, handler),
    removeListener: (channel: string) => listeners.delete(channel),
  },
}));

type Api = Record<string, unknown> & {
  datasets: Record<string, (...args: unknown[]) => Promise<unknown>>;
  fits: Record<string, (...args: unknown[]) => Promise<unknown>>;
  appInfo: () => Promise<unknown>;
  projects: Record<string, (...args: unknown[]) => Promise<unknown>>;
  session: Record<string, (...args: unknown[]) => Promise<unknown>>;
  exports: Record<string, (...args: unknown[]) => Promise<unknown>>;
  onEvent: (listener: (event: unknown) => void) => () => void;
};

describe('preload', () => {
  let api: Api;
  beforeAll(async () => {
    await import('../../../electron/preload/index');
    api = exposed.get('workbench') as Api;
  });

  it('exposes exactly one key, workbench, and never ipcRenderer itself', () => {
    expect([...exposed.keys()]).toEqual(['workbench']);
    const flat =
      JSON.stringify(Object.keys(api)) +
      JSON.stringify(Object.keys(api.datasets)) +
      JSON.stringify(Object.keys(api.fits));
    expect(flat).not.toMatch(/ipc|invoke|send|electron/i);
    expect(Object.keys(api).sort()).toEqual([
      'appInfo',
      'datasets',
      'exports',
      'fits',
      'onEvent',
      'projects',
      'session',
    ]);
  });

  it('maps every method to its channel, and every channel has a method', async () => {
    const calls: [() => Promise<unknown>, string][] = [
      [() => api.appInfo(), CHANNELS.appInfo],
      [() => api.datasets.choose!(), CHANNELS.chooseDataset],
      [() => api.datasets.openBytes!('a.csv', new Uint8Array([1])), CHANNELS.openDatasetBytes],
      [() => api.datasets.reread!({}), CHANNELS.rereadDataset],
      [() => api.datasets.preview!('id', 0, 10), CHANNELS.datasetPreview],
      [() => api.datasets.close!('id'), CHANNELS.closeDataset],
      [() => api.fits.start!({ datasetId: 'id', settings: {}, revision: 1 }), CHANNELS.startFit],
      [() => api.fits.cancel!('job'), CHANNELS.cancelFit],
      [() => api.fits.result!('job'), CHANNELS.fitResult],
      [() => api.fits.predictions!('job', 3), CHANNELS.fitPredictions],
      [
        () => api.projects.save!({ datasetId: 'id', settings: {}, selectedIndex: 0 }),
        CHANNELS.saveProject,
      ],
      [() => api.projects.open!(), CHANNELS.openProject],
      [() => api.projects.openContent!('p.shrinkage', '{}'), CHANNELS.openProjectContent],
      [() => api.session.restore!(), CHANNELS.restoreSession],
      [
        () => api.exports.create!({ jobId: 'job', selectedIndex: 0, kind: 'report-html' }),
        CHANNELS.exportResult,
      ],
      [
        () =>
          api.exports.score!({
            jobId: 'job',
            selectedIndex: 0,
            fileName: 'n.csv',
            bytes: new Uint8Array([1]),
          }),
        CHANNELS.scoreData,
      ],
    ];
    for (const [call, channel] of calls) {
      invoke.mockClear();
      await expect(call()).resolves.toEqual({ echoed: true });
      expect(invoke).toHaveBeenCalledWith(channel, expect.anything());
    }
    expect(new Set(calls.map(([, channel]) => channel))).toEqual(new Set(CHANNEL_NAMES));
  });

  it('rethrows error envelopes as errors with their name', async () => {
    invoke.mockResolvedValueOnce({
      ok: false,
      error: { name: 'DataError', message: 'bad file' },
    } as never);
    await expect(api.appInfo()).rejects.toMatchObject({ name: 'DataError', message: 'bad file' });
  });

  it('delivers job events to subscribers and stops on unsubscribe', () => {
    const seen: unknown[] = [];
    const stop = api.onEvent((event) => seen.push(event));
    listeners.get(EVENT_CHANNEL)!({}, { type: 'done' });
    expect(seen).toEqual([{ type: 'done' }]);
    stop();
    expect(listeners.has(EVENT_CHANNEL)).toBe(false);
  });
});
