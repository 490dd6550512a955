/**
 * Runs paths and CV folds on a pool of worker threads (Piscina). Each job's data is copied
 * once into SharedArrayBuffers that every task of the job reads. Cancelling a job settles its
 * tasks at once as cancelled and raises each task's stop flag, which the worker polls once per
 * λ; a thread that has not stopped after STOP_GRACE_MS is terminated. A thread that crashes or
 * runs out of memory fails only the task (and so the job) it was running, and Piscina starts a
 * replacement.
 *
 * Why not Piscina's own abort: it terminates the thread at once, and when the task's reply was
 * already posted, Piscina receives it for a task it has forgotten and emits `error` on the pool
 * ("Unexpected message from Worker"), which ended the process when nobody listened. Here
 * terminating is the rare fallback, and the pool's `error` events are always handled.
 */
import { availableParallelism } from 'node:os';
import {
  MessageChannel,
  type MessagePort,
  receiveMessageOnPort,
  type Worker,
} from 'node:worker_threads';
import { Piscina } from 'piscina';
import {
  type AnalysisExecutor,
  type CvProblem,
  type FoldTask,
  foldFailure,
  type PathProblem,
  type SubsampleTask,
  subsampleFailure,
} from '../../shared/analysis/executor';
import type { FittedModel } from '../../shared/analysis/model';
import type { AnalysisRun, RunHooks } from '../../shared/analysis/run';
import type { AnalysisSettings } from '../../shared/analysis/settings';
import type { Dataset } from '../../shared/data/dataset';
import type { FoldFit } from '../../shared/solver/cv';
import { SolverCancelledError } from '../../shared/solver/errors';
import type { SubsampleFit } from '../../shared/solver/stability';
import type { PathOptions, PathResult } from '../../shared/solver/types';
import type { DatasetLoader } from '../services/datasetService';
import type { LoadedDataset, LoadOptions } from '../services/datasets';
import type { ScoredFile, ScoredFormat } from '../services/scoring';
import type { WorkerReply, WorkerTask } from './analysisWorker';
import {
  fromThreadError,
  type PackedCoefficients,
  shareDataset,
  sharedProblemArrays,
  shareProblem,
  type ToMain,
  type ToWorker,
  threadError,
  unpackCoefficients,
} from './shared';

export interface AnalysisPoolOptions {
  /** Worker threads; default: the cores available minus one for the UI, at least 1. */
  threads?: number | undefined;
  /** The worker module (file URL or path) and the Node flags to load it with; default: from source via tsx. */
  workerFile?: string | undefined;
  execArgv?: string[] | undefined;
  /** Heap cap per worker thread, in MB (a job over it fails alone with an out-of-memory error). */
  maxHeapMb?: number | undefined;
  /** Start every thread now instead of on first use (a short-lived pool, like the CLI's). */
  startThreads?: boolean | undefined;
}

/** How long a cancelled task may take to see its stop flag before its thread is terminated. */
export const STOP_GRACE_MS = 250;

export function defaultThreads(): number {
  return Math.max(1, availableParallelism() - 1);
}

/** Defined by the CLI's bundle (electron/cli/bundle.mjs): its worker, relative to the bundle. */
declare const __BUNDLED_WORKER__: string | undefined;

/** From source (tests, the web host under tsx): the .ts worker, loaded through tsx; in the CLI's bundle, its bundled worker. */
function sourceWorker(): { workerFile: string; execArgv: string[] } {
  if (typeof __BUNDLED_WORKER__ === 'string') {
    return { workerFile: new URL(__BUNDLED_WORKER__, import.meta.url).href, execArgv: [] };
  }
  return {
    workerFile: new URL('./analysisWorker.ts', import.meta.url).href,
    execArgv: ['--import', import.meta.resolve('tsx')],
  };
}

/**
 * Hand every message still queued on a port to `handle`: a task's reply comes on another port,
 * so progress it posted before the reply may not have been delivered yet (a loaded machine
 * delivered a file's last progress after its result).
 */
function drainQueued(port: MessagePort, handle: (message: unknown) => void): void {
  for (let queued = receiveMessageOnPort(port); queued; queued = receiveMessageOnPort(port))
    handle(queued.message);
}

/** Tell the analysis worker that request `id`'s folds or subsamples are all in, or failed. */
function answerWhenSettled(
  id: number,
  work: Promise<unknown>,
  answer: (reply: ToWorker) => void,
): void {
  work.then(
    () => answer({ id, done: true }),
    (error: unknown) => answer({ id, error: threadError(error) }),
  );
}

