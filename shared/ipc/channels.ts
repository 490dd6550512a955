/**
 * The API's channel names, in one place and free of dependencies, so the sandboxed preload
 * can import them without pulling in the validators. Every name carries the `workbench:` prefix.
 */
export const CHANNELS = {
  appInfo: 'workbench:app.info',
  /** Electron only: main shows the native open dialog and reads the chosen file itself. */
  chooseDataset: 'workbench:datasets.choose',
  openDatasetBytes: 'workbench:datasets.openBytes',
  /** Electron only: read the file last chosen from disk again, with other reading options. */
  rereadDataset: 'workbench:datasets.reread',
  datasetPreview: 'workbench:datasets.preview',
  closeDataset: 'workbench:datasets.close',
  startFit: 'workbench:fits.start',
  cancelFit: 'workbench:fits.cancel',
  fitResult: 'workbench:fits.result',
  fitPredictions: 'workbench:fits.predictions',
  /** Save the current analysis as a .shrinkage project (desktop: save dialog; web: the file's content to download). */
  saveProject: 'workbench:projects.save',
  /** Desktop only: open a .shrinkage project chosen in the native dialog. */
  openProject: 'workbench:projects.open',
  /** A .shrinkage project's content, dropped on or chosen in the page (every host). */
  openProjectContent: 'workbench:projects.openContent',
  /** A file made from a finished analysis: report (HTML, PDF), coefficients (CSV), model or results (JSON). */
  exportResult: 'workbench:exports.create',
  /** Score new rows (an uploaded CSV) with a finished analysis at one λ. */
  scoreData: 'workbench:scores.create',
  /** What the engine still holds (open datasets, last results), to restore the UI after a reload. */
  restoreSession: 'workbench:session.restore',
} as const;

export type ChannelKey = keyof typeof CHANNELS;
export type Channel = (typeof CHANNELS)[ChannelKey];
export const CHANNEL_NAMES: readonly Channel[] = Object.values(CHANNELS);

/** Main → renderer: job progress and completion. */
export const EVENT_CHANNEL = 'workbench:event';

/** How every call's answer crosses the boundary: a value, or an error as plain data. */
export type Envelope<T = unknown> =
  | { ok: true; value: T }
  | { ok: false; error: { name: string; message: string; details?: unknown; remedy?: unknown } };
