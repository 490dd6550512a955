/**
 * A large CSV file's end read on its own thread (electron/services/fileThread.ts): whatever the
 * file holds before or after the junction, the dataset, its warnings, problems and row numbers,
 * and the file's hash are those of the one-thread reading (readCsvBytes), and the thread's rows
 * are taken only when they are rows the reader would have read the same way.
 */
import { createHash } from 'node:crypto';
import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  type LoadedDataset,
  type LoadOptions,
  loadDatasetFile,
} from '../../electron/services/datasets';
import { DECISION_WAIT_MS, READER_SHARE, TAIL_MIN_BYTES } from '../../electron/services/fileThread';
import { readCsvBytes } from '../../shared/data/csv';
import type { Dataset } from '../../shared/data/dataset';

import { SolverCancelledError } from '../../shared/solver/errors';
import { scratchDir } from '../helpers/cli';

const WIDTH = 8;
const dir = scratchDir();
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Rows of WIDTH plain decimals, seeded, until the text is past the thread's threshold. */
function numericLines(rows = 0): string[] {
  let seed = 7;
  const next = () => {
    seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
    return seed / 2_147_483_648;
  };
  const lines = [Array.from({ length: WIDTH }, (_, j) => `x${j + 1}`).join(',')];
  let bytes = lines[0]!.length + 1;
  for (let i = 0; rows > 0 ? i < rows : bytes < TAIL_MIN_BYTES * 1.08; i++) {
    const cells: string[] = [];
    for (let j = 0; j < WIDTH; j++) cells.push(((next() - 0.5) * 200).toFixed(j + 1));
    const line = cells.join(',');
    lines.push(line);
    bytes += line.length + 1;
  }
  return lines;
}
const BASE = numericLines();
/** A data line well before the junction, and one well after it. */
const EARLY = Math.floor(BASE.length * 0.3);
const LATE = Math.floor(BASE.length * 0.9);

/** The first way the two datasets differ, or undefined. */
function difference(a: Dataset, b: Dataset): string | undefined {
  if (a.rowCount !== b.rowCount) return `rows ${a.rowCount} against ${b.rowCount}`;
  if (JSON.stringify(a.warnings) !== JSON.stringify(b.warnings)) return 'warnings';
  for (let j = 0; j < b.columns.length; j++) {
    const x = a.columns[j]!;
    const y = b.columns[j]!;
    const { values: _xv, codes: _xc, ...xRest } = x as Partial<Record<'values' | 'codes', unknown>>;
    const { values: _yv, codes: _yc, ...yRest } = y as Partial<Record<'values' | 'codes', unknown>>;
    if (JSON.stringify(xRest) !== JSON.stringify(yRest)) return `column ${j}'s description`;
    const u = x.kind === 'numeric' ? x.values : x.kind === 'categorical' ? x.codes : undefined;
    const v = y.kind === 'numeric' ? y.values : y.kind === 'categorical' ? y.codes : undefined;
    if (!u || !v) continue;
    if (u.length !== v.length) return `column ${j}'s length`;
    for (let i = 0; i < v.length; i++)
      if (!Object.is(u[i], v[i])) return `column ${j} row ${i}: ${u[i]} against ${v[i]}`;
  }
  return undefined;
}

