/**
 * Shrinkage's headless command line: the same services as the app, without a window.
 *
 *   npm run --silent cli -- fit --data FILE --target COLUMN [options]
 *
 * Exit codes: 0 success, 1 data or fitting error, 2 usage error, 130/143 stopped by
 * SIGINT/SIGTERM. Errors are one `error:` line on stderr, warnings `warning:` lines; set
 * SHRINKAGE_DEBUG=1 for stack traces.
 *
 * Stopping: reading, preparing and fitting run on worker threads, so this thread is always
 * free to take a signal, cancel the job within a second, say so once and exit. Signals are
 * handled for the whole command, and repeats ignored: Ctrl-C in a terminal reaches every
 * process of the group (npm, sh, tsx, node) and tsx relays it again, and a second SIGINT
 * arriving after the first handler was gone used to end the process silently. `npm run cli`
 * enters through start.mjs, which notes a signal from its first line, while this loads.
 */
import { stat } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { basename } from 'node:path';
import { analysisReport } from '../../shared/analysis/report';
import { type AnalysisResult, analysisResult } from '../../shared/analysis/result';
import { analyze } from '../../shared/analysis/run';
import { DataError } from '../../shared/data/errors';
import { summarizeDataset } from '../../shared/data/summary';
import { markHidden } from '../../shared/report/unicode';
import { SolverCancelledError, SolverInputError } from '../../shared/solver/errors';
import type { LoadOptions } from '../services/datasets';
import {
  describeBudget,
  formatBytes,
  type MemoryBudget,
  memoryBudget,
} from '../services/memoryBudget';
import { estimatedMemoryBytes, sampleFileShape, streamingFit } from '../services/streamingFit';
import { AnalysisPool } from '../workers/analysisPool';
import { type FitCommand, parseFitArgs } from './fitArgs';
import { formatInspection, INSPECT_HELP, parseInspectArgs } from './inspect';
import { interruption, loadOnWorker } from './interrupt';
import {
  describeInterpolation,
  interpolatedPoint,
  modelJson,
  offGridValue,
  selectIndex,
  sequenceWith,
} from './outputs';
import { checkOutputTargets, writeOutputs } from './outputTargets';
import { runPredict } from './predict';
import { NO_PROGRESS, type Progress, processProgress, readingProgress } from './progress';
import { formatSummary, printWarnings } from './summary';
import { FIT_HELP, MAIN_HELP, UsageError } from './usage';

export interface CliIo {
  out: (text: string) => void;
  err: (text: string) => void;
  /** The progress line (progress.ts); none when absent. */
  progress?: Progress | undefined;
}

const processProgressLine = processProgress();
const processIo: CliIo = {
  out: (text) => {
    processProgressLine.clear();
    process.stdout.write(`${text}\n`);
  },
  err: (text) => {
    processProgressLine.clear();
    process.stderr.write(`${text}\n`);
  },
  progress: processProgressLine,
};

