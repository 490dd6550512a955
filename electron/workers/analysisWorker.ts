/**
 * Worker-thread entry point: runs a whole analysis (design preparation, path; its CV folds go
 * back to the pool through the analysis's channel), or fits one path or one CV fold, or reads
 * a file. The design, target, fold ids and dataset columns arrive as SharedArrayBuffers (the
 * data is shared, not copied, between threads); results go back as plain data with their
 * typed arrays transferred; progress goes through a MessagePort. Errors come back as data
 * (threadError) so their kind survives the thread boundary.
 */
import type { MessagePort } from 'node:worker_threads';
import { move, transferableSymbol, valueSymbol } from 'piscina';
import type { AnalysisExecutor, FoldTask, SubsampleTask } from '../../shared/analysis/executor';
import type { FittedModel } from '../../shared/analysis/model';
import { type AnalysisRun, runAnalysis } from '../../shared/analysis/run';
import type { AnalysisSettings } from '../../shared/analysis/settings';
import type { Dataset } from '../../shared/data/dataset';
import { type FeatureGroup, imputeWithinFold } from '../../shared/data/impute';
import { summarizeDataset } from '../../shared/data/summary';
import { type FoldFit, fitFold } from '../../shared/solver/cv';
import { SolverCancelledError } from '../../shared/solver/errors';
import { fitPath } from '../../shared/solver/path';
import { fitSubsample, type SubsampleFit } from '../../shared/solver/stability';
import type { PathOptions, PathResult } from '../../shared/solver/types';
import {
  type LoadedDataset,
  type LoadOptions,
  loadAnyDatasetBytes,
  loadDatasetFile,
} from '../services/datasets';
import { type ScoredFile, type ScoredFormat, scoreFile } from '../services/scoring';
import {
  fromThreadError,
  inSharedMemory,
  type PackedCoefficients,
  packCoefficients,
  type SharedProblem,
  sharedFoldFit,
  shareProblem,
  type ThreadError,
  type ToMain,
  type ToWorker,
  threadError,
  transferables,
} from './shared';

type ReadOptions = Omit<LoadOptions, 'onProgress' | 'signal'>;

/**
 * A task, with the flag its caller sets to cancel it: the worker polls it (once per λ, per
 * file chunk) and answers SolverCancelledError, so a cancelled task ends with an ordinary
 * reply instead of a terminated thread.
 */
export type WorkerTask = TaskBody & { stop?: SharedArrayBuffer | undefined };

type TaskBody =
  | { kind: 'analysis'; dataset: Dataset; settings: AnalysisSettings; channel: MessagePort }
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
      relax?: boolean | undefined;
    })
  | (SharedProblem & {
      kind: 'subsample';
      index: number;
      rows: Int32Array;
      options: Partial<PathOptions>;
      lambda: number[];
    })
  | {
      kind: 'loadFile';
      path: string;
      options: ReadOptions;
      progress?: MessagePort | undefined;
      /** Whether to summarize the dataset too (LoadedDataset.summary). */
      summarize: boolean;
    }
  | { kind: 'loadBytes'; bytes: Uint8Array; fileName: string; options: ReadOptions }
  | {
      kind: 'scoreFile';
      model: FittedModel;
      path: string;
      options: ReadOptions;
      threshold?: number | undefined;
      progress?: MessagePort | undefined;
      format?: ScoredFormat | undefined;
    }
  /** Answered at once: the thread is up (AnalysisPool.ready). */
  | { kind: 'ready' }
  /** Test hooks: burn CPU until terminated, or exhaust the worker's memory. */
  | { kind: 'spin' }
  | { kind: 'allocate' };

export type WorkerReply =
  | {
      ok: true;
      /** Its path's beta is empty: the coefficients travel packed (packCoefficients). */
      analysis: AnalysisRun;
      pathBeta: PackedCoefficients;
    }
  | { ok: true; path: PathResult }
  | { ok: true; fold: FoldFit }
  | { ok: true; subsample: SubsampleFit }
  | { ok: true; loaded: LoadedDataset }
  | { ok: true; scored: ScoredFile }
  | { ok: true; ready: true }
  | { ok: false; error: ThreadError };

/** The reply with its typed arrays' buffers moved to the main thread instead of copied. */
/** A read dataset with its summary, made here: on a large file it would hold the main thread. */
function summarized(loaded: LoadedDataset): LoadedDataset {
  return { ...loaded, summary: summarizeDataset(loaded.dataset) };
}

function moved(reply: WorkerReply): WorkerReply {
  return move({
    [transferableSymbol]: transferables(reply),
    [valueSymbol]: reply,
  } as never) as unknown as WorkerReply;
}

/**
 * The executor of an analysis on this thread: its paths are fitted here, its CV folds are
 * sent to the main thread, which runs them on the pool in parallel and sends each fit back.
 */
