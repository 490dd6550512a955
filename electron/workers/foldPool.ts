/**
 * Runs CV folds in parallel on a pool of worker threads (Piscina), sharing the data with
 * every worker through SharedArrayBuffers. Implements the FoldExecutor contract.
 */
import { availableParallelism } from 'node:os';
import { Piscina } from 'piscina';
import type { CvProblem, FoldExecutor, FoldTask } from '../../shared/analysis/folds';
import type { FoldFit } from '../../shared/solver/cv';
import { SolverCancelledError, SolverInputError } from '../../shared/solver/errors';
import type { FoldWorkerReply, FoldWorkerTask, SharedProblem } from './foldWorker';

export interface FoldPoolOptions {
  /** Worker threads; default: the cores available, at least 1. */
  threads?: number;
  /** The worker module (file URL or path) and Node flags to load it with. */
  workerFile?: string;
  execArgv?: string[];
}

/** From source (tests, CLI under tsx): the .ts worker, loaded through tsx. */
export function sourceWorker(): { workerFile: string; execArgv: string[] } {
  return {
    workerFile: new URL('./foldWorker.ts', import.meta.url).href,
    execArgv: ['--import', import.meta.resolve('tsx')],
  };
}

function share<T extends Float64Array | Int32Array>(array: T): SharedArrayBuffer {
  if (
    array.buffer instanceof SharedArrayBuffer &&
    array.byteOffset === 0 &&
    array.byteLength === array.buffer.byteLength
  ) {
    return array.buffer;
  }
  const buffer = new SharedArrayBuffer(array.byteLength);
  new Uint8Array(buffer).set(new Uint8Array(array.buffer, array.byteOffset, array.byteLength));
  return buffer;
}

export function shareProblem(problem: CvProblem): SharedProblem {
  return {
    n: problem.design.n,
    p: problem.design.p,
    values: share(problem.design.values),
    y: share(problem.y),
    foldid: share(problem.foldid),
  };
}

function rebuildError(error: { name: string; message: string }): Error {
  if (error.name === 'SolverInputError') return new SolverInputError(error.message);
  const rebuilt = new Error(error.message);
  rebuilt.name = error.name;
  return rebuilt;
}

export class FoldPool implements FoldExecutor {
  private readonly pool: Piscina<FoldWorkerTask, FoldWorkerReply>;

  constructor(options: FoldPoolOptions = {}) {
    const { workerFile, execArgv } = options.workerFile
      ? { workerFile: options.workerFile, execArgv: options.execArgv ?? [] }
      : sourceWorker();
    const threads = Math.max(1, options.threads ?? availableParallelism());
    this.pool = new Piscina({
      filename: workerFile,
      execArgv,
      minThreads: 0,
      maxThreads: threads,
      idleTimeout: 5_000,
    });
  }

  get threads(): number {
    return this.pool.options.maxThreads;
  }

  async runFolds(
    problem: CvProblem,
    tasks: readonly FoldTask[],
    onFoldDone?: (fit: FoldFit) => void,
    signal?: AbortSignal,
  ): Promise<FoldFit[]> {
    if (signal?.aborted) throw new SolverCancelledError();
    const shared = shareProblem(problem);
    // One controller for the whole job: the caller's cancel or the first failure stops every fold.
    const controller = new AbortController();
    const forward = () => controller.abort();
    signal?.addEventListener('abort', forward, { once: true });
    try {
      return await Promise.all(
        tasks.map(async (task) => {
          let reply: FoldWorkerReply;
          try {
            reply = await this.pool.run({ ...shared, ...task }, { signal: controller.signal });
          } catch (error) {
            if (signal?.aborted) throw new SolverCancelledError();
            if (controller.signal.aborted) throw error;
            throw new Error(
              `A worker thread failed while fitting fold ${task.fold + 1}: ${(error as Error).message}`,
            );
          }
          if (!reply.ok) throw rebuildError(reply.error);
          onFoldDone?.(reply.fit);
          return reply.fit;
        }),
      );
    } catch (error) {
      controller.abort();
      throw error;
    } finally {
      signal?.removeEventListener('abort', forward);
    }
  }

  async close(): Promise<void> {
    await this.pool.destroy();
  }
}
