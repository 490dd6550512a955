/**
 * Parquet through the CLI: `fit --data diabetes.parquet` gives the CSV fit bit for bit, and
 * `predict --out scored.parquet` writes the scored CSV's columns and values as Parquet.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parquetReadObjects } from 'hyparquet';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { cli, scratchDir } from '../helpers/cli';
import { fixturesDir } from '../helpers/fixtures';
import { csvToParquet } from '../helpers/parquetFiles';

describe('Parquet through the CLI', () => {
  it('fits diabetes.parquet exactly as diabetes.csv, and scores it to Parquet and CSV alike', async () => {
    const dir = scratchDir();
    const csv = join(fixturesDir, 'data/diabetes.csv');
    const parquet = join(dir, 'diabetes.parquet');
    writeFileSync(parquet, csvToParquet(readFileSync(csv, 'utf8'), 100));
    const fitCsv = await cli('fit', '--data', csv, '--target', 'y', '--json', join(dir, 'c.json'));
    const fitParquet = await cli(
      ...['fit', '--data', parquet, '--target', 'y', '--json', join(dir, 'p.json')],
      ...['--model', join(dir, 'model.json')],
    );
    expect(fitCsv.code).toBe(0);
    expect(fitParquet.code).toBe(0);
    const a = JSON.parse(readFileSync(join(dir, 'c.json'), 'utf8'));
    const b = JSON.parse(readFileSync(join(dir, 'p.json'), 'utf8'));
    expect(b.path).toEqual(a.path);
    expect(b.cv).toEqual(a.cv);
    expect(b.columns).toEqual(a.columns);

    const model = join(dir, 'model.json');
    const outCsv = join(dir, 'scored.csv');
    const outParquet = join(dir, 'scored.parquet');
    const toCsv = await cli('predict', '--model', model, '--data', csv, '--out', outCsv);
    const toParquet = await cli(
      'predict',
      '--model',
      model,
      '--data',
      parquet,
      '--out',
      outParquet,
    );
    expect(toCsv.code).toBe(0);
    expect(toParquet.code).toBe(0);
    expect(toParquet.stdout).toMatch(/wrote .*scored\.parquet \(442 of 442 rows scored\)/);
    const [header, ...rows] = Papa.parse<string[]>(readFileSync(outCsv, 'utf8').trim()).data;
    const bytes = readFileSync(outParquet);
    const file = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
    const read = await parquetReadObjects({ file });
    expect(Object.keys(read[0]!)).toEqual(header);
    expect(read).toHaveLength(rows.length);
    rows.forEach((row, i) => {
      for (const [j, name] of header!.entries()) expect(read[i]![name]).toBe(Number(row[j]));
    });
  }, 60_000);
});