/** The file read from disk, held to the one-thread reading of its bytes; its hash checked. */
async function readBothWays(
  name: string,
  text: string,
  options: LoadOptions = {},
): Promise<LoadedDataset> {
  const path = join(dir, name);
  writeFileSync(path, text);
  const bytes = readFileSync(path);
  expect(bytes.length).toBeGreaterThan(TAIL_MIN_BYTES);
  const loaded = await loadDatasetFile(path, options);
  const alone = readCsvBytes(bytes, { ...options, fileName: name });
  expect(difference(loaded.dataset, alone), name).toBeUndefined();
  expect(loaded.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
  rmSync(path);
  return loaded;
}

const withLine = (at: number, line: string, lines = BASE) => [
  ...lines.slice(0, at),
  line,
  ...lines.slice(at),
];
const replaced = (at: number, line: string) => BASE.map((l, i) => (i === at ? line : l));
const joined = (lines: string[], ending = '\n') => `${lines.join(ending)}${ending}`;

describe("a large CSV file's end read on its own thread", () => {
  it('takes the thread’s rows of a plain numeric file, LF or CRLF, with or without a last line ending', async () => {
    for (const [name, text] of [
      ['lf.csv', joined(BASE)],
      ['crlf.csv', joined(BASE, '\r\n')],
      ['no-last-ending.csv', BASE.join('\n')],
    ] as const) {
      const loaded = await readBothWays(name, text);
      expect(loaded.reader).toBe('bytes');
      // The thread read about the part after READER_SHARE (to the last line for the last file).
      const share = (loaded.rowsReadAside ?? 0) / loaded.dataset.rowCount;
      expect(share, name).toBeGreaterThan((1 - READER_SHARE) * 0.9);
      expect(share, name).toBeLessThan((1 - READER_SHARE) * 1.1);
    }
  });

  it('stops at text or a missing cell past the junction and lets the reader read on from there', async () => {
    for (const [name, cell] of [
      ['text-late.csv', 'abc'],
      ['missing-late.csv', 'NA'],
      ['empty-late.csv', ''],
      ['quoted-late.csv', '"12.5"'],
    ] as const) {
      const line = BASE[LATE]!.split(',');
      line[3] = cell;
      const loaded = await readBothWays(name, joined(replaced(LATE, line.join(','))));
      const aside = loaded.rowsReadAside ?? 0;
      expect(aside, name).toBeGreaterThan(0);
      // Stopped before the block holding that line (the reader read it and the rest).
      expect(aside, name).toBeLessThan(loaded.dataset.rowCount - (BASE.length - 1 - LATE));
    }
    // The row number of the text cell is the file's.
    const line = BASE[LATE]!.split(',');
    line[3] = 'abc';
    const loaded = await readBothWays('text-row.csv', joined(replaced(LATE, line.join(','))));
    const column = loaded.dataset.columns[3]!;
    expect(column.kind).toBe('numeric');
    expect(column.kind === 'numeric' && column.problem?.row).toBe(LATE + 1);
  });

  it('reads on from the junction itself when the records before it are not one a line', async () => {
    const cases: [string, string[], LoadOptions][] = [
      ['blank-early.csv', withLine(EARLY, ''), {}],
      ['quoted-header.csv', [`"x\n1",${BASE[0]!.slice(3)}`, ...BASE.slice(1)], {}],
      ['dropped-early.csv', withLine(EARLY, '1,2,3'), { dropMalformedRows: true }],
    ];
    for (const [name, lines, options] of cases) {
      const loaded = await readBothWays(name, joined(lines), options);
      expect(loaded.rowsReadAside ?? 0, name).toBe(0);
    }
  });

  it('refuses a malformed row before the junction exactly as the one-thread reading does', async () => {
    const path = join(dir, 'malformed-early.csv');
    writeFileSync(path, joined(withLine(EARLY, '1,2,3')));
    const error = await loadDatasetFile(path).catch((e: Error) => e);
    let alone: unknown;
    try {
      readCsvBytes(readFileSync(path), { fileName: 'malformed-early.csv' });
    } catch (e) {
      alone = e;
    }
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toBe((alone as Error).message);
    rmSync(path);
  });

  it('gives the reader the end when a column is not plain numbers before the junction', async () => {
    const category = (i: number) => (i % 3 ? 'a' : 'b');
    // Text early in a column of many values: the thread's rows are taken all the same, as the
    // column keeps no dictionary by the junction (too many values), so a plain number is its value.
    const early = await readBothWays(
      'text-early.csv',
      joined(replaced(EARLY, BASE[EARLY]!.replace(/^[^,]*/, 'abc'))),
    );
    expect(early.rowsReadAside ?? 0).toBeGreaterThan(0);
    const cases: [string, string[], LoadOptions][] = [
      // Text early in a column of few values: its numbers' texts are levels from then on.
      [
        'few-values-text-early.csv',
        BASE.map((line, i) =>
          i === 0 ? line : line.replace(/^[^,]*/, i === EARLY ? 'abc' : String(i % 5)),
        ),
        {},
      ],
      // A category throughout, numbers in one column mostly text after the first third (read again keeping texts).
      [
        'category.csv',
        BASE.map((line, i) => (i === 0 ? `${line},c` : `${line},${category(i)}`)),
        {},
      ],
      [
        'numbers-then-text.csv',
        BASE.map((line, i) => (i > BASE.length / 3 ? line.replace(/^[^,]*/, category(i)) : line)),
        {},
      ],
      // A category of words, then of a few numbers alone past the junction: those numbers'
      // texts are levels, which the thread does not make.
      [
        'levels-numbers-late.csv',
        BASE.map((line, i) =>
          i === 0
            ? line
            : line.replace(/^[^,]*/, i < BASE.length * 0.64 ? category(i) : String(i % 5)),
        ),
        {},
      ],
      // Typed categorical: every cell's text is a level.
      ['typed.csv', BASE, { columnTypes: { x2: 'categorical' } }],
    ];
    for (const [name, lines, options] of cases) {
      const loaded = await readBothWays(name, joined(lines), options);
      expect(loaded.rowsReadAside ?? 0, name).toBe(0);
    }
  });

  it('reads a decimal-comma file alone, as it must look at every number’s text', async () => {
    const lines = BASE.map((line) => line.replaceAll(',', ';').replaceAll('.', ','));
    const loaded = await readBothWays('comma.csv', joined(lines));
    expect(loaded.rowsReadAside ?? 0).toBe(0);
    expect(loaded.dataset.columns[0]!.kind).toBe('numeric');
  });

  it('stops where the columns run out of room when the end has more rows than the start foretold', async () => {
    // Long rows first (the row estimate), then short ones: far more rows than estimated.
    const long = BASE.slice(0, Math.floor(BASE.length * 0.75));
    const short = numericLines(900_000)
      .slice(1)
      .map((line) =>
        line
          .split(',')
          .map((cell) => cell.slice(0, 3).replace(/[.,-]$/, '1'))
          .join(','),
      );
    const loaded = await readBothWays('short-end.csv', joined([...long, ...short]));
    expect(loaded.dataset.rowCount).toBe(long.length - 1 + short.length);
  });

  it('tells the thread at once when the reader has no use for it (a single column, a wide file)', async () => {
    const single = ['x', ...BASE.slice(1).flatMap((line) => line.split(','))];
    const wide = [
      Array.from({ length: 2000 }, (_, j) => `v${j}`).join(','),
      ...Array.from({ length: 2200 }, (_, i) =>
        BASE.slice(1 + 250 * (i % 8), 251 + 250 * (i % 8)).join(','),
      ),
    ];
    for (const [name, lines] of [
      ['single.csv', single],
      ['wide.csv', wide],
    ] as const) {
      const loaded = await readBothWays(name, joined([...lines]));
      expect(loaded.rowsReadAside ?? 0, name).toBe(0);
      // Not held up by the thread waiting at the junction for a word that never came.
      expect(loaded.readSeconds * 1000, name).toBeLessThan(DECISION_WAIT_MS / 2);
    }
  });

  it('stops when cancelled while it waits for the thread at the junction', async () => {
    const path = join(dir, 'cancel.csv');
    const text = joined(BASE);
    writeFileSync(path, text);
    const controller = new AbortController();
    const junction = Math.floor(text.length * READER_SHARE);
    const loading = loadDatasetFile(path, {
      signal: controller.signal,
      onProgress: (read) => {
        if (read > junction) controller.abort();
      },
    });
    await expect(loading).rejects.toBeInstanceOf(SolverCancelledError);
    rmSync(path);
  });

  it('refuses a file saved over while it is read, whose end the thread would read from the new copy', async () => {
    const path = join(dir, 'saved-over.csv');
    const text = joined(BASE);
    writeFileSync(path, text);
    // The same length and line feeds: only the signs differ, so every offset still matches.
    writeFileSync(`${path}.new`, text.replaceAll('-', '+'));
    let saved = false;
    const loading = loadDatasetFile(path, {
      onProgress: () => {
        if (saved) return;
        saved = true;
        renameSync(`${path}.new`, path);
      },
    });
    await expect(loading).rejects.toThrow(/changed while it was being read/);
    rmSync(path);
  });

  it('is cancelled cleanly at any point of the read, and the next read is whole', async () => {
    // Text past the junction, so that some reads hand the end back to the reader and some not.
    const lines = replaced(LATE, BASE[LATE]!.replace(/^[^,]*/, 'NA'));
    for (const [name, text] of [
      ['plain.csv', joined(BASE)],
      ['late-missing.csv', joined(lines)],
    ] as const) {
      const path = join(dir, name);
      writeFileSync(path, text);
      const alone = readCsvBytes(readFileSync(path), { fileName: name });
      // Before the first piece, in the reader's part, around the junction, in the thread's part.
      for (const fraction of [0, 0.05, 0.3, 0.55, 0.69, 0.7, 0.71, 0.8, 0.95]) {
        const controller = new AbortController();
        const at = fraction * text.length;
        if (fraction === 0) controller.abort();
        const loading = loadDatasetFile(path, {
          signal: controller.signal,
          onProgress: (read) => {
            if (read >= at) controller.abort();
          },
        });
        await expect(loading, `${name} at ${fraction}`).rejects.toBeInstanceOf(
          SolverCancelledError,
        );
        const whole = await loadDatasetFile(path);
        expect(difference(whole.dataset, alone), `${name} after ${fraction}`).toBeUndefined();
      }
      rmSync(path);
    }
  });
});
