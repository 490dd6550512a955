/**
 * Datasets live in the main process; the renderer gets summaries and previews by id, never
 * the matrix itself. The UI shows one dataset, so the service keeps the current one (the one
 * opened last) and those a project holds: opening a file releases every other, and with it
 * the analyses of the released ones (their designs are as large as the data). A page that
 * never closes what it replaced therefore holds one dataset, not every file it ever opened.
 * maxOpen bounds even the held ones.
 */

import { randomUUID } from 'node:crypto';
import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { DEFAULT_CV, DEFAULT_SETTINGS } from '../../shared/analysis/settings';
import type { Dataset } from '../../shared/data/dataset';
import { cellText } from '../../shared/data/dataset';
import { DataError } from '../../shared/data/errors';
import type { ReadingOptions } from '../../shared/data/readOptions';
import { previewRowLimit, summarizeDataset } from '../../shared/data/summary';
import type { DatasetInfo } from '../../shared/ipc/contract';
import {
  type LoadedDataset,
  type LoadOptions,
  loadAnyDatasetBytes,
  loadDatasetFile,
} from './datasets';
import { NotFoundError } from './errors';
import { describeBudget, formatBytes, type MemoryBudget } from './memoryBudget';
import { estimatedMemoryBytes, type FitShape, sampleFileShape, sampleShape } from './streamingFit';

export interface OpenDataset extends LoadedDataset {
  datasetId: string;
  info: DatasetInfo;
  /** Opened from a path on disk (which projects can reopen), or from uploaded bytes. */
  source: 'file' | 'bytes';
  openedAt: number;
}

/** Told which datasets were released (the fit service drops their analyses). */
export type ReleaseListener = (datasetIds: readonly string[]) => void;

/** Reads datasets; the app and web host use the worker pool so parsing never blocks the main thread. */
export interface DatasetLoader {
  loadFile(path: string, options?: LoadOptions): Promise<LoadedDataset>;
  loadBytes(bytes: Uint8Array, fileName: string, options?: LoadOptions): Promise<LoadedDataset>;
}

export const inProcessLoader: DatasetLoader = {
  loadFile: (path, options) => loadDatasetFile(path, options),
  loadBytes: (bytes, fileName, options) => loadAnyDatasetBytes(bytes, fileName, options),
};

/** Open datasets kept per service (per window in the app, per page on the web host). */
export const MAX_OPEN_DATASETS = 4;

/** The reading options of a load, as recorded (and saved in projects): the schema's fields only. */
function readingOptions(options: LoadOptions): ReadingOptions {
  const { missingMarkers, dropMalformedRows, decimal, delimiter, columnTypes } = options;
  return {
    ...(columnTypes !== undefined && { columnTypes: { ...columnTypes } }),
    ...(missingMarkers !== undefined && { missingMarkers: [...missingMarkers] }),
    ...(dropMalformedRows && { dropMalformedRows }),
    ...(decimal !== undefined && { decimal }),
    ...(delimiter !== undefined && { delimiter }),
  };
}

export class DatasetService {
  private readonly open = new Map<string, OpenDataset>();
  /** Datasets a project holds (kept when another file opens), by holder. */
  private readonly holds = new Map<string, string>();
  private readonly listeners: ReleaseListener[] = [];
  private currentId: string | undefined;
  /** The file last chosen from disk and its reading options, to read again with others. */
  private lastPath: string | undefined;

  constructor(
    private readonly loader: DatasetLoader = inProcessLoader,
    private readonly maxOpen = MAX_OPEN_DATASETS,
    /**
     * The memory an open dataset's analysis may take (memoryBudget.ts); a file estimated over
     * it is refused before it is read, instead of exhausting memory while loading. The app
     * cannot yet fit such a file without holding it (the CLI streams gaussian fits), so the
     * refusal says so. None: no check (tests that open small files).
     */
    private readonly budget?: MemoryBudget | undefined,
  ) {}

  /** Refuses a file whose in-memory analysis would need more than the budget. */
  private checkBudget(fileBytes: number, fileName: string, shape: FitShape | undefined): void {
    if (!this.budget) return;
    // The app cross-validates by default (10 folds): budget for it.
    const needed = estimatedMemoryBytes(fileBytes, {
      ...shape,
      folds: DEFAULT_CV.nfolds,
      nlambda: DEFAULT_SETTINGS.nlambda,
    });
    if (needed <= this.budget.bytes) return;
    throw new DataError(
      `${fileName} is too large to analyse in memory here (about ${formatBytes(needed)} needed, over ${describeBudget(this.budget)}); the app does not stream files yet.`,
      { file: fileName },
      'Fit it with the command line, which streams gaussian fits without holding the file (shrinkage fit --data FILE --target COLUMN); or set SHRINKAGE_MEMORY_LIMIT higher if the machine has the memory.',
    );
  }

  /** Calls the listener with the ids of datasets as they are released. */
  onRelease(listener: ReleaseListener): void {
    this.listeners.push(listener);
  }

