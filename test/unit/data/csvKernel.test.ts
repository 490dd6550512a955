/**
 * The byte reader's WebAssembly kernel (csvKernel.wat): each cell it splits is what the
 * JavaScript reader makes of it (a number bit for bit as fastNumber reads it, else its text,
 * with the hash its text is looked up by); it stops before every record the JavaScript reader
 * treats otherwise; and whole files read through it are papaparse's reading.
 */
import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { assembleKernels, KERNEL_SOURCES } from '../../../scripts/build-kernels';
import { NotFastCsv } from '../../../shared/data/byteCsv';
import {
  CsvKernel,
  KERNEL_NUMBER,
  KERNEL_QUOTED,
  KERNEL_QUOTED_PAIRS,
  KERNEL_TEXT,
} from '../../../shared/data/csvKernel';
import { CSV_KERNEL_WASM_BASE64 } from '../../../shared/data/csvKernelBinary';
import { fastNumber } from '../../../shared/data/fastNumber';
import { hashOf } from '../../../shared/data/textCache';
import { plain, readFast, readOrdinary } from '../../helpers/csvReaders';

const encode = (text: string) => new TextEncoder().encode(text);
const ascii = (bytes: Uint8Array, start: number, end: number) =>
  new TextDecoder().decode(bytes.subarray(start, end));