function workerExecutor(channel: MessagePort, stopped: () => boolean): AnalysisExecutor {
  let nextId = 0;
  // Each request to the main thread: what to do with each fit it sends back, and its end.
  const waiting = new Map<
    number,
    {
      accept: (message: ToWorker) => void;
      resolve: () => void;
      reject: (error: Error) => void;
    }
  >();
  channel.on('message', (message: ToWorker) => {
    const request = waiting.get(message.id);
    if (!request) return;
    if ('fit' in message || 'subsample' in message || 'path' in message) {
      request.accept(message);
      return;
    }
    waiting.delete(message.id);
    if ('error' in message) request.reject(fromThreadError(message.error));
    else request.resolve();
  });
  // The main thread closes the channel when it gave up on the analysis (cancelled).
  channel.on('close', () => {
    for (const request of waiting.values()) request.reject(new SolverCancelledError());
    waiting.clear();
  });
  const ask = <T>(
    request: (id: number) => ToMain,
    accept: (message: ToWorker, results: T[]) => void,
  ): Promise<T[]> => {
    if (stopped()) return Promise.reject(new SolverCancelledError());
    const id = nextId++;
    const results: T[] = [];
    return new Promise((resolve, reject) => {
      waiting.set(id, {
        accept: (message) => accept(message, results),
        resolve: () => resolve(results),
        reject,
      });
      channel.postMessage(request(id));
    });
  };
  return {
    async runPath(problem, options, onLambda) {
      if (stopped()) throw new SolverCancelledError();
      return fitPath(problem.design, problem.y, options, (solved, total) => {
        onLambda?.(solved, total);
        return stopped();
      });
    },
    async runPathAside(problem, options, signal) {
      if (signal.aborted) throw new SolverCancelledError();
      let id = -1;
      const cancel = () => channel.postMessage({ type: 'cancel', id } as ToMain);
      const fitted = ask<PathResult>(
        (request) => {
          id = request;
          return { type: 'path', id, problem: shareProblem(problem), options };
        },
        (message, paths) => {
          if ('path' in message) paths.push(message.path);
        },
      );
      signal.addEventListener('abort', cancel, { once: true });
      try {
        const [path] = await fitted;
        return path!;
      } finally {
        signal.removeEventListener('abort', cancel);
      }
    },
    runFolds(problem, tasks: readonly FoldTask[], onFoldDone) {
      return ask<FoldFit>(
        (id) => ({ type: 'folds', id, problem: shareProblem(problem), tasks: [...tasks] }),
        (message, fits) => {
          if (!('fit' in message)) return;
          fits[tasks.findIndex((t) => t.fold === message.fit.fold)] = message.fit;
          onFoldDone?.(message.fit);
        },
      );
    },
    runSubsamples(problem, tasks: readonly SubsampleTask[], onDone) {
      return ask<SubsampleFit>(
        (id) => ({ type: 'subsamples', id, problem: shareProblem(problem), tasks: [...tasks] }),
        (message, fits) => {
          if (!('subsample' in message)) return;
          fits[tasks.findIndex((t) => t.index === message.subsample.index)] = message.subsample;
          onDone?.(message.subsample);
        },
      );
    },
  };
}

export default async function runTask(task: WorkerTask): Promise<WorkerReply> {
  const flag = task.stop ? new Int32Array(task.stop) : undefined;
  const stopped = () => flag !== undefined && Atomics.load(flag, 0) === 1;
  try {
    if (stopped()) throw new SolverCancelledError();
    if (task.kind === 'analysis') {
      const { channel } = task;
      try {
        const analysis = await runAnalysis(task.dataset, task.settings, {
          executor: workerExecutor(channel, stopped),
          onProgress: (progress) => channel.postMessage({ type: 'progress', progress } as ToMain),
        });
        return moved({
          ok: true,
          analysis: { ...analysis, path: { ...analysis.path, beta: [] } },
          pathBeta: packCoefficients(analysis.path.beta),
        });
      } finally {
        channel.close();
      }
    }
    // Reading polls the stop flag once per chunk.
    const cancel = new AbortController();
    const reading = (progress?: MessagePort) => ({
      signal: cancel.signal,
      onProgress: (read: number, total: number) => {
        if (stopped()) cancel.abort();
        progress?.postMessage([read, total]);
      },
    });
    if (task.kind === 'loadFile') {
      const loaded = await loadDatasetFile(task.path, {
        ...task.options,
        ...reading(task.progress),
      });
      task.progress?.close();
      return moved({ ok: true, loaded: task.summarize ? summarized(loaded) : loaded });
    }
    if (task.kind === 'scoreFile') {
      const scored = await scoreFile(
        task.model,
        task.path,
        { ...task.options, ...reading(task.progress) },
        task.threshold,
        task.format,
      );
      task.progress?.close();
      return { ok: true, scored };
    }
    if (task.kind === 'loadBytes')
      return moved({
        ok: true,
        loaded: summarized(await loadAnyDatasetBytes(task.bytes, task.fileName, task.options)),
      });
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
          return stopped();
        });
        task.progress?.close();
        return { ok: true, path };
      }
      case 'fold': {
        const foldid = new Int32Array(task.foldid!);
        const fit = fitFold(
          design,
          y,
          foldid,
          task.fold,
          task.options,
          task.alignTo,
          task.impute && imputeWithinFold(task.impute),
          stopped,
          task.relax === true,
        );
        return { ok: true, fold: sharedFoldFit(fit) };
      }
      case 'subsample': {
        const fit = fitSubsample(
          design,
          y,
          task.index,
          task.rows,
          task.options,
          task.lambda,
          stopped,
        );
        return { ok: true, subsample: { ...fit, nonzero: inSharedMemory(fit.nonzero) } };
      }
    }
  } catch (error) {
    return { ok: false, error: threadError(error) };
  }
}