async function runFit(argv: string[], io: CliIo, signal: AbortSignal): Promise<number> {
  const command = parseFitArgs(argv);
  if (command.help) {
    io.out(FIT_HELP);
    return 0;
  }
  const targets = await checkOutputTargets(
    [{ flag: 'data', path: command.dataPath }],
    [
      { flag: 'json', path: command.jsonPath },
      { flag: 'report', path: command.reportPath },
      { flag: 'model', path: command.modelPath },
    ],
  );
  // Without --memory-limit the budget is SHRINKAGE_MEMORY_LIMIT or half of memory
  // (memoryBudget.ts), so a file that does not fit streams, or is refused, before it is loaded.
  const budget = memoryBudget(command.memoryLimit);
  // A file that cannot be stat'ed cannot be read either: the reader says why, in its words.
  const size = await stat(command.dataPath).then(
    (stats) => stats.size,
    () => undefined,
  );
  const memory =
    size === undefined
      ? undefined
      : {
          neededBytes: estimatedMemoryBytes(size, {
            ...(await sampleFileShape(command.dataPath)),
            folds: command.settings.cv?.nfolds,
            nlambda: command.settings.nlambda,
          }),
          limitBytes: budget.bytes,
          limitSource: budget.source,
        };
  if (memory && memory.neededBytes > budget.bytes)
    return runStreamingFit(command, targets, memory, budget, io, signal);
  const { cv } = command.settings;
  const progress = io.progress ?? NO_PROGRESS;
  // Everything heavy runs on worker threads (see the top of this file); folds in parallel
  // when there is CV. With CV the threads start while the file is read, so that the reported
  // fit and CV times are solver work only; so does a binomial or Poisson fit's, whose
  // certificate polishes on it beside the fit (certify.ts, startPolishedCopy).
  const warmPool = Boolean(cv) || (command.settings.family ?? 'gaussian') !== 'gaussian';
  const pool = new AnalysisPool({
    threads: cv ? Math.min(availableParallelism(), cv.nfolds) : 1,
    startThreads: warmPool,
  });
  try {
    const [loaded] = await Promise.all([
      loadOnWorker(
        command.dataPath,
        {
          ...command.read,
          signal,
          onProgress: readingProgress(progress, 'reading', basename(command.dataPath)),
        },
        pool,
      ),
      warmPool && pool.ready(),
    ]);
    const data = {
      file: loaded.dataset.fileName,
      sha256: loaded.sha256,
      columnTypes: loaded.dataset.columnTypes,
      format: loaded.dataset.format,
    };
    const hooks = {
      executor: pool,
      signal,
      onProgress: ({ fraction, message }: { fraction: number; message: string }) =>
        progress.show(message, fraction),
    };
    let settings = command.settings;
    let result = await analyze(loaded.dataset, settings, hooks);
    let json = withMemory(
      analysisResult(result, settings, data, { readSeconds: loaded.readSeconds }),
      memory,
    );
    let offGrid = offGridValue(json, command.select);
    if (offGrid !== null && command.exact) {
      // predict.glmnet(exact = TRUE): refit with the value inserted into the λ sequence.
      io.err(`--exact: refitting with λ = ${offGrid} inserted into the path's λ sequence.`);
      settings = { ...settings, lambda: sequenceWith(json.path.lambda, offGrid) };
      result = await analyze(loaded.dataset, settings, hooks);
      json = withMemory(
        analysisResult(result, settings, data, { readSeconds: loaded.readSeconds }),
        memory,
      );
      offGrid = offGridValue(json, command.select);
    }
    printWarnings(result.warnings, io);
    // Render everything first, so a failure writes nothing at all.
    if (targets.length > 0)
      progress.show(`writing ${targets.map((t) => `--${t.flag}`).join(', ')}`);
    const index = selectIndex(json, command.select);
    const point = offGrid === null ? undefined : interpolatedPoint(json, offGrid);
    if (point) io.err(describeInterpolation(point, json.path.lambda.at(-1)!, json.path.lambda[0]!));
    const run = result;
    const render: Record<string, () => string> = {
      json: () => `${JSON.stringify(json, null, 1)}\n`,
      report: () => analysisReport(run, json, index, point),
      model: () => `${JSON.stringify(modelJson(run, json, index, point), null, 1)}\n`,
    };
    const contents = new Map(targets.map((target) => [target, render[target.flag]!()]));
    await writeOutputs(targets, (target) => contents.get(target)!, io, { signal });
    progress.clear();
    if (targets.length === 0) io.out(formatSummary(json));
    return 0;
  } finally {
    progress.clear();
    await pool.close();
  }
}

/** The message every streamed fit prints, so that it is clear which mode ran. */
export const STREAMING_NOTE =
  'streaming mode: sufficient statistics (the data were not held in memory)';

/**
 * A file too large for --memory-limit: streamed into sufficient statistics on this thread (its
 * work is reading, in 4 MiB chunks between which a signal is taken).
 */
async function runStreamingFit(
  command: FitCommand,
  targets: Awaited<ReturnType<typeof checkOutputTargets>>,
  memory: MemoryDiagnostics,
  budget: MemoryBudget,
  io: CliIo,
  signal: AbortSignal,
): Promise<number> {
  const over = `about ${formatBytes(memory.neededBytes)}, over ${describeBudget(budget)}`;
  const rowOutput = targets.find((target) => target.flag !== 'json');
  if (rowOutput) {
    throw new UsageError(
      `--${rowOutput.flag} needs the data in memory (${over}); write --json or the summary, or raise --memory-limit.`,
    );
  }
  if (command.settings.family !== 'gaussian') {
    throw new DataError(
      `The ${command.settings.family} family needs its data in memory (${over}); only gaussian fits can stream.`,
      {},
      'Raise --memory-limit if the machine has the memory, or fit a sample of the rows.',
    );
  }
  io.err(`${STREAMING_NOTE}: ${over}`);
  const progress = io.progress ?? NO_PROGRESS;
  let streamed: Awaited<ReturnType<typeof streamingFit>>;
  try {
    streamed = await streamingFit({
      path: command.dataPath,
      settings: command.settings,
      delimiter: command.read.delimiter,
      missingMarkers: command.read.missingMarkers,
      signal,
      onProgress: (fraction, message) => progress.show(message, fraction),
    });
  } finally {
    progress.clear();
  }
  const result = withMemory(streamed.result, memory);
  printWarnings(result.diagnostics.warnings, io);
  const json = `${JSON.stringify(result, null, 1)}\n`;
  await writeOutputs(targets, () => json, io, { signal });
  if (targets.length === 0) io.out(formatSummary(result));
  return 0;
}