/** Unquoted cells: numbers written every way (most plain decimals, some not), and text. */
const plainCell = fc.oneof(
  { weight: 3, arbitrary: fc.double({ noNaN: true }).map(String) },
  {
    weight: 2,
    arbitrary: fc.double({ noNaN: true, min: -1e6, max: 1e6 }).map((x) => x.toFixed(6)),
  },
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.double({ noNaN: true, noDefaultInfinity: true }), fc.integer({ min: 0, max: 20 }))
      .map(([x, digits]) => x.toExponential(digits)),
  },
  {
    weight: 3,
    arbitrary: fc.stringMatching(/^[+-]?[0-9]{0,24}(\.[0-9]{0,24})?([eE][+-]?[0-9]{0,6})?$/),
  },
  { weight: 1, arbitrary: fc.stringMatching(/^[0.]{0,30}[1-9]?$/) },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      '',
      'NA',
      ' 1',
      '1 ',
      '0x10',
      'Inf',
      'red',
      '1.2.3',
      '-',
      '.',
      'e5',
      '1e',
      '1e+',
    ),
  },
  { weight: 1, arbitrary: fc.stringMatching(/^[ -!#-+\--~]{0,12}$/) }, // printable, no quote or comma
);
/** Quoted cells' texts (quotes doubled when written). */
const quotedText = fc.stringMatching(/^[ -~\n]{0,12}$/);

interface Cell {
  text: string;
  quoted: boolean;
}
const cell = fc.oneof(
  { weight: 6, arbitrary: plainCell.map((text): Cell => ({ text, quoted: false })) },
  { weight: 1, arbitrary: quotedText.map((text): Cell => ({ text, quoted: true })) },
);
const written = ({ text, quoted }: Cell) => (quoted ? `"${text.replaceAll('"', '""')}"` : text);

afterEach(() => vi.restoreAllMocks());

describe('the CSV kernel', () => {
  it('is the assembly of csvKernel.wat (run scripts/build-kernels.ts after editing it)', async () => {
    expect(await assembleKernels(KERNEL_SOURCES.csv)).toBe(CSV_KERNEL_WASM_BASE64);
  });

  it('splits cells as the JavaScript reader does, numbers bit for bit as fastNumber reads them', () => {
    const kernel = CsvKernel.create();
    expect(kernel).toBeDefined();
    let numbers = 0;
    let texts = 0;
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 6 }).chain((width) =>
          fc.tuple(
            fc.constant(width),
            fc.array(fc.array(cell, { minLength: width, maxLength: width }), {
              minLength: 1,
              maxLength: 40,
            }),
            fc.boolean(),
          ),
        ),
        ([width, records, crlf]) => {
          const newline = crlf ? '\r\n' : '\n';
          const text = records.map((cells) => cells.map(written).join(',') + newline).join('');
          const bytes = encode(text);
          kernel!.load(bytes, 0, bytes.length, width);
          const count = kernel!.block(0, bytes.length, width, 0x2c, crlf);
          expect(count).toBe(Math.min(records.length, kernel!.capacity));
          for (let r = 0; r < count; r++)
            for (let j = 0; j < width; j++) {
              const k = j * kernel!.capacity + r;
              const { text: expected, quoted } = records[r]![j]!;
              const seen = ascii(kernel!.bytes, kernel!.starts[k]!, kernel!.ends[k]!);
              const kind = kernel!.kinds[k]!;
              if (kind !== KERNEL_NUMBER)
                expect(kernel!.hashes[k]).toBe(
                  hashOf(kernel!.bytes, kernel!.starts[k]!, kernel!.ends[k]!),
                );
              if (quoted) {
                expect(kind).toBe(expected.includes('"') ? KERNEL_QUOTED_PAIRS : KERNEL_QUOTED);
                expect(seen.replaceAll('""', '"')).toBe(expected);
                continue;
              }
              expect(seen).toBe(expected);
              const value = fastNumber(expected);
              if (Number.isNaN(value)) {
                expect(kind, expected).toBe(KERNEL_TEXT);
                texts++;
              } else {
                expect(kind, expected).toBe(KERNEL_NUMBER);
                expect(Object.is(kernel!.values[k], value), expected).toBe(true);
                numbers++;
              }
            }
          for (let j = 0; j < width; j++) {
            let others = 0;
            for (let r = 0; r < count; r++)
              if (kernel!.kinds[j * kernel!.capacity + r] !== KERNEL_NUMBER) others++;
            expect(kernel!.others[j]).toBe(others);
          }
        },
      ),
      { numRuns: 400 },
    );
    expect(numbers).toBeGreaterThan(1000);
    expect(texts).toBeGreaterThan(300);
  });

  it('tells numbers past 2^53 by their digits, however many (64 bits wrap past 19)', () => {
    const kernel = CsvKernel.create()!;
    const cells = [
      '9007199254740991', // 2^53 − 1: exact
      '9007199254740992', // 2^53: not
      '900719925474099.1', // 16 digits with a point: exact
      '9999999999999999999', // 19 digits: exact in 64 bits, past 2^53
      '18446744073709551617', // 2^64 + 1: wraps to 1 in 64 bits
      '36893488147419103232.5', // 2^65 + a half: wraps to 5
      '00000000000000000000001.5', // 24 digits, most of them leading zeros: exact
      '-0.000000000000000000000', // 22 zero digits: zero
      '0.0000000000000000000012', // 22 digits, small m: exact
    ];
    const bytes = encode(`${cells.join(',')}\n`);
    kernel.load(bytes, 0, bytes.length, cells.length);
    expect(kernel.block(0, bytes.length, cells.length, 0x2c, false)).toBe(1);
    cells.forEach((text, j) => {
      const k = j * kernel.capacity;
      const value = fastNumber(text);
      expect(kernel.kinds[k], text).toBe(Number.isNaN(value) ? KERNEL_TEXT : KERNEL_NUMBER);
      if (!Number.isNaN(value)) expect(Object.is(kernel.values[k], value), text).toBe(true);
    });
    expect(cells.filter((text) => Number.isNaN(fastNumber(text)))).toEqual([
      '9007199254740992',
      '9999999999999999999',
      '18446744073709551617',
      '36893488147419103232.5',
    ]);
  });

  it('stops before each record the JavaScript reader reads otherwise, its counts untouched', () => {
    const kernel = CsvKernel.create()!;
    const good = '1.5,"a,b",x\n';
    for (const [bad, crlf] of [
      ['1,2\n', false], // too few cells
      ['1,2,3,4\n', false], // too many
      ['1,2"x",3\n', false], // a quote inside a cell
      ['1,"2"x,3\n', false], // text after a closing quote
      ['1,"é",3\n', false], // past ASCII, quoted
      ['1,é,3\n', false], // past ASCII
      ['1,"a\rb",3\n', false], // a CR inside quotes
      ['1,2,3\r\n', false], // CRLF in a LF file
      ['1,2,3\n', true], // LF in a CRLF file
      ['1,2,3\r4\r\n', true], // a lone CR
      ['\n', false], // a blank line
    ] as const) {
      const newline = crlf ? '\r\n' : '\n';
      const before = good.replace('\n', newline).repeat(3);
      const text = `${before}${bad}${good.replace('\n', newline)}`;
      const bytes = encode(text);
      kernel.load(bytes, 0, bytes.length, 3);
      expect(kernel.block(0, bytes.length, 3, 0x2c, crlf), JSON.stringify(bad)).toBe(3);
      expect(kernel.stop).toBe(encode(before).length);
      expect(Array.from(kernel.others.subarray(0, 3))).toEqual([0, 3, 3]);
    }
    // A quoted cell still open at the limit (it goes on in the next piece of the file).
    const open = encode('1,2,3\n4,"5\n6",7\n');
    kernel.load(open, 0, open.length, 3);
    expect(kernel.block(0, 9, 3, 0x2c, false)).toBe(1);
    expect(kernel.stop).toBe(6);
  });

  it("finds cells in their column's level table by hash and bytes, never another's", () => {
    const kernel = CsvKernel.create()!;
    const text = '1,red\n2,blue\n3,"red"\n4,green\n5,\n';
    const bytes = encode(text);
    kernel.load(bytes, 0, bytes.length, 2);
    expect(kernel.looksUp(1)).toBe(false);
    const table = kernel.levelTable(1);
    const red = encode('red');
    table.insert(hashOf(red, 0, 3), red, 0, 3, 7);
    // Another text under red's hash (a collision): found only by its own bytes.
    const blue = encode('blue');
    table.insert(hashOf(red, 0, 3), blue, 0, 4, 8);
    table.insert(hashOf(blue, 0, 0), blue, 0, 0, -1);
    // Enough entries to make the table grow (it keeps at most half its slots full).
    for (let k = 0; k < 40; k++) {
      const level = encode(`level${k}`);
      table.insert(hashOf(level, 0, level.length), level, 0, level.length, 100 + k);
    }
    kernel.load(bytes, 0, bytes.length, 2);
    expect(kernel.looksUp(1)).toBe(true);
    expect(kernel.looksUp(0)).toBe(false);
    expect(kernel.block(0, bytes.length, 2, 0x2c, false)).toBe(5);
    const at = kernel.capacity;
    expect(Array.from(kernel.outcomes.subarray(at, at + 5))).toEqual([7, -2, 7, -2, -1]);
    table.detach();
    expect(kernel.looksUp(1)).toBe(false);
  });
});

