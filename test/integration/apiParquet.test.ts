/**
 * Parquet through the services' handlers (the API every host serves): diabetes uploaded as
 * Parquet fits bit for bit as the CSV upload, and a Parquet file is scored to CSV.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { createServices } from '../../electron/services';
import { inProcessExecutor } from '../../shared/analysis/executor';
import { DEFAULT_SETTINGS } from '../../shared/analysis/settings';
import { CHANNELS } from '../../shared/ipc/channels';
import { fixturesDir } from '../helpers/fixtures';
import { csvToParquet } from '../helpers/parquetFiles';

describe('Parquet through the API', () => {
  it('fits an uploaded Parquet file as its CSV, and scores it', async () => {
    const services = createServices({
      executor: inProcessExecutor,
      emit: () => {},
      host: { kind: 'test' },
      threads: 1,
    });
    const { handlers, fits } = services;
    const csvBytes = new Uint8Array(readFileSync(join(fixturesDir, 'data/diabetes.csv')));
    const parquetBytes = csvToParquet(new TextDecoder().decode(csvBytes), 64);
    const settings = { ...DEFAULT_SETTINGS, target: 'y' };
    const fitUpload = async (fileName: string, bytes: Uint8Array) => {
      const opened = await handlers[CHANNELS.openDatasetBytes]({ fileName, bytes, options: {} });
      if (!('datasetId' in opened)) throw new Error(`refused: ${JSON.stringify(opened)}`);
      const { jobId } = await handlers[CHANNELS.startFit]({
        datasetId: opened.datasetId,
        settings,
        revision: 1,
      });
      expect(await fits.settled(jobId)).toBe('done');
      return { jobId, result: await handlers[CHANNELS.fitResult]({ jobId }) };
    };
    const csv = await fitUpload('diabetes.csv', csvBytes);
    const parquet = await fitUpload('diabetes.parquet', parquetBytes);
    expect(parquet.result.path).toEqual(csv.result.path);
    expect(parquet.result.cv).toEqual(csv.result.cv);
    expect(parquet.result.data.format).toBe('parquet');

    const score = (fileName: string, bytes: Uint8Array) =>
      handlers[CHANNELS.scoreData]({ jobId: parquet.jobId, selectedIndex: 20, fileName, bytes });
    const fromCsv = await score('diabetes.csv', csvBytes);
    const fromParquet = await score('diabetes.parquet', parquetBytes);
    expect(fromParquet.fileName).toBe('diabetes-scored.csv');
    expect(fromParquet.scored).toBe(442);
    const cells = (text: string) => Papa.parse<string[]>(text.trim()).data;
    // The same predictions; input cells as each file holds them (Parquet's 101.0 is 101).
    const a = cells(fromCsv.text);
    const b = cells(fromParquet.text);
    expect(b[0]).toEqual(a[0]);
    expect(b.map((row) => row.at(-1))).toEqual(a.map((row) => row.at(-1)));
    expect(b.map((row) => row.map(Number))).toEqual(a.map((row) => row.map(Number)));
    services.release();
  }, 60_000);
});
