/**
 * Datasets live in the main process; the renderer gets summaries and previews by id, never
 * the matrix itself. At most maxOpen are held (the UI shows one): opening one more releases
 * the one opened longest ago, so datasets a page never closed cannot pile up.
 */
import { randomUUID } from 'node:crypto';
import type { Dataset } from '../../shared/data/dataset';
import { cellText } from '../../shared/data/dataset';
import { previewRowLimit, summarizeDataset } from '../../shared/data/summary';
import type { DatasetInfo } from '../../shared/ipc/contract';
import {
  type LoadedDataset,
  type LoadOptions,
  loadDatasetBytes,
  loadDatasetFile,
} from './datasets';
import { NotFoundError } from './errors';

export interface OpenDataset extends LoadedDataset {
  datasetId: string;
  info: DatasetInfo;
  /** Opened from a path on disk (which projects can reopen), or from uploaded bytes. */
  source: 'file' | 'bytes';
  openedAt: number;
}

/** Reads datasets; the app and web host use the worker pool so parsing never blocks the main thread. */
export interface DatasetLoader {
  loadFile(path: string, options?: LoadOptions): Promise<LoadedDataset>;
  loadBytes(bytes: Uint8Array, fileName: string, options?: LoadOptions): Promise<LoadedDataset>;
}

export const inProcessLoader: DatasetLoader = {
  loadFile: (path, options) => loadDatasetFile(path, options),
  loadBytes: async (bytes, fileName, options) => loadDatasetBytes(bytes, fileName, options),
};

/** Open datasets kept per service (per window in the app, per page on the web host). */
export const MAX_OPEN_DATASETS = 4;

export class DatasetService {
  private readonly open = new Map<string, OpenDataset>();

  constructor(
    private readonly loader: DatasetLoader = inProcessLoader,
    private readonly maxOpen = MAX_OPEN_DATASETS,
  ) {}

  private register(loaded: LoadedDataset, source: OpenDataset['source']): DatasetInfo {
    const datasetId = randomUUID();
    const info: DatasetInfo = {
      datasetId,
      sha256: loaded.sha256,
      byteLength: loaded.byteLength,
      readSeconds: loaded.readSeconds,
      summary: loaded.summary ?? summarizeDataset(loaded.dataset),
    };
    // Make room: a Map iterates in insertion order, so its first key is the oldest dataset.
    while (this.open.size > 0 && this.open.size >= this.maxOpen)
      this.open.delete(this.open.keys().next().value!);
    this.open.set(datasetId, { ...loaded, datasetId, info, source, openedAt: Date.now() });
    return info;
  }

  async openPath(path: string, options: LoadOptions = {}): Promise<DatasetInfo> {
    return this.register(await this.loader.loadFile(path, options), 'file');
  }

  async openBytes(
    bytes: Uint8Array,
    fileName: string,
    options: LoadOptions = {},
  ): Promise<DatasetInfo> {
    return this.register(await this.loader.loadBytes(bytes, fileName, options), 'bytes');
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

  close(datasetId: string): { closed: boolean } {
    return { closed: this.open.delete(datasetId) };
  }

  closeAll(): void {
    this.open.clear();
  }

  /** Open datasets, oldest first. */
  list(): OpenDataset[] {
    return [...this.open.values()].sort((a, b) => a.openedAt - b.openedAt);
  }

  get size(): number {
    return this.open.size;
  }
}
