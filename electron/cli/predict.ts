/**
 * `predict`: apply a fitted model (from `fit --model`) to a CSV file and write it back with a
 * prediction column. The input's cells are written as they were read (formula-like text defused).
 */
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import { parseModel } from '../../shared/analysis/model';
import { DEFAULT_THRESHOLD } from '../../shared/analysis/scoredCsv';
import { DataError } from '../../shared/data/errors';
import { hasParquetName } from '../../shared/data/parquet';
import type { ScoredFile } from '../services/scoring';
import { AnalysisPool } from '../workers/analysisPool';
import { decimalArg } from './fitArgs';
import { checkOutputTargets, writeOutputs } from './outputTargets';
import { NO_PROGRESS, type Progress, readingProgress } from './progress';
import { printWarnings } from './summary';
import { UsageError } from './usage';

export const PREDICT_HELP = `Usage: npm run cli -- predict --model MODEL.json --data FILE.csv --out SCORED.csv [--decimal .|,]

Score new rows with a model saved by \`fit --model\`. FILE may be CSV or Parquet; SCORED is
written as Parquet when it ends in .parquet, as CSV otherwise. The output is the input file with one
more column, predicted_<target>; rows with a missing feature get an empty prediction. Text
cells a spreadsheet would run as a formula (starting with = + - @, a tab or CR) get a leading '.`;

export async function runPredict(
  argv: string[],
  io: { out: (t: string) => void; err: (t: string) => void; progress?: Progress | undefined },
  signal: AbortSignal = new AbortController().signal,
): Promise<number> {
  let values: {
    model?: string;
    data?: string;
    out?: string;
    decimal?: string;
    threshold?: string;
    help?: boolean;
  };
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      options: {
        model: { type: 'string' },
        data: { type: 'string' },
        out: { type: 'string' },
        decimal: { type: 'string' },
        threshold: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    throw new UsageError(
      `${(error as Error).message.replace(/\.$/, '')}. See 'npm run cli -- predict --help'.`,
    );
  }
  if (values.help) {
    io.out(PREDICT_HELP);
    return 0;
  }
  for (const flag of ['model', 'data', 'out'] as const) {
    if (!values[flag])
      throw new UsageError(`--${flag} is required. See 'npm run cli -- predict --help'.`);
  }
  const threshold = thresholdArg(values.threshold);
  const [target] = await checkOutputTargets(
    [
      { flag: 'model', path: values.model! },
      { flag: 'data', path: values.data! },
    ],
    [{ flag: 'out', path: values.out! }],
  );
  const modelName = basename(values.model!);
  let modelJson: unknown;
  try {
    modelJson = JSON.parse(await readFile(values.model!, 'utf8'));
  } catch {
    throw new DataError(
      'Cannot read the model: it is missing or not JSON.',
      { file: modelName },
      'Use the file written by `fit --model`.',
    );
  }
  const model = parseModel(modelJson, modelName);
  if (threshold !== undefined && !model.classes) {
    throw new UsageError(
      '--threshold applies to a two-class (binomial) model only; this model predicts numbers.',
    );
  }
  // Reading and scoring run on a worker thread, so that this one stays free for Ctrl-C.
  const pool = new AnalysisPool({ threads: 1 });
  const progress = io.progress ?? NO_PROGRESS;
  let scored: ScoredFile;
  try {
    scored = await pool.scoreFile(
      model,
      values.data!,
      {
        decimal: decimalArg(values.decimal),
        signal,
        onProgress: readingProgress(progress, 'scoring', basename(values.data!)),
      },
      threshold,
      hasParquetName(values.out!) ? 'parquet' : 'csv',
    );
  } finally {
    progress.clear();
    await pool.close();
  }
  printWarnings(scored.warnings, io);
  await writeOutputs([target!], () => scored.content, io, {
    note: ` (${scored.scored} of ${scored.rows} rows scored)`,
    signal,
  });
  return 0;
}

/** --threshold T: a probability strictly between 0 and 1. */
function thresholdArg(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const value = text.trim() === '' ? Number.NaN : Number(text);
  if (value > 0 && value < 1) return value;
  throw new UsageError(
    `--threshold must be a probability strictly between 0 and 1, such as ${DEFAULT_THRESHOLD}; got '${text}'.`,
  );
}