type MemoryDiagnostics = NonNullable<AnalysisResult['diagnostics']['memory']>;

/** The result with why its mode ran (diagnostics.memory). */
function withMemory(result: AnalysisResult, memory: MemoryDiagnostics | undefined): AnalysisResult {
  if (!memory) return result;
  return { ...result, diagnostics: { ...result.diagnostics, memory } };
}

/** The file's summary and fingerprint; its columns are released before any output is made. */
async function summarizeFile(path: string, read: LoadOptions, progress: Progress) {
  const loaded = await loadOnWorker(
    path,
    { ...read, onProgress: readingProgress(progress, 'reading', basename(path)) },
    undefined,
    true,
  );
  progress.clear();
  return { summary: loaded.summary ?? summarizeDataset(loaded.dataset), sha256: loaded.sha256 };
}

async function runInspect(argv: string[], io: CliIo, signal: AbortSignal): Promise<number> {
  const command = parseInspectArgs(argv);
  if (command.help) {
    io.out(INSPECT_HELP);
    return 0;
  }
  const [target] = await checkOutputTargets(
    [{ flag: 'data', path: command.dataPath }],
    [{ flag: 'json', path: command.jsonPath }],
  );
  const progress = io.progress ?? NO_PROGRESS;
  let summarized: Awaited<ReturnType<typeof summarizeFile>>;
  try {
    summarized = await summarizeFile(command.dataPath, { ...command.read, signal }, progress);
  } finally {
    progress.clear();
  }
  const { summary, sha256 } = summarized;
  if (signal.aborted) throw new SolverCancelledError();
  printWarnings(summary.warnings, io);
  if (target) {
    const content = `${JSON.stringify({ ...summary, sha256 }, null, 1)}\n`;
    await writeOutputs([target], () => content, io, { signal });
  } else {
    io.out(formatInspection(summary));
  }
  return 0;
}

/** What each command stops, for its `cancelled:` line. */
const STOPPED: Record<string, string> = {
  fit: 'the fit was stopped',
  inspect: 'reading the file was stopped',
  predict: 'scoring was stopped',
};

export async function runCli(
  argv: string[],
  io: CliIo = processIo,
  early?: NodeJS.Signals,
): Promise<number> {
  const [command, ...rest] = argv;
  const { signal, received, release } = interruption(early);
  try {
    switch (command) {
      case 'fit':
        return await runFit(rest, io, signal);
      case 'inspect':
        return await runInspect(rest, io, signal);
      case 'predict':
        return await runPredict(rest, io, signal);
      case undefined:
      case '--help':
      case '-h':
      case 'help':
        io.out(MAIN_HELP);
        return command === undefined ? 2 : 0;
      default:
        throw new UsageError(`Unknown command '${command}'. Try 'npm run cli -- fit --help'.`);
    }
  } catch (error) {
    if (signal.aborted) {
      io.err(
        `cancelled: ${STOPPED[command!] ?? 'the command was stopped'} and no output was written.`,
      );
      return received() === 'SIGTERM' ? 143 : 130;
    }
    return reportError(error, io);
  } finally {
    release();
  }
}

function reportError(error: unknown, io: CliIo): number {
  if (process.env.SHRINKAGE_DEBUG && error instanceof Error) io.err(error.stack ?? String(error));
  if (error instanceof UsageError) {
    io.err(`error: ${markHidden(error.message)}`);
    return 2;
  }
  if (error instanceof DataError || error instanceof SolverInputError) {
    io.err(`error: ${markHidden(error.message)}`);
    return 1;
  }
  const message = error instanceof Error ? error.message : String(error);
  io.err(
    `error: unexpected failure: ${message}. Please report it with the command you ran (set SHRINKAGE_DEBUG=1 for details).`,
  );
  return 1;
}

/**
 * Run as the process's command: its exit code, and exit at once when stopped by a signal.
 * `early` is a signal that arrived before the CLI's modules had loaded (start.mjs).
 */
export function runAsCommand(argv: string[], early?: NodeJS.Signals): void {
  runCli(argv, processIo, early).then((code) => {
    // Stopped by a signal: everything is cleaned up and said; exit before a repeat of the
    // signal can arrive (it would find no handler) and before anything can keep us up.
    if (code === 130 || code === 143) process.exit(code);
    process.exitCode = code;
  });
}

const invokedDirectly =
  process.argv[1] !== undefined && import.meta.url.endsWith(process.argv[1].replace(/\\/g, '/'));
if (invokedDirectly) runAsCommand(process.argv.slice(2));
