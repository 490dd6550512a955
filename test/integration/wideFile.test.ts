/**
 * A very wide file (many columns, few rows) is read without reserving rows × columns cells it
 * cannot have: memory follows the file's size, not the row estimate times the width.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatInspection } from '../../electron/cli/inspect';
import { DatasetService } from '../../electron/services/datasetService';
import { loadDatasetFile } from '../../electron/services/datasets';
import { preallocatedRows } from '../../shared/data/csv';
import { PREVIEW_CELLS, summarizeDataset } from '../../shared/data/summary';
import { scratchDir } from '../helpers/cli';

function wideCsv(columns: number, rows: number): string {
  const header = Array.from({ length: columns }, (_, j) => `c${j}`).join(',');
  const row = new Array<string>(columns).fill('1').join(',');
  return `${header}\n${`${row}\n`.repeat(rows)}`;
}

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

  it('load in memory bounded by a small multiple of the file size (loosely measured)', async () => {
    const text = wideCsv(200_000, 4);
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
    expect(loaded.dataset.columns).toHaveLength(200_000);
    expect(loaded.dataset.rowCount).toBe(4);
    // Before the fix each column reserved ~64 rows: 136 MB of buffers for this 3 MB file, and
    // 400–560 MB in all (130–180× its size, garbage included); now about 100 MB (~33×).
    expect(peak.buffers).toBeLessThan(10 * text.length);
    expect(peak.everything).toBeLessThan(60 * text.length);
    // And it can be described, as `inspect` does, without a stack overflow.
    const table = formatInspection(summary);
    expect(table.split('\n').length).toBeGreaterThan(200_000);
    // Previews are bounded in cells, not rows: one row of 200 000 columns, not twenty.
    expect(summary.preview.length * 200_000).toBeLessThanOrEqual(PREVIEW_CELLS);
    const datasets = new DatasetService();
    const info = await datasets.openPath(path);
    const page = datasets.preview(info.datasetId, 0, 500);
    expect(page.rows.length * 200_000).toBeLessThanOrEqual(PREVIEW_CELLS);
    expect(page.total).toBe(4);
  });
});
