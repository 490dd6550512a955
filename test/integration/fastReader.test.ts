/**
 * The file reader's fast path (shared/data/byteCsv.ts) against the ordinary papaparse reader
 * (readCsvBytes) on real files and on a generated file of several megabytes (many chunks, a
 * quoted cell and a text cell far past the first rows): the same dataset, bit for bit.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadDatasetFile } from '../../electron/services/datasets';
import { OFF_THREAD_HASH_BYTES, startFileThread } from '../../electron/services/fileThread';
import { readCsvBytes } from '../../shared/data/csv';
import type { Dataset } from '../../shared/data/dataset';
import type { ColumnType } from '../../shared/data/readOptions';
import { scratchDir } from '../helpers/cli';
import { plain } from '../helpers/csvReaders';
import { examplesDir, fixturesDir } from '../helpers/fixtures';

async function bothWays(
  path: string,
  reader = 'bytes',
  columnTypes?: Record<string, ColumnType>,
): Promise<Dataset> {
  const fileName = path.split('/').pop()!;
  const seen: number[] = [];
  const loaded = await loadDatasetFile(path, {
    onProgress: (read) => seen.push(read),
    columnTypes,
  });
  expect(loaded.reader, fileName).toBe(reader);
  expect(seen).toEqual([...seen].sort((a, b) => a - b));
  expect(plain(loaded.dataset)).toEqual(
    plain(readCsvBytes(readFileSync(path), { fileName, columnTypes })),
  );
  return loaded.dataset;
}

describe('the fast file reader', () => {
  it('keeps the text of plain numbers in a column typed categorical, as the papaparse reader does', async () => {
    const path = join(scratchDir(), 'typed.csv');
    const rows = Array.from(
      { length: 400 },
      (_, i) => `${['4', '6', '8.0', '04'][i % 4]},${i % 5},${i}`,
    );
    writeFileSync(path, `cylinders,grade,y\n${rows.join('\n')}\n`);
    const dataset = await bothWays(path, 'bytes', { cylinders: 'categorical', grade: 'numeric' });
    const cylinders = dataset.columns.find((c) => c.name === 'cylinders')!;
    expect(cylinders.kind).toBe('categorical');
    if (cylinders.kind === 'categorical')
      expect([...cylinders.levels].sort()).toEqual(['04', '4', '6', '8.0']);
  });

  it('reads a file again when a column of numbers first turns out a category, as papaparse reads it', async () => {
    // The first reading keeps no number's text (ColumnBuilder's deferNumberTexts); this column's
    // 2000 numbers before its first text cell are levels, so it is read again keeping them.
    const path = join(scratchDir(), 'numbers-first.csv');
    const rows = Array.from(
      { length: 6000 },
      (_, i) => `${i < 2000 ? String(i % 12) : `L${i % 5}`},${(i / 9).toFixed(3)}`,
    );
    writeFileSync(path, `code,x\n${rows.join('\n')}\n`);
    const dataset = await bothWays(path);
    const code = dataset.columns[0]!;
    expect(code.kind).toBe('categorical');
    if (code.kind === 'categorical') expect(code.levels).toHaveLength(17);
  });

  it('reads the example and fixture files as papaparse does', async () => {
    const dirs = [examplesDir, join(fixturesDir, 'data')];
    let files = 0;
    for (const dir of dirs)
      for (const name of readdirSync(dir).filter((n) => n.endsWith('.csv'))) {
        await bothWays(join(dir, name));
        files++;
      }
    expect(files).toBeGreaterThan(5);
  });

  it('reads a multi-megabyte file with late surprises as papaparse does', async () => {
    const path = join(scratchDir(), 'late.csv');
    const lines = ['x,count,colour,note,y'];
    for (let i = 0; i < 60_000; i++) {
      const note = i === 45_000 ? '"a, b"' : i % 1000 === 0 ? 'NA' : String(i % 3);
      const colour = i === 50_000 ? 'unknown' : ['red', 'blue'][i % 2];
      const y = i === 55_000 ? '1e-320' : (Math.sin(i) * 1e3).toFixed(i % 9);
      lines.push(`${(i / 7).toFixed(5)},${i},${colour},${note},${y}`);
    }
    writeFileSync(path, `${lines.join('\r\n')}\r\n`);
    await bothWays(path);
  });

  it('hands a file with a surprise past ASCII late on to papaparse, which reads it whole', async () => {
    const path = join(scratchDir(), 'accent.csv');
    const lines = ['x,name'];
    for (let i = 0; i < 100_000; i++) lines.push(`${i / 4},${i === 95_000 ? 'José' : 'Jo'}`);
    writeFileSync(path, `${lines.join('\n')}\n`);
    await bothWays(path, 'papaparse');
  });

  it('fingerprints a large file on its own thread with the SHA-256 of its bytes, on either reader', async () => {
    const lines = ['x,y,label'];
    for (let i = 0; i < 1_000_000; i++)
      lines.push(`${(i / 7).toFixed(6)},${i % 13},${i % 3 ? 'a' : 'b'}`);
    const text = `${lines.join('\n')}\n`;
    expect(text.length).toBeGreaterThan(OFF_THREAD_HASH_BYTES);
    for (const [name, body, reader] of [
      ['large.csv', text, 'bytes'],
      // Past ASCII at the very end: the fast reader hands it back and papaparse hashes it itself.
      ['large-accent.csv', `${text}1,2,é\n`, 'papaparse'],
    ] as const) {
      const path = join(scratchDir(), name);
      writeFileSync(path, body);
      const loaded = await loadDatasetFile(path);
      expect(loaded.reader).toBe(reader);
      expect(loaded.sha256).toBe(createHash('sha256').update(readFileSync(path)).digest('hex'));
    }
  });

  it('says a file vanished while its own thread hashed it as reading it would', async () => {
    await expect(startFileThread(join(scratchDir(), 'missing.csv')).result).rejects.toMatchObject({
      code: 'ENOENT',
    });
  });
});
