/**
 * The typed API the renderer sees as `window.workbench`, built over any transport (Electron
 * IPC in the preload, HTTP in the web host). Only these wrapped methods are exposed; errors
 * arrive as plain data and are rethrown as WorkbenchError with their original name.
 */
import type { Channel, Envelope } from './channels';
import { CHANNELS } from './channels';
import type {
  JobResult,
  OpenedDataset,
  OpenedProject,
  Predictions,
  RequestOf,
  ResponseOf,
  WorkbenchEvent,
} from './contract';

export interface Transport {
  invoke(channel: Channel, payload: unknown): Promise<Envelope>;
  subscribe(listener: (event: WorkbenchEvent) => void): () => void;
}

export class WorkbenchError extends Error {
  constructor(
    override readonly name: string,
    message: string,
    readonly details?: unknown,
    /** The one-click fix of a data problem, as sent; the renderer checks it (renderer/lib/remedy.ts). */
    readonly remedy?: unknown,
  ) {
    super(message);
  }
}

type ReadOptions = RequestOf<typeof CHANNELS.openDatasetBytes>['options'];
type StartRequest = RequestOf<typeof CHANNELS.startFit>;

export interface WorkbenchApi {
  appInfo(): Promise<ResponseOf<typeof CHANNELS.appInfo>>;
  datasets: {
    /** Native open dialog (desktop app only); null when the user cancels. */
    /** A file that cannot be read resolves as `{refused}` (with its remedy), not as an error. */
    choose(options?: ReadOptions): Promise<OpenedDataset | null>;
    openBytes(fileName: string, bytes: Uint8Array, options?: ReadOptions): Promise<OpenedDataset>;
    /** The file last chosen from disk, read again with these options (desktop app only). */
    reread(options: NonNullable<ReadOptions>): Promise<OpenedDataset>;
    preview(
      datasetId: string,
      offset: number,
      limit: number,
    ): Promise<ResponseOf<typeof CHANNELS.datasetPreview>>;
    close(datasetId: string): Promise<{ closed: boolean }>;
  };
  fits: {
    start(request: StartRequest): Promise<{ jobId: string }>;
    cancel(jobId: string): Promise<{ cancelled: boolean }>;
    result(jobId: string): Promise<JobResult>;
    predictions(
      jobId: string,
      lambdaIndex: number,
      limit?: number,
      rows?: 'fitted' | 'outOfFold',
    ): Promise<Predictions>;
  };
  projects: {
    save(
      request: RequestOf<typeof CHANNELS.saveProject>,
    ): Promise<ResponseOf<typeof CHANNELS.saveProject>>;
    /** Native open dialog (desktop app only); null when the user cancels. */
    open(): Promise<OpenedProject | null>;
    /** A project file's content (dropped or chosen in the page); its data is matched by fingerprint. */
    openContent(fileName: string, text: string): Promise<OpenedProject>;
  };
  exports: {
    create(
      request: RequestOf<typeof CHANNELS.exportResult>,
    ): Promise<ResponseOf<typeof CHANNELS.exportResult>>;
    /** Score new rows with the model at the selected λ; the scored CSV comes back. */
    score(
      request: RequestOf<typeof CHANNELS.scoreData>,
    ): Promise<ResponseOf<typeof CHANNELS.scoreData>>;
  };
  session: {
    /** What the engine still holds, to restore the UI after a reload. */
    restore(): Promise<ResponseOf<typeof CHANNELS.restoreSession>>;
  };
  /** Progress and completion of jobs; returns a function that stops listening. */
  onEvent(listener: (event: WorkbenchEvent) => void): () => void;
}

export function createWorkbenchApi(transport: Transport): WorkbenchApi {
  async function call<C extends Channel>(
    channel: C,
    payload: RequestOf<C>,
  ): Promise<ResponseOf<C>> {
    const envelope = await transport.invoke(channel, payload);
    if (envelope.ok) return envelope.value as ResponseOf<C>;
    const { name, message, details } = envelope.error;
    throw new WorkbenchError(name, message, details, envelope.error.remedy);
  }
  return {
    appInfo: () => call(CHANNELS.appInfo, {}),
    datasets: {
      choose: (options) => call(CHANNELS.chooseDataset, options ? { options } : {}),
      openBytes: (fileName, bytes, options) =>
        call(CHANNELS.openDatasetBytes, { fileName, bytes, ...(options && { options }) }),
      reread: (options) => call(CHANNELS.rereadDataset, { options }),
      preview: (datasetId, offset, limit) =>
        call(CHANNELS.datasetPreview, { datasetId, offset, limit }),
      close: (datasetId) => call(CHANNELS.closeDataset, { datasetId }),
    },
    fits: {
      start: (request) => call(CHANNELS.startFit, request),
      cancel: (jobId) => call(CHANNELS.cancelFit, { jobId }),
      result: (jobId) => call(CHANNELS.fitResult, { jobId }),
      predictions: (jobId, lambdaIndex, limit, rows) =>
        call(CHANNELS.fitPredictions, {
          jobId,
          lambdaIndex,
          ...(limit !== undefined && { limit }),
          ...(rows !== undefined && { rows }),
        }),
    },
    projects: {
      save: (request) => call(CHANNELS.saveProject, request),
      open: () => call(CHANNELS.openProject, {}),
      openContent: (fileName, text) => call(CHANNELS.openProjectContent, { fileName, text }),
    },
    exports: {
      create: (request) => call(CHANNELS.exportResult, request),
      score: (request) => call(CHANNELS.scoreData, request),
    },
    session: {
      restore: () => call(CHANNELS.restoreSession, {}),
    },
    onEvent: (listener) => transport.subscribe(listener),
  };
}
