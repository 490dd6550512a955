/**
 * `predict`: apply a fitted model (from `fit --model`) to a CSV file and write it back with a
 * prediction column. The input's cells are written exactly as they were read.
 */
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import Papa from 'papaparse';
import { parseModel, scoreDataset } from '../../shared/analysis/model';
import { sniffEncoding } from '../../shared/data/encoding';
import { DataError } from '../../shared/data/errors';
import { loadDatasetFile } from '../services/datasets';
import { writeFileAtomic } from '../services/files';
import { UsageError } from './usage';

export const PREDICT_HELP = `Usage: npm run cli -- predict --model MODEL.json --data FILE.csv --out SCORED.csv

Score new rows with a model saved by \`fit --model\`. The output is the input file with one
more column, predicted_<target>; rows with a missing feature get an empty prediction.`;

export async function runPredict(
  argv: string[],
  io: { out: (t: string) => void; err: (t: string) => void },
): Promise<number> {
  let values: { model?: string; data?: string; out?: string; help?: boolean };
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      options: {
        model: { type: 'string' },
        data: { type: 'string' },
        out: { type: 'string' },
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
  const loaded = await loadDatasetFile(values.data!);
  const scores = scoreDataset(model, loaded.dataset);
  for (const warning of [...loaded.dataset.warnings, ...scores.warnings])
    io.err(`warning: ${warning}`);

  // Re-read the raw cells so the output repeats the input exactly.
  const bytes = new Uint8Array(await readFile(values.data!));
  const sniffed = sniffEncoding(bytes.subarray(0, 65536), loaded.dataset.fileName);
  const text = new TextDecoder(sniffed.encoding).decode(bytes.subarray(sniffed.bomLength));
  const records = Papa.parse<string[]>(text, {
    delimiter: loaded.dataset.delimiter,
    skipEmptyLines: 'greedy',
  }).data;
  const [header, ...rows] = records;
  let column = `predicted_${model.target}`;
  while (header!.includes(column)) column = `${column}_`;
  const output = Papa.unparse(
    {
      fields: [...header!, column],
      data: rows.map((row, i) => [
        ...row,
        Number.isNaN(scores.predictions[i]!) ? '' : String(scores.predictions[i]),
      ]),
    },
    { newline: '\n' },
  );
  await writeFileAtomic(values.out!, `${output}\n`);
  io.out(`wrote ${values.out} (${rows.length - scores.unscored} of ${rows.length} rows scored)`);
  return 0;
}