function workerFailure(error: unknown, what: string): Error {
  const code = (error as { code?: string }).code;
  if (code === 'ERR_WORKER_OUT_OF_MEMORY') {
    return new Error(
      `The computation ran out of memory while ${what}. Try fewer features or rows, or close other analyses.`,
    );
  }
  return new Error(
    `A worker thread stopped unexpectedly while ${what}: ${(error as Error).message}`,
  );
}

export class AnalysisPool implements AnalysisExecutor, DatasetLoader {
  private readonly pool: Piscina<WorkerTask, WorkerReply>;
  /**
   * Threads for whole jobs: analyses (preparation, paths), reading and scoring files. Apart
   * from the fold threads: an analysis waits for its folds, and on the same threads it would
   * hold one that a fold needs.
   */
  private readonly analyses: Piscina<WorkerTask, WorkerReply>;
  /** Pool-level errors seen (a late reply of a terminated thread, a thread failing while idle). */
  strayErrors = 0;

  constructor(options: AnalysisPoolOptions = {}) {
    const source = options.workerFile
      ? { workerFile: options.workerFile, execArgv: options.execArgv ?? [] }
      : sourceWorker();
    const threads = Math.max(1, options.threads ?? defaultThreads());
    const pool = (minThreads: number) =>
      new Piscina<WorkerTask, WorkerReply>({
        filename: source.workerFile,
        execArgv: source.execArgv,
        minThreads,
        maxThreads: threads,
        idleTimeout: 10_000,
        ...(options.maxHeapMb && {
          resourceLimits: { maxOldGenerationSizeMb: options.maxHeapMb },
        }),
      });
    this.pool = pool(options.startThreads ? threads : 0);
    this.analyses = pool(options.startThreads ? 1 : 0);
    // No job is waiting for these: a late reply belongs to a task already settled as
    // cancelled, and Piscina replaces a thread that failed while idle.
    for (const each of [this.pool, this.analyses]) {
      each.on('error', () => {
        this.strayErrors++;
      });
    }
  }

  get threads(): number {
    return this.pool.options.maxThreads;
  }

  /** The worker threads alive now (for diagnostics and tests). */
  get workers(): readonly Worker[] {
    return this.pool.threads;
  }

  /**
   * Resolves once the threads have loaded the solver and answered, so that timings taken
   * afterwards measure work, not start-up (with startThreads, every thread).
   */
  async ready(): Promise<void> {
    await Promise.all([
      ...Array.from({ length: this.threads }, () =>
        this.run({ kind: 'ready' }, 'starting the worker threads'),
      ),
      this.run({ kind: 'ready' }, 'starting the worker threads', undefined, [], this.analyses),
    ]);
  }

  /**
   * Run one task; `what` describes it for error messages. A cancelled task rejects at once
   * with SolverCancelledError; its thread stops at its next check, or is terminated.
   */
  async run(
    task: WorkerTask,
    what: string,
    signal?: AbortSignal,
    transferList: (MessagePort | ArrayBuffer)[] = [],
    on: Piscina<WorkerTask, WorkerReply> = this.pool,
  ): Promise<WorkerReply> {
    if (signal?.aborted) throw new SolverCancelledError();
    const stop = new SharedArrayBuffer(4);
    const terminate = new AbortController();
    let overdue: NodeJS.Timeout | undefined;
    const running = on.run(
      { ...task, stop },
      { signal: terminate.signal, transferList: transferList as never },
    );
    // Once settled, the thread is free again: no termination is due.
    const settledRun = running.then(
      (reply) => ({ reply }),
      (error: unknown) => ({ error }),
    );
    void settledRun.then(() => clearTimeout(overdue));
    let onAbort = () => {};
    const cancelled = new Promise<{ cancelled: true }>((resolve) => {
      onAbort = () => {
        Atomics.store(new Int32Array(stop), 0, 1);
        overdue = setTimeout(() => terminate.abort(), STOP_GRACE_MS);
        overdue.unref();
        resolve({ cancelled: true });
      };
    });
    signal?.addEventListener('abort', onAbort, { once: true });
    try {
      const outcome = await Promise.race([settledRun, cancelled]);
      if ('cancelled' in outcome || signal?.aborted) throw new SolverCancelledError();
      if ('error' in outcome) throw workerFailure(outcome.error, what);
      if (!outcome.reply.ok) throw fromThreadError(outcome.reply.error);
      return outcome.reply;
    } finally {
      signal?.removeEventListener('abort', onAbort);
    }
  }