describe('the byte reader with its kernel', () => {
  /** Long random files: most rows past the buffered ones, so most of each goes through the kernel. */
  const file = fc
    .tuple(
      fc.integer({ min: 2, max: 5 }),
      fc.constantFrom(',', ';'),
      fc.constantFrom('\n', '\r\n'),
      fc.array(cell, { minLength: 1, maxLength: 8 }),
      fc.array(fc.nat(60), { minLength: 40, maxLength: 250 }),
      fc.integer({ min: 0, max: 2000 }),
    )
    .map(([width, delimiter, newline, cells, shapes, seed]) => {
      const lines = [Array.from({ length: width }, (_, j) => `c${j}`).join(delimiter)];
      shapes.forEach((shape, r) => {
        const row = Array.from({ length: width }, (_, j) =>
          written(cells[(seed + r * 7 + j * 3) % cells.length]!).replaceAll(delimiter, ''),
        );
        if (shape === 0)
          lines.push(''); // blank
        else if (shape === 1)
          lines.push(row.slice(1).join(delimiter)); // short
        else lines.push(row.join(delimiter));
      });
      return lines.join(newline) + newline;
    });

  it('reads long random files as papaparse does, cut into chunks anywhere', () => {
    const block = vi.spyOn(CsvKernel.prototype, 'block');
    let read = 0;
    fc.assert(
      fc.property(file, fc.array(fc.nat(20_000), { maxLength: 4 }), (text, cuts) => {
        const fast = readFast(text, cuts);
        if (fast instanceof NotFastCsv) return;
        read++;
        expect(plain(fast)).toEqual(plain(readOrdinary(text)));
      }),
      { numRuns: 250 },
    );
    expect(read).toBeGreaterThan(100);
    expect(block.mock.calls.length).toBeGreaterThan(read);
  });

  it('hands back a file whose odd record comes long after the buffered rows', () => {
    const rows = Array.from({ length: 200 }, (_, i) => `${i / 8},${i % 3},"q ${i}"`);
    for (const odd of ['1,2"x",3', '1,"2"x,3', '1,é,3', '1,2,3\r'])
      expect(readFast(`a,b,c\n${[...rows, odd, ...rows].join('\n')}\n`, [])).toBeInstanceOf(
        NotFastCsv,
      );
  });
});
