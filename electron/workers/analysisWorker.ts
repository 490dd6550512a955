/**
 * Worker-thread entry point: fits one path or one CV fold. The design, target and fold ids
 * arrive as SharedArrayBuffers (the data is shared, not copied, between threads); results go
 * back as plain data; path progress goes through a MessagePort. Errors come back as
 * { name, message } so their kind survives the thread boundary.
 */
import type { MessagePort } from 'node:worker_threads';
import { move, transferableSymbol, valueSymbol } from 'piscina';
import { columnBuffers } from '../../shared/data/columnStore';
import type { FeatureGroup } from '../../shared/data/impute';
import { type FoldFit, fitFold } from '../../shared/solver/cv';
import { fitPath } from '../../shared/solver/path';
import type { PathOptions, PathResult } from '../../shared/solver/types';
import {
  type LoadedDataset,
  type LoadOptions,
  loadDatasetBytes,
  loadDatasetFile,
} from '../services/datasets';

export interface SharedProblem {
  n: number;
  p: number;
  values: SharedArrayBuffer;
  y: SharedArrayBuffer;
  foldid?: SharedArrayBuffer | undefined;
}

type ReadOptions = Omit<LoadOptions, 'onProgress' | 'signal'>;

export type WorkerTask =
  | (SharedProblem & {
      kind: 'path';
      options: Partial<PathOptions>;
      progress?: MessagePort | undefined;
    })
  | (SharedProblem & {
      kind: 'fold';
      fold: number;
      options: Partial<PathOptions>;
      alignTo: number[];
      impute?: FeatureGroup[] | undefined;
    })
  | { kind: 'loadFile'; path: string; options: ReadOptions; progress?: MessagePort | undefined }
  | { kind: 'loadBytes'; bytes: Uint8Array; fileName: string; options: ReadOptions }
  /** Answered at once: the thread is up (AnalysisPool.ready). */
  | { kind: 'ready' }
  /** Test hooks: burn CPU until terminated, or exhaust the worker's memory. */
  | { kind: 'spin' }
  | { kind: 'allocate' };

export type WorkerReply =
  | { ok: true; path: PathResult }
  | { ok: true; fold: FoldFit }
  | { ok: true; loaded: LoadedDataset }
  | { ok: true; ready: true }
  | { ok: false; error: { name: string; message: string } };

/**
 * The dataset's column buffers move to the main thread instead of being copied: each once, as
 * many columns share one (columnStore.ts), and the views arrive on the moved buffers.
 */
function moveDataset(loaded: LoadedDataset): WorkerReply {
  const buffers = columnBuffers(loaded.dataset.columns);
  return move({
    [transferableSymbol]: buffers,
    [valueSymbol]: { ok: true, loaded },
  } as never) as unknown as WorkerReply;
}

export default async function runTask(task: WorkerTask): Promise<WorkerReply> {
  try {
    if (task.kind === 'loadFile') {
      const loaded = await loadDatasetFile(task.path, {
        ...task.options,
        onProgress: (read, total) => task.progress?.postMessage([read, total]),
      });
      task.progress?.close();
      return moveDataset(loaded);
    }
    if (task.kind === 'loadBytes')
      return moveDataset(loadDatasetBytes(task.bytes, task.fileName, task.options));
    if (task.kind === 'ready') return { ok: true, ready: true };
    if (task.kind === 'spin') for (;;) Math.sqrt(Math.random());
    if (task.kind === 'allocate') {
      // JS arrays live on the V8 heap, which the worker's resource limit caps (typed
      // arrays' memory would not count).
      const hoard: number[][] = [];
      for (;;) hoard.push(Array.from({ length: 1 << 16 }, (_, i) => i + 0.5));
    }
    const design = { n: task.n, p: task.p, values: new Float64Array(task.values) };
    const y = new Float64Array(task.y);
    switch (task.kind) {
      case 'path': {
        const path = fitPath(design, y, task.options, (solved, total) => {
          task.progress?.postMessage([solved, total]);
          return false;
        });
        task.progress?.close();
        return { ok: true, path };
      }
      case 'fold': {
        const foldid = new Int32Array(task.foldid!);
        return {
          ok: true,
          fold: fitFold(design, y, foldid, task.fold, task.options, task.alignTo, task.impute),
        };
      }
    }
  } catch (error) {
    const { name, message } = error instanceof Error ? error : new Error(String(error));
    return { ok: false, error: { name, message } };
  }
}