  /** Run a task that reports [done, total] through the MessagePort it is given. */
  private async runWithProgress(
    task: (progress: MessagePort) => WorkerTask,
    what: string,
    signal: AbortSignal | undefined,
    onProgress: ((done: number, total: number) => void) | undefined,
    on = this.pool,
  ): Promise<WorkerReply> {
    const { port1, port2 } = new MessageChannel();
    const report = ([done, total]: [number, number]) => onProgress?.(done, total);
    port1.on('message', report);
    try {
      const reply = await this.run(task(port2), what, signal, [port2], on);
      drainQueued(port1, (message) => report(message as [number, number]));
      return reply;
    } finally {
      port1.close();
    }
  }

  async runPath(
    problem: PathProblem,
    options: Partial<PathOptions>,
    onLambda?: (solved: number, total: number) => void,
    signal?: AbortSignal,
  ): Promise<PathResult> {
    if (signal?.aborted) throw new SolverCancelledError();
    const reply = await this.runWithProgress(
      (progress) => ({ kind: 'path', ...shareProblem(problem), options, progress }),
      'fitting the regularization path',
      signal,
      onLambda,
    );
    return (reply as { path: PathResult }).path;
  }

  async runFolds(
    problem: CvProblem,
    tasks: readonly FoldTask[],
    onFoldDone?: (fit: FoldFit) => void,
    signal?: AbortSignal,
  ): Promise<FoldFit[]> {
    if (signal?.aborted) throw new SolverCancelledError();
    const data = shareProblem(problem);
    // The caller's cancel or the first failure stops every fold: one listener for the job,
    // fanned out to each fold's own signal (a signal warns of a leak past 10 listeners, and a
    // CV may have any number of folds).
    const folds = tasks.map(() => new AbortController());
    const stopAll = () => {
      for (const fold of folds) fold.abort();
    };
    signal?.addEventListener('abort', stopAll, { once: true });
    try {
      return await Promise.all(
        tasks.map(async (task, index) => {
          const reply = await this.run(
            { kind: 'fold', ...data, ...task },
            `fitting fold ${task.label}`,
            folds[index]!.signal,
          ).catch((error: unknown) => {
            throw foldFailure(error, task);
          });
          const fit = (reply as { fold: FoldFit }).fold;
          onFoldDone?.(fit);
          return fit;
        }),
      );
    } catch (error) {
      stopAll();
      if (signal?.aborted) throw new SolverCancelledError();
      throw error;
    } finally {
      signal?.removeEventListener('abort', stopAll);
    }
  }

  /**
   * Stability selection's subsamples in parallel, cancelled and failing together as folds are.
   * Unlike folds (at most a few dozen), there may be a thousand: only one per thread is handed
   * to Piscina at a time, so a cancel has at most `threads` tasks to stop (with hundreds
   * queued, the threads terminated by a cancel were not replaced and the next job waited
   * forever).
   */
  async runSubsamples(
    problem: PathProblem,
    tasks: readonly SubsampleTask[],
    onDone?: (fit: SubsampleFit) => void,
    signal?: AbortSignal,
  ): Promise<SubsampleFit[]> {
    if (signal?.aborted) throw new SolverCancelledError();
    const data = shareProblem(problem);
    const stop = new AbortController();
    const stopAll = () => stop.abort();
    signal?.addEventListener('abort', stopAll, { once: true });
    const fits: SubsampleFit[] = new Array(tasks.length);
    let next = 0;
    const runner = async () => {
      while (next < tasks.length && !stop.signal.aborted) {
        const task = tasks[next++]!;
        const reply = await this.run(
          { kind: 'subsample', ...data, ...task },
          `fitting stability subsample ${task.index + 1}`,
          stop.signal,
        ).catch((error: unknown) => {
          throw subsampleFailure(error, task);
        });
        const fit = (reply as { subsample: SubsampleFit }).subsample;
        fits[tasks.indexOf(task)] = fit;
        onDone?.(fit);
      }
    };
    try {
      await Promise.all(Array.from({ length: Math.min(this.threads, tasks.length) }, runner));
      if (stop.signal.aborted) throw new SolverCancelledError();
      return fits;
    } catch (error) {
      stopAll();
      if (signal?.aborted) throw new SolverCancelledError();
      throw error;
    } finally {
      signal?.removeEventListener('abort', stopAll);
    }
  }

