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
import { availableParallelism } from 'node:os';
import { analysisReport } from '../../shared/analysis/report';
import { analysisResult } from '../../shared/analysis/result';
import { analyze } from '../../shared/analysis/run';
import { DataError } from '../../shared/data/errors';
import { summarizeDataset } from '../../shared/data/summary';
import { markHidden } from '../../shared/report/unicode';
import { SolverCancelledError, SolverInputError } from '../../shared/solver/errors';
import type { LoadOptions } from '../services/datasets';
import { AnalysisPool } from '../workers/analysisPool';
import { parseFitArgs } from './fitArgs';
import { formatInspection, INSPECT_HELP, parseInspectArgs } from './inspect';
import { interruption, loadOnWorker } from './interrupt';
import { modelJson, selectIndex } from './outputs';
import { checkOutputTargets, writeOutputs } from './outputTargets';
import { runPredict } from './predict';
import { formatSummary, printWarnings } from './summary';
import { FIT_HELP, MAIN_HELP, UsageError } from './usage';

export interface CliIo {
  out: (text: string) => void;
  err: (text: string) => void;
}

const processIo: CliIo = {
  out: (text) => process.stdout.write(`${text}\n`),
  err: (text) => process.stderr.write(`${text}\n`),
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
  const { cv } = command.settings;
  // Everything heavy runs on worker threads (see the top of this file); folds in parallel
  // when there is CV. With CV the threads start while the file is read, so that the reported
  // fit and CV times are solver work only.
  const pool = new AnalysisPool({
    threads: cv ? Math.min(availableParallelism(), cv.nfolds) : 1,
    startThreads: Boolean(cv),
  });
  try {
    const [loaded] = await Promise.all([
      loadOnWorker(command.dataPath, { ...command.read, signal }, pool),
      cv && pool.ready(),
    ]);
    const result = await analyze(loaded.dataset, command.settings, { executor: pool, signal });
    const json = analysisResult(
      result,
      command.settings,
      {
        file: loaded.dataset.fileName,
        sha256: loaded.sha256,
        columnTypes: loaded.dataset.columnTypes,
        format: loaded.dataset.format,
      },
      { readSeconds: loaded.readSeconds },
    );
    printWarnings(result.warnings, io);
    // Render everything first, so a failure writes nothing at all.
    const index = selectIndex(json, command.select);
    const render: Record<string, () => string> = {
      json: () => `${JSON.stringify(json, null, 1)}\n`,
      report: () => analysisReport(result, json, index),
      model: () => `${JSON.stringify(modelJson(result, json, index), null, 1)}\n`,
    };
    const contents = new Map(targets.map((target) => [target, render[target.flag]!()]));
    await writeOutputs(targets, (target) => contents.get(target)!, io, { signal });
    if (targets.length === 0) io.out(formatSummary(json));
    return 0;
  } finally {
    await pool.close();
  }
}

/** The file's summary and fingerprint; its columns are released before any output is made. */
async function summarizeFile(path: string, read: LoadOptions) {
  const loaded = await loadOnWorker(path, read);
  return { summary: summarizeDataset(loaded.dataset), sha256: loaded.sha256 };
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
  const { summary, sha256 } = await summarizeFile(command.dataPath, { ...command.read, signal });
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
