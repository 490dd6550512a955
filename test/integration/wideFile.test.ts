/**
 * A very wide file (many columns, few rows) is read without reserving rows × columns cells it
 * cannot have: memory follows the file's size, not the row estimate times the width.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatInspection } from '../../electron/cli/inspect';
import { DatasetService } from '../../electron/services/datasetService';
import { loadDatasetBytes, loadDatasetFile } from '../../electron/services/datasets';
import { shareDataset, transferables } from '../../electron/workers/shared';
import { MAX_COLUMNS } from '../../shared/analysis/schema';
import { preallocatedRows, readCsvText } from '../../shared/data/csv';
import { PREVIEW_CELLS, PREVIEW_COLUMNS, summarizeDataset } from '../../shared/data/summary';
import { cli, scratchDir } from '../helpers/cli';

function wideCsv(columns: number, rows: number): string {
  const header = Array.from({ length: columns }, (_, j) => `c${j}`).join(',');
  const row = new Array<string>(columns).fill('1').join(',');
  return `${header}\n${`${row}\n`.repeat(rows)}`;
}

describe('files with more columns than any analysis can use', () => {
  // The issue's file: 10⁶ columns. After its header comes garbage that any parsing would
  // report (an unclosed quote, a row of the wrong width): only the header's width is reported,
  // so nothing past the header was parsed.
  const header = Array.from({ length: 1_000_000 }, (_, j) => `c${j}`).join(',');
  const text = `${header}\n"never closed,1\n1,2\n`;
  const refusal =
    /huge\.csv, row 1: The header has 1000000 columns; Shrinkage reads files of at most 100000 columns\. Keep only the columns you need .*cut -d, -f1-1000 huge\.csv > smaller\.csv.*csvcut/;

  it('are refused on the header alone, from disk, from memory and by the CLI', async () => {
    const dir = scratchDir();
    const path = join(dir, 'huge.csv');
    writeFileSync(path, text);
    // From disk, the header's text is all that is held (papaparse never sees it): a little
    // over the file's size at most, sampled between chunks (loosely measured). Before the
    // limit this file was read in full: about 1 GB.
    const everything = () => process.memoryUsage().heapUsed + process.memoryUsage().arrayBuffers;
    const base = everything();
    let peak = 0;
    const sample = () => {
      peak = Math.max(peak, everything() - base);
    };
    await expect(loadDatasetFile(path, { onProgress: sample })).rejects.toThrow(refusal);
    expect(peak).toBeLessThan(4 * text.length);
    expect(() => loadDatasetBytes(new TextEncoder().encode(text), 'huge.csv')).toThrow(refusal);
    expect(() => readCsvText(text, { fileName: 'huge.csv' })).toThrow(refusal);
    const run = await cli('inspect', '--data', path, '--json', join(dir, 'out.json'));
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(refusal);
    const fit = await cli('fit', '--data', path, '--target', 'c0');
    expect(fit.stderr).toMatch(refusal);
    // predict reads its model first, then the data: refused the same way.
    const small = join(dir, 'small.csv');
    writeFileSync(small, 'c0,c1\n1,2\n2,1\n3,5\n4,3\n5,4\n');
    const model = join(dir, 'model.json');
    expect((await cli('fit', '--data', small, '--target', 'c0', '--model', model)).code).toBe(0);
    const predict = await cli(
      'predict',
      '--model',
      model,
      '--data',
      path,
      '--out',
      join(dir, 'p.csv'),
    );
    expect(predict.code).toBe(1);
    expect(predict.stderr).toMatch(refusal);
  });

  it('are refused while the header streams in, whatever follows it', async () => {
    // A header that never ends (no line break) is counted to its end too.
    const path = join(scratchDir(), 'huge.csv');
    writeFileSync(path, header);
    await expect(loadDatasetFile(path)).rejects.toThrow(refusal);
    // Quoted names may hold the delimiter: they count as one column each, as papaparse reads them.
    const quoted = Array.from({ length: MAX_COLUMNS }, (_, j) => `"c,${j}"`).join(',');
    writeFileSync(path, `${quoted}\n${'1,'.repeat(MAX_COLUMNS - 1)}1\n`);
    const loaded = await loadDatasetFile(path);
    expect(loaded.dataset.columns).toHaveLength(MAX_COLUMNS);
    expect(loaded.dataset.columns[1]!.name).toBe('c,1');
    // One column more is refused, naming the count.
    writeFileSync(path, `${quoted},x\n`);
    await expect(loadDatasetFile(path)).rejects.toThrow(/The header has 100001 columns/);
  });
});

describe('very wide files', () => {
  it('reserve no more rows per column than the bytes after the header can hold', () => {
    // The issue's file: 12 MB, 10⁶ columns, a few rows; the estimate from its size said ~200.
    const header = Array.from({ length: 1_000_000 }, (_, j) => `c${j}`);
    expect(preallocatedRows(209, 11_888_890, header)).toBeLessThanOrEqual(5);
    // Narrow files keep the estimate.
    expect(preallocatedRows(100_000, 50_000_000, ['a', 'b', 'c'])).toBe(100_000);
    expect(preallocatedRows(1024, undefined, ['a'])).toBe(1024);
    expect(preallocatedRows(1024, 3, ['a', 'b'])).toBe(1);
  });

  it('keep their columns in a few shared buffers, each moved to another thread once', async () => {
    // One buffer per column cost ~200 bytes of bookkeeping each (in and beside V8's heap):
    // more than ten doubles. Few rows (built one column at a time) and many (streamed).
    for (const [columns, rows] of [
      [MAX_COLUMNS, 10],
      [20_000, 100],
    ] as const) {
      const path = join(scratchDir(), 'wide.csv');
      writeFileSync(path, wideCsv(columns, rows));
      const { dataset } = await loadDatasetFile(path);
      const distinct = new Set(
        dataset.columns.map((column) => (column.kind === 'numeric' ? column.values.buffer : null)),
      );
      // Before: one per column (100 000, 20 000). Now about one per MiB of values.
      expect(distinct.size).toBeLessThan(100);
      expect(transferables(dataset)).toHaveLength(distinct.size);
      // The worker's move: every buffer once; the columns arrive as views of the moved buffers.
      const moved = structuredClone(dataset, {
        transfer: transferables(dataset),
      });
      expect(dataset.columns[0]!.kind === 'numeric' && dataset.columns[0]!.values.length).toBe(0);
      const last = moved.columns[columns - 1]!;
      expect(last.kind === 'numeric' && [...last.values]).toEqual(new Array(rows).fill(1));
      expect(last.name).toBe(`c${columns - 1}`);
      // Shared with the analysis threads: one shared buffer per block, not per column.
      const sharedSet = await shareDataset(moved);
      const sharedBuffers = new Set(
        sharedSet.columns.map((column) =>
          column.kind === 'numeric' ? column.values.buffer : null,
        ),
      );
      expect(sharedBuffers.size).toBe(distinct.size);
      const again = sharedSet.columns[columns - 1]!;
      expect(again.kind === 'numeric' && again.values.buffer instanceof SharedArrayBuffer).toBe(
        true,
      );
      expect(again.kind === 'numeric' && [...again.values]).toEqual(new Array(rows).fill(1));
    }
  });

  it('load in memory bounded by a small multiple of the file size (loosely measured)', async () => {
    const text = wideCsv(MAX_COLUMNS, 4);
    const path = join(scratchDir(), 'wide.csv');
    writeFileSync(path, text);
    const buffers = () => process.memoryUsage().arrayBuffers;
    const everything = () => process.memoryUsage().heapUsed + buffers();
    const base = { buffers: buffers(), everything: everything() };
    let peak = { buffers: 0, everything: 0 };
    const sample = () => {
      peak = {
        buffers: Math.max(peak.buffers, buffers() - base.buffers),
        everything: Math.max(peak.everything, everything() - base.everything),
      };
    };
    // Sampled between chunks (while the columns are being built) and after the summary.
    const loaded = await loadDatasetFile(path, { onProgress: sample });
    const summary = summarizeDataset(loaded.dataset);
    sample();
    expect(loaded.dataset.columns).toHaveLength(MAX_COLUMNS);
    expect(loaded.dataset.rowCount).toBe(4);
    // Before the fix each column reserved ~64 rows: buffers ~45× this 1.5 MB file's size, and
    // 130–180× its size in all (garbage included); then ~36×; with the columns in shared
    // blocks and one scratch array for the few-row build, ~25×.
    expect(peak.buffers).toBeLessThan(10 * text.length);
    expect(peak.everything).toBeLessThan(60 * text.length);
    // And it can be described, as `inspect` does, without a stack overflow.
    const table = formatInspection(summary);
    expect(table.split('\n').length).toBeGreaterThan(MAX_COLUMNS);
    // The summary previews what the overview shows: the first rows of the first columns.
    expect(summary.preview.length).toBe(4);
    for (const row of summary.preview) expect(row).toHaveLength(PREVIEW_COLUMNS);
    const datasets = new DatasetService();
    const info = await datasets.openPath(path);
    const page = datasets.preview(info.datasetId, 0, 500);
    expect(page.rows.length * MAX_COLUMNS).toBeLessThanOrEqual(PREVIEW_CELLS);
    expect(page.total).toBe(4);
  });
});