  /**
   * The whole analysis on a worker thread, so that the caller's event loop stays free: the
   * dataset's columns move into shared memory (once), the worker prepares the design and
   * fits the paths, and sends its CV folds back here to run in parallel on the pool.
   */
  async runAnalysis(
    dataset: Dataset,
    settings: AnalysisSettings,
    { onProgress, signal }: Omit<RunHooks, 'executor'> = {},
  ): Promise<AnalysisRun> {
    if (signal?.aborted) throw new SolverCancelledError();
    await shareDataset(dataset);
    const { port1, port2 } = new MessageChannel();
    // Paths the analysis asked for on the side (runPathAside), each cancellable on its own.
    const aside = new Map<number, AbortController>();
    const onMessage = (message: ToMain) => {
      if (message.type === 'progress') {
        onProgress?.(message.progress);
        return;
      }
      const { id } = message;
      const answer = (reply: ToWorker) => port1.postMessage(reply);
      if (message.type === 'cancel') {
        aside.get(id)?.abort();
        return;
      }
      if (message.type === 'path') {
        const stop = new AbortController();
        aside.set(id, stop);
        const stopAside = () => stop.abort();
        signal?.addEventListener('abort', stopAside, { once: true });
        const { design, y } = sharedProblemArrays(message.problem);
        const fitted = this.runPath({ design, y }, message.options, undefined, stop.signal)
          .then((path) => answer({ id, path }))
          .finally(() => {
            aside.delete(id);
            signal?.removeEventListener('abort', stopAside);
          });
        answerWhenSettled(id, fitted, answer);
        return;
      }
      if (message.type === 'subsamples') {
        const { design, y } = sharedProblemArrays(message.problem);
        answerWhenSettled(
          id,
          this.runSubsamples(
            { design, y },
            message.tasks,
            (subsample) => answer({ id, subsample }),
            signal,
          ),
          answer,
        );
        return;
      }
      answerWhenSettled(
        id,
        this.runFolds(
          sharedProblemArrays(message.problem),
          message.tasks,
          (fit) => answer({ id, fit }),
          signal,
        ),
        answer,
      );
    };
    port1.on('message', onMessage);
    try {
      const reply = await this.run(
        { kind: 'analysis', dataset, settings, channel: port2 },
        'preparing and fitting the analysis',
        signal,
        [port2],
        this.analyses,
      );
      drainQueued(port1, (message) => onMessage(message as ToMain));
      const { analysis, pathBeta } = reply as {
        analysis: AnalysisRun;
        pathBeta: PackedCoefficients;
      };
      return { ...analysis, path: { ...analysis.path, beta: unpackCoefficients(pathBeta) } };
    } finally {
      // A path on the side still running belongs to nobody now.
      for (const stop of aside.values()) stop.abort();
      port1.close();
    }
  }

  /**
   * Read and parse a file on a worker thread; its columns are transferred back, not copied.
   * With `summarize` (the app's datasets) the thread summarizes it too; a CLI fit, which never
   * shows the summary, is spared that pass over every column.
   */
  async loadFile(
    path: string,
    options: LoadOptions = {},
    summarize = true,
  ): Promise<LoadedDataset> {
    const { onProgress, signal, ...read } = options;
    if (signal?.aborted) throw new SolverCancelledError('Loading the file was cancelled.');
    const reply = await this.runWithProgress(
      (progress) => ({ kind: 'loadFile', path, options: read, progress, summarize }),
      'reading the file',
      signal,
      onProgress,
      this.analyses,
    );
    return (reply as { loaded: LoadedDataset }).loaded;
  }

  /** Score a CSV or Parquet file with a model on a worker thread (see services/scoring). */
  async scoreFile(
    model: FittedModel,
    path: string,
    options: LoadOptions = {},
    threshold?: number,
    format?: ScoredFormat,
  ): Promise<ScoredFile> {
    const { onProgress, signal, ...read } = options;
    const reply = await this.runWithProgress(
      (progress) => ({
        kind: 'scoreFile',
        model,
        path,
        options: read,
        threshold,
        format,
        progress,
      }),
      'scoring the file',
      signal,
      onProgress,
      this.analyses,
    );
    return (reply as { scored: ScoredFile }).scored;
  }

  async loadBytes(
    bytes: Uint8Array,
    fileName: string,
    options: LoadOptions = {},
  ): Promise<LoadedDataset> {
    const { onProgress: _progress, signal, ...read } = options;
    // Hand over a buffer that holds exactly these bytes; a view into a shared or pooled buffer is copied.
    const whole =
      bytes.byteOffset === 0 &&
      bytes.byteLength === bytes.buffer.byteLength &&
      bytes.buffer instanceof ArrayBuffer;
    const owned = whole ? bytes : bytes.slice();
    const reply = await this.run(
      { kind: 'loadBytes', bytes: owned, fileName, options: read },
      'reading the file',
      signal,
      [owned.buffer as ArrayBuffer],
      this.analyses,
    );
    return (reply as { loaded: LoadedDataset }).loaded;
  }

  async close(): Promise<void> {
    await Promise.all([this.pool.destroy(), this.analyses.destroy()]);
  }
}
