/**
 * Stopping a CLI command on SIGINT/SIGTERM: the signal that cancels the job, reading on a
 * worker thread (so that this thread stays free to take the signal). Outputs written while a
 * signal arrives are removed by writeOutputs (outputTargets.ts).
 */
import type { LoadOptions } from '../services/datasets';
import { AnalysisPool } from '../workers/analysisPool';

/**
 * The first SIGINT or SIGTERM aborts the signal; which one it was sets the exit code. `early`
 * is one that arrived before this was called (start.mjs notes those): the signal starts aborted.
 */
export function interruption(early?: NodeJS.Signals): {
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
  if (early) onSignal(early);
  return {
    signal: controller.signal,
    received: () => received,
    release: () => {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
    },
  };
}

/**
 * Read the data file on a worker thread of `pool` (one of its own when none is given); with
 * `summarize`, the worker also summarizes it (LoadedDataset.summary).
 */
export async function loadOnWorker(
  path: string,
  options: LoadOptions,
  pool?: AnalysisPool,
  summarize = false,
) {
  const reader = pool ?? new AnalysisPool({ threads: 1 });
  try {
    return await reader.loadFile(path, options, summarize);
  } finally {
    if (!pool) await reader.close();
  }
}
