/**
 * Parquet input: files written here with hyparquet-writer. The diabetes data as Parquet gives
 * the CSV fit bit for bit; the bad-file corpus's counterparts give the CSV reader's messages
 * (rows counted from the first data row, as a Parquet file has no header row); types map as
 * the CSV reader's rules would read the same cells.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadAnyDatasetBytes, loadDatasetFile } from '../../../electron/services/datasets';
import { runAnalysis } from '../../../shared/analysis/run';
import { DEFAULT_CV, DEFAULT_SETTINGS } from '../../../shared/analysis/settings';
import { MISSING_CODE } from '../../../shared/data/dataset';
import { fixturesDir } from '../../helpers/fixtures';
import { csvToParquet, parquetBytes } from '../../helpers/parquetFiles';

const dir = mkdtempSync(join(tmpdir(), 'parquet-'));
const diabetesCsv = join(fixturesDir, 'data/diabetes.csv');

function writeTemp(name: string, bytes: Uint8Array | string): string {
  const path = join(dir, name);
  writeFileSync(path, bytes);
  return path;
}

async function analyze(path: string, extra = {}) {
  const { dataset } = await loadDatasetFile(path);
  return runAnalysis(dataset, { ...DEFAULT_SETTINGS, target: 'y', ...extra });
}

describe('diabetes as Parquet', () => {
  let csv: Awaited<ReturnType<typeof analyze>>;
  beforeAll(async () => {
    csv = await analyze(diabetesCsv);
  });

  it.each([
    ['one row group', undefined],
    ['row groups of 50 rows', 50],
  ])('gives the CSV fit bit for bit (%s)', async (_label, rowGroupSize) => {
    const path = writeTemp(
      `diabetes-${rowGroupSize ?? 'one'}.parquet`,
      csvToParquet(readFileSync(diabetesCsv, 'utf8'), rowGroupSize),
    );
    const parquet = await analyze(path);
    expect(parquet.prepared.design.n).toBe(442);
    expect(parquet.prepared.columns.map((c) => c.name)).toEqual(
      csv.prepared.columns.map((c) => c.name),
    );
    expect(parquet.path.lambda).toEqual(csv.path.lambda);
    expect(parquet.path.beta).toEqual(csv.path.beta);
    expect(parquet.path.a0).toEqual(csv.path.a0);
    expect(parquet.cv?.cvm).toEqual(csv.cv?.cvm);
  });

  it('reads bytes in memory (an upload) as it reads the file', async () => {
    const bytes = csvToParquet(readFileSync(diabetesCsv, 'utf8'));
    const fromBytes = await loadAnyDatasetBytes(bytes, 'diabetes.parquet');
    const fromFile = await loadDatasetFile(writeTemp('same.parquet', bytes));
    expect(fromBytes.sha256).toBe(fromFile.sha256);
    expect(fromBytes.dataset.columns).toEqual(fromFile.dataset.columns);
    expect(fromBytes.dataset.format).toBe('parquet');
  });
});

describe('column types', () => {
  it('maps numbers, text, booleans, timestamps and nulls as CSV would read the same cells', async () => {
    const bytes = parquetBytes([
      { name: 'int', data: [1, 2, null, 4], type: 'INT32', nullable: true },
      { name: 'big', data: [10n, 20n, 30n, null], type: 'INT64', nullable: true },
      { name: 'float', data: [0.5, Number.NaN, -1.25, 3], type: 'DOUBLE', nullable: true },
      { name: 'text', data: ['b', 'a', null, 'b'], type: 'STRING', nullable: true },
      { name: 'flag', data: [true, false, null, true], type: 'BOOLEAN', nullable: true },
      {
        name: 'day',
        data: [0, 1, 1, 2].map((d) => new Date(Date.UTC(2024, 0, 30 + d))),
        type: 'TIMESTAMP',
      },
      // A null is missing even where 'NA' is not a marker; the text 'NA' is then a level.
      { name: 'na', data: ['NA', null, 'x', 'x'], type: 'STRING', nullable: true },
    ]);
    const { dataset } = await loadAnyDatasetBytes(bytes, 'types.parquet', { missingMarkers: [] });
    const [int, big, float, text, flag, day, na] = dataset.columns;
    expect(int).toMatchObject({ kind: 'numeric', missing: 1 });
    expect([...(int as { values: Float64Array }).values]).toEqual([1, 2, Number.NaN, 4]);
    expect([...(big as { values: Float64Array }).values]).toEqual([10, 20, 30, Number.NaN]);
    expect([...(float as { values: Float64Array }).values]).toEqual([0.5, Number.NaN, -1.25, 3]);
    expect(text).toMatchObject({ kind: 'categorical', levels: ['a', 'b'], missing: 1 });
    expect([...(text as { codes: Int32Array }).codes]).toEqual([1, 0, MISSING_CODE, 1]);
    expect(flag).toMatchObject({ kind: 'categorical', levels: ['false', 'true'], boolean: true });
    expect(day).toMatchObject({
      kind: 'categorical',
      levels: ['2024-01-30', '2024-01-31', '2024-02-01'],
    });
    expect(na).toMatchObject({ kind: 'categorical', levels: ['NA', 'x'], missing: 1 });
  });
});

const corpus = (name: string) => readFileSync(join(fixturesDir, 'csv/bad', name), 'utf8');

describe('bad Parquet files', () => {
  const refused: [name: string, bytes: () => Uint8Array | string, message: RegExp][] = [
    ['empty.parquet', () => new Uint8Array(0), /^empty\.parquet: The file is empty\./],
    [
      'renamed-csv.parquet',
      () => 'a,y\n1,2\n',
      /renamed-csv\.parquet: This file is named \.parquet but is not a Parquet file.*rename it to \.csv/,
    ],
    [
      'truncated.parquet',
      () => csvToParquet(readFileSync(diabetesCsv, 'utf8')).subarray(0, 2000),
      /truncated\.parquet: Cannot read this Parquet file: .*truncated or damaged/,
    ],
    [
      'no-rows.parquet',
      () => parquetBytes([{ name: 'y', data: [], type: 'DOUBLE' }]),
      /no-rows\.parquet: The file has columns but no rows\./,
    ],
    [
      'long-name.parquet',
      () => parquetBytes([{ name: 'x'.repeat(100_001), data: [1, 2], type: 'DOUBLE' }]),
      /long-name\.parquet, row 1: Column 1's name .* is 100001 characters long/,
    ],
  ];
  it.each(refused)('%s is refused with its own message', async (name, bytes, message) => {
    await expect(loadDatasetFile(writeTemp(name, bytes()))).rejects.toThrow(message);
  });

  // The CSV corpus's files as Parquet: the same message, rows counted from the first data row.
  const analysed: [csv: string, message: RegExp][] = [
    [
      'text-in-numeric.csv',
      /column 'bmi': The feature 'bmi' cannot be used: This numeric column has 1 text cell, first 'abc' at row 6/,
    ],
    [
      'infinity.csv',
      /column 'bp': The feature 'bp' cannot be used: The value 'Infinity' at row 4 is infinite/,
    ],
    ['text-target.csv', /column 'y': The target must be numeric, but it holds text such as 'high'/],
    ['constant-target.csv', /column 'y': The target is constant/],
    ['target-all-missing.csv', /Only 0 complete rows remain/],
    ['many-levels.csv', /column 'g': Feature 'g' is categorical with 60 levels, more than 50/],
    [
      'identifier-column.csv',
      /column 'id': The feature 'id' cannot be used: This column has more than 1024 distinct text values/,
    ],
    ['too-few-rows.csv', /Only 1 complete row remains/],
  ];
  it.each(analysed)('%s as Parquet gives the CSV message', async (file, message) => {
    const path = writeTemp(file.replace('.csv', '.parquet'), csvToParquet(corpus(file)));
    await expect(analyze(path)).rejects.toThrow(message);
  });

  it('names a repeated column as CSV does, and fits with one feature', async () => {
    const bytes = parquetBytes([
      { name: 'x', data: [1, 2, 3, 4, 5, 6], type: 'DOUBLE' },
      { name: 'x', data: [2, 1, 4, 3, 6, 5], type: 'DOUBLE' },
      { name: 'y', data: [1.5, 2.5, 2.9, 4.2, 5.1, 6.3], type: 'DOUBLE' },
    ]);
    const { dataset } = await loadDatasetFile(writeTemp('repeated.parquet', bytes));
    expect(dataset.columns.map((c) => c.name)).toEqual(['x', 'x_2', 'y']);
    expect(dataset.warnings.map((w) => w.message)).toContain(
      "The column name 'x' appears more than once; column 2 is called 'x_2'.",
    );
    const one = await runAnalysis(dataset, {
      ...DEFAULT_SETTINGS,
      target: 'y',
      exclude: ['x_2'],
      cv: { ...DEFAULT_CV, nfolds: 3 },
    });
    expect(one.prepared.columns.map((c) => c.name)).toEqual(['x']);
  });

  it('keeps a long name (5000 characters) as CSV does', async () => {
    const name = 'x'.repeat(5000);
    const bytes = parquetBytes([{ name, data: [1, 2], type: 'DOUBLE' }]);
    const { dataset } = await loadAnyDatasetBytes(bytes, 'long.parquet');
    expect(dataset.columns[0]!.name).toBe(name);
  });

  it('refuses a file with only the target, as CSV does', async () => {
    const only = parquetBytes([{ name: 'y', data: [1, 2, 3], type: 'DOUBLE' }]);
    const csvPath = writeTemp('only-y.csv', 'y\n1\n2\n3\n');
    const csvError = await analyze(csvPath).catch((error: Error) => error.message);
    const parquetError = await analyze(writeTemp('only-y.parquet', only)).catch(
      (error: Error) => error.message,
    );
    expect(typeof csvError).toBe('string');
    expect(parquetError).toBe((csvError as string).replaceAll('only-y.csv', 'only-y.parquet'));
  });
});
