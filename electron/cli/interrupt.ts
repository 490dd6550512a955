/**
 * Stopping a CLI command on SIGINT/SIGTERM: the signal that cancels the job, reading on a
 * worker thread (so that this thread stays free to take the signal), and writing outputs so
 * that a cancelled command leaves none.
 */
import { unlink } from 'node:fs/promises';
import { SolverCancelledError } from '../../shared/solver/errors';
import type { LoadOptions } from '../services/datasets';
import { writeFileAtomic } from '../services/files';
import { AnalysisPool } from '../workers/analysisPool';

/** The first SIGINT or SIGTERM aborts the signal; which one it was sets the exit code. */
export function interruption(): {
  signal: AbortSignal;
  received: () => NodeJS.Signals | undefined;
  release: () => void;
} {
  const controller = new AbortController();
  let received: NodeJS.Signals | undefined;
  const onSignal = (name: NodeJS.Signals) => {
    received ??= name;
    controller.abort();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  return {
    signal: controller.signal,
    received: () => received,
    release: () => {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
    },
  };
}

/** Read the data file on a worker thread of `pool` (one of its own when none is given). */
export async function loadOnWorker(path: string, options: LoadOptions, pool?: AnalysisPool) {
  const reader = pool ?? new AnalysisPool({ threads: 1 });
  try {
    return await reader.loadFile(path, options);
  } finally {
    if (!pool) await reader.close();
  }
}

/**
 * Write the rendered outputs; a signal that arrives meanwhile removes what was written, so
 * that a cancelled command leaves no output file.
 */
export async function writeOutputs(
  outputs: [string, string][],
  signal: AbortSignal,
): Promise<void> {
  const written: string[] = [];
  for (const [path, content] of outputs) {
    if (signal.aborted) break;
    await writeFileAtomic(path, content);
    written.push(path);
  }
  if (signal.aborted) {
    await Promise.all(written.map((path) => unlink(path).catch(() => undefined)));
    throw new SolverCancelledError();
  }
}
