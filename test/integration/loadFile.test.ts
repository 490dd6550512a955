/** The streaming file reader: progress, cancellation, fingerprint, and the CLI's data options. */
import { createHash } from 'node:crypto';
import { appendFileSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadDatasetFile } from '../../electron/services/datasets';
import { SolverCancelledError } from '../../shared/solver/errors';
import { cli, fitJson, scratchDir } from '../helpers/cli';
import { examplesDir } from '../helpers/fixtures';

function bigCsv(rows: number): string {
  const path = join(scratchDir(), 'big.csv');
  const lines = ['a,b,c,y'];
  for (let i = 0; i < rows; i++)
    lines.push(`${i},${(i * 7) % 13},${Math.sin(i).toFixed(6)},${i % 17}`);
  writeFileSync(path, `${lines.join('\n')}\n`);
  return path;
}

describe('streaming file reader', () => {
  it('reports byte progress up to the file size and fingerprints the bytes', async () => {
    const path = bigCsv(120_000);
    const seen: [number, number][] = [];
    const loaded = await loadDatasetFile(path, {
      onProgress: (read, total) => seen.push([read, total]),
    });
    const size = readFileSync(path).length;
    expect(seen.length).toBeGreaterThan(2);
    expect(seen.map(([read]) => read)).toEqual(
      [...seen.map(([read]) => read)].sort((a, b) => a - b),
    );
    expect(seen.at(-1)).toEqual([size, size]);
    expect(loaded.dataset.rowCount).toBe(120_000);
    expect(loaded.sha256).toBe(createHash('sha256').update(readFileSync(path)).digest('hex'));
  });

  it('stops when cancelled, with a cancellation error', async () => {
    const path = bigCsv(200_000);
    const controller = new AbortController();
    const started = performance.now();
    const result = loadDatasetFile(path, {
      signal: controller.signal,
      onProgress: (read) => {
        if (read > 1_000_000) controller.abort();
      },
    });
    await expect(result).rejects.toBeInstanceOf(SolverCancelledError);
    expect(performance.now() - started).toBeLessThan(5_000);
  });

  it('refuses a file saved over (a new copy renamed onto it) or written to while it is read', async () => {
    const dir = scratchDir();
    const utf8 = bigCsv(150_000);
    // A byte that is not UTF-8 in the header: read as Windows-1252, by papaparse.
    const latin1 = join(dir, 'latin1.csv');
    writeFileSync(
      latin1,
      Buffer.concat([Buffer.from([0x63, 0x61, 0x66, 0xe9]), readFileSync(utf8).subarray(1)]),
    );
    const saveOver = (path: string) => {
      const copy = `${path}.new`;
      writeFileSync(copy, readFileSync(path).toString('latin1').replaceAll('-', '+'), 'latin1');
      renameSync(copy, path);
    };
    const writeTo = (path: string) => appendFileSync(path, '1,2,3,4\n');
    for (const [reader, path] of [
      ['bytes', utf8],
      ['papaparse', latin1],
    ] as const) {
      const original = readFileSync(path);
      expect((await loadDatasetFile(path)).reader).toBe(reader);
      for (const change of [saveOver, writeTo]) {
        let changed = false;
        const loading = loadDatasetFile(path, {
          onProgress: (read, total) => {
            if (changed || read >= total) return;
            changed = true;
            change(path);
          },
        });
        await expect(loading, `${reader}, ${change.name}`).rejects.toThrow(
          /changed while it was being read/,
        );
        expect(changed).toBe(true);
        writeFileSync(path, original);
      }
    }
  });
});

describe('CLI data options', () => {
  const csv = (text: string) => {
    const path = join(scratchDir(), 'd.csv');
    writeFileSync(path, text);
    return path;
  };
  const rows = Array.from(
    { length: 30 },
    (_, i) => `${i},${(i * 3) % 7},${i % 5 === 0 ? '-' : (i * 2) % 11},${i + (i % 4)}`,
  );

  it('--missing-markers changes which cells are missing', async () => {
    const path = csv(`a,b,c,y\n${rows.join('\n')}\n`);
    const refused = await cli('fit', '--data', path, '--target', 'y');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/column 'c'.*6 text cells, first '-' at row 2/);
    const accepted = await fitJson('--data', path, '--target', 'y', '--missing-markers=-,NA');
    expect(accepted.run.code).toBe(0);
    expect(accepted.json.data).toMatchObject({
      rowsRead: 30,
      rowsDropped: 6,
      rowsUsed: 24,
    });
  });

  it('--missing impute keeps incomplete rows and says how many cells were imputed', async () => {
    const path = csv(`a,b,c,y\n${rows.join('\n')}\n`);
    const { run, json } = await fitJson(
      ...['--data', path, '--target', 'y', '--missing-markers', '-'],
      ...['--missing', 'impute', '--cv', '3'],
    );
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(/warning: 6 missing feature values are imputed/);
    expect(json.data).toMatchObject({
      rowsUsed: 30,
      rowsDropped: 0,
    });
  });

  it('inspect describes the columns, and exits 1 on a bad file', async () => {
    const run = await cli('inspect', '--data', join(examplesDir, 'prostate.csv'));
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/prostate\.csv: 97 rows, 10 columns, comma-separated/);
    expect(run.stdout).toMatch(/^train\s+boolean\s+0\s+2 levels: T \(67\), F \(30\)/m);
    const bad = await cli('inspect', '--data', join(examplesDir, 'nope.csv'));
    expect(bad.code).toBe(1);
  });
});
