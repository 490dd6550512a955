/**
 * Shrinkage's headless command line: the same services as the app, without a window.
 *
 *   npm run --silent cli -- fit --data FILE --target COLUMN [options]
 *
 * Exit codes: 0 success, 1 data or fitting error, 2 usage error. Errors are one `error:` line
 * on stderr, warnings `warning:` lines; set SHRINKAGE_DEBUG=1 for stack traces.
 */
import { availableParallelism } from 'node:os';
import { analysisReport } from '../../shared/analysis/report';
import { runAnalysis } from '../../shared/analysis/run';
import { DataError } from '../../shared/data/errors';
import { summarizeDataset } from '../../shared/data/summary';
import { resultJson } from '../../shared/report/resultJson';
import { SolverCancelledError, SolverInputError } from '../../shared/solver/errors';
import { type LoadOptions, loadDatasetFile } from '../services/datasets';
import { AnalysisPool } from '../workers/analysisPool';
import { parseFitArgs } from './fitArgs';
import { formatInspection, INSPECT_HELP, parseInspectArgs } from './inspect';
import { modelJson, selectIndex } from './outputs';
import { checkOutputTargets, writeOutputs } from './outputTargets';
import { runPredict } from './predict';
import { formatSummary } from './summary';
import { FIT_HELP, MAIN_HELP, UsageError } from './usage';

export interface CliIo {
  out: (text: string) => void;
  err: (text: string) => void;
}

const processIo: CliIo = {
  out: (text) => process.stdout.write(`${text}\n`),
  err: (text) => process.stderr.write(`${text}\n`),
};

/** Ctrl-C aborts the returned signal (and a second Ctrl-C still ends the process). */
function interruptSignal(): { signal: AbortSignal; release: () => void } {
  const controller = new AbortController();
  const onInterrupt = () => controller.abort();
  process.once('SIGINT', onInterrupt);
  return {
    signal: controller.signal,
    release: () => process.removeListener('SIGINT', onInterrupt),
  };
}

async function runFit(argv: string[], io: CliIo): Promise<number> {
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
  const { signal, release } = interruptSignal();
  const { cv } = command.settings;
  // Folds and paths run on worker threads when there is CV to parallelize. The threads start
  // while the file is read, so that the reported fit and CV times are solver work only.
  const pool = cv
    ? new AnalysisPool({ threads: Math.min(availableParallelism(), cv.nfolds), startThreads: true })
    : undefined;
  try {
    const [loaded] = await Promise.all([
      loadDatasetFile(command.dataPath, { ...command.read, signal }),
      pool?.ready(),
    ]);
    const result = await runAnalysis(loaded.dataset, command.settings, { executor: pool, signal });
    const json = resultJson(
      result,
      command.settings,
      { file: loaded.dataset.fileName, sha256: loaded.sha256 },
      { readSeconds: loaded.readSeconds },
    );
    for (const warning of result.warnings) io.err(`warning: ${warning}`);
    // Render everything first, so a failure writes nothing at all.
    const index = selectIndex(json, command.select);
    const render: Record<string, () => string> = {
      json: () => `${JSON.stringify(json, null, 1)}\n`,
      report: () => analysisReport(result, json, index),
      model: () => `${JSON.stringify(modelJson(result, json, index), null, 1)}\n`,
    };
    const contents = new Map(targets.map((target) => [target, render[target.flag]!()]));
    await writeOutputs(targets, (target) => contents.get(target)!, io);
    if (targets.length === 0) io.out(formatSummary(json));
    return 0;
  } finally {
    release();
    await pool?.close();
  }
}

/** The file's summary and fingerprint; its columns are released before any output is made. */
async function summarizeFile(path: string, read: LoadOptions) {
  const loaded = await loadDatasetFile(path, read);
  return { summary: summarizeDataset(loaded.dataset), sha256: loaded.sha256 };
}

async function runInspect(argv: string[], io: CliIo): Promise<number> {
  const command = parseInspectArgs(argv);
  if (command.help) {
    io.out(INSPECT_HELP);
    return 0;
  }
  const [target] = await checkOutputTargets(
    [{ flag: 'data', path: command.dataPath }],
    [{ flag: 'json', path: command.jsonPath }],
  );
  const { summary, sha256 } = await summarizeFile(command.dataPath, command.read);
  for (const warning of summary.warnings) io.err(`warning: ${warning}`);
  if (target) {
    const content = `${JSON.stringify({ ...summary, sha256 }, null, 1)}\n`;
    await writeOutputs([target], () => content, io);
  } else {
    io.out(formatInspection(summary));
  }
  return 0;
}

export async function runCli(argv: string[], io: CliIo = processIo): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'fit':
        return await runFit(rest, io);
      case 'inspect':
        return await runInspect(rest, io);
      case 'predict':
        return await runPredict(rest, io);
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
    return reportError(error, io);
  }
}

function reportError(error: unknown, io: CliIo): number {
  if (process.env.SHRINKAGE_DEBUG && error instanceof Error) io.err(error.stack ?? String(error));
  if (error instanceof UsageError) {
    io.err(`error: ${error.message}`);
    return 2;
  }
  if (error instanceof DataError || error instanceof SolverInputError) {
    io.err(`error: ${error.message}`);
    return 1;
  }
  if (error instanceof SolverCancelledError) {
    io.err('cancelled: the fit was stopped and no output was written.');
    return 130;
  }
  const message = error instanceof Error ? error.message : String(error);
  io.err(
    `error: unexpected failure: ${message}. Please report it with the command you ran (set SHRINKAGE_DEBUG=1 for details).`,
  );
  return 1;
}

const invokedDirectly =
  process.argv[1] !== undefined && import.meta.url.endsWith(process.argv[1].replace(/\\/g, '/'));
if (invokedDirectly) {
  runCli(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