  private releaseIds(ids: readonly string[]): void {
    const released = ids.filter((id) => this.open.delete(id));
    for (const [holder, id] of this.holds) if (released.includes(id)) this.holds.delete(holder);
    if (this.currentId !== undefined && released.includes(this.currentId))
      this.currentId = undefined;
    if (released.length > 0) for (const listener of this.listeners) listener(released);
  }

  private register(
    loaded: LoadedDataset,
    source: OpenDataset['source'],
    options: LoadOptions,
  ): DatasetInfo {
    const datasetId = randomUUID();
    const info: DatasetInfo = {
      datasetId,
      sha256: loaded.sha256,
      byteLength: loaded.byteLength,
      readSeconds: loaded.readSeconds,
      readOptions: readingOptions(options),
      summary: loaded.summary ?? summarizeDataset(loaded.dataset),
    };
    // The new dataset replaces the current one: every dataset no project holds is released.
    const held = new Set(this.holds.values());
    this.releaseIds([...this.open.keys()].filter((id) => !held.has(id)));
    // Make room among the held ones: a Map iterates in insertion order, oldest first.
    while (this.open.size > 0 && this.open.size >= this.maxOpen)
      this.releaseIds([this.open.keys().next().value!]);
    this.open.set(datasetId, { ...loaded, datasetId, info, source, openedAt: Date.now() });
    this.currentId = datasetId;
    return info;
  }

  async openPath(path: string, options: LoadOptions = {}): Promise<DatasetInfo> {
    // Remembered before reading: a file that fails to read is the one to read again.
    this.lastPath = path;
    // A file that cannot be stat'ed cannot be read either: the reader says why.
    const size = await stat(path).then(
      (stats) => stats.size,
      () => undefined,
    );
    if (size !== undefined && this.budget)
      this.checkBudget(size, basename(path), await sampleFileShape(path));
    return this.register(await this.loader.loadFile(path, options), 'file', options);
  }

  /** The file last opened from disk, read again with these options (the app's Reading options). */
  async reread(options: LoadOptions): Promise<DatasetInfo> {
    if (this.lastPath === undefined)
      throw new NotFoundError('No file was opened from disk to read again. Open the file.');
    return this.openPath(this.lastPath, options);
  }

  async openBytes(
    bytes: Uint8Array,
    fileName: string,
    options: LoadOptions = {},
  ): Promise<DatasetInfo> {
    this.checkBudget(bytes.byteLength, fileName, sampleShape(bytes.subarray(0, 64 * 1024)));
    const loaded = await this.loader.loadBytes(bytes, fileName, options);
    this.lastPath = undefined;
    return this.register(loaded, 'bytes', options);
  }

  /**
   * A project (`holder`) holds this dataset: opening another file keeps it. One dataset per
   * holder; holding another releases the hold on the first (which stays only while current).
   */
  hold(holder: string, datasetId: string): void {
    this.get(datasetId);
    if (this.holds.get(holder) !== datasetId) this.unhold(holder);
    this.holds.set(holder, datasetId);
  }

  /** The holder lets its dataset go; it is released unless it is current or held by another. */
  unhold(holder: string): void {
    const id = this.holds.get(holder);
    this.holds.delete(holder);
    if (id === undefined || id === this.currentId || [...this.holds.values()].includes(id)) return;
    this.releaseIds([id]);
  }

  /** The dataset opened last, while it is open. */
  current(): OpenDataset | undefined {
    return this.currentId === undefined ? undefined : this.open.get(this.currentId);
  }

  /** Read bytes into a dataset without keeping it open (e.g. rows to score). */
  read(bytes: Uint8Array, fileName: string, options: LoadOptions = {}): Promise<LoadedDataset> {
    // The loader may transfer the buffer to a worker: give it a copy, the caller keeps the bytes.
    return this.loader.loadBytes(bytes.slice(), fileName, options);
  }

  get(datasetId: string): OpenDataset {
    const entry = this.open.get(datasetId);
    if (!entry) throw new NotFoundError('That dataset is no longer open. Open the file again.');
    return entry;
  }

  dataset(datasetId: string): Dataset {
    return this.get(datasetId).dataset;
  }

  preview(datasetId: string, offset: number, limit: number) {
    const { dataset } = this.get(datasetId);
    const end = Math.min(dataset.rowCount, offset + previewRowLimit(dataset, limit));
    const rows: string[][] = [];
    for (let i = offset; i < end; i++)
      rows.push(dataset.columns.map((column) => cellText(column, i)));
    return { offset, total: dataset.rowCount, rows };
  }

  /** The page no longer shows it: released, unless a project holds it. */
  close(datasetId: string): { closed: boolean } {
    if ([...this.holds.values()].includes(datasetId)) {
      if (this.currentId === datasetId) this.currentId = undefined;
      return { closed: false };
    }
    const closed = this.open.has(datasetId);
    this.releaseIds([datasetId]);
    return { closed };
  }

  closeAll(): void {
    this.releaseIds([...this.open.keys()]);
    this.holds.clear();
  }

  /** Open datasets, oldest first. */
  list(): OpenDataset[] {
    return [...this.open.values()].sort((a, b) => a.openedAt - b.openedAt);
  }

  get size(): number {
    return this.open.size;
  }
}
