/**
 * The fast byte reader against the ordinary one: fastNumber is Number() bit for bit, and a
 * file split into chunks anywhere reads exactly as papaparse reads it whole (same columns,
 * values, warnings, messages), or is handed back to the ordinary reader (NotFastCsv).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { NotFastCsv } from '../../../shared/data/byteCsv';
import { asciiText } from '../../../shared/data/columnBuilder';
import type { Dataset } from '../../../shared/data/dataset';
import { fastNumber } from '../../../shared/data/fastNumber';
import { plain, readFast, readOrdinary, rereadings } from '../../helpers/csvReaders';

const sameDouble = (a: number, b: number) => Object.is(a, b);

describe('fastNumber', () => {
  const edges = [
    '0',
    '-0',
    '+0',
    '-0.0',
    '0.5',
    '.5',
    '5.',
    '-.5',
    '+5.e3',
    '007',
    '000.000100',
    '1e308',
    '1e-308',
    '4.9e-324',
    '2.2250738585072014e-308',
    '1.7976931348623157e308',
    '1e400',
    '9007199254740991',
    '9007199254740992',
    '9007199254740993',
    '12345678901234567',
    '0.12345678901234567',
    '123456789012345678901234567890',
    '1e22',
    '1e23',
    '1.5e-22',
    '1e-23',
    '3.14159',
    '1E+05',
    '1e0000000000000000000000005',
    '0e999999',
    '.',
    '-',
    '+',
    'e5',
    '1e',
    '1e+',
    '1.2.3',
    ' 1',
    '1 ',
    '0x10',
    'Infinity',
    'NaN',
    '',
    '1_000',
  ];

  it('is Number(text) bit for bit, or NOT_FAST, on the edge cases', () => {
    for (const text of edges) {
      const fast = fastNumber(text);
      const plain = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/.test(text);
      if (!Number.isNaN(fast)) {
        expect(plain, text).toBe(true);
        expect(sameDouble(fast, Number(text)), text).toBe(true);
      }
    }
    // The fast path does take the common cases (else the reader would gain nothing).
    for (const text of ['0', '-0', '.5', '5.', '3.14159', '1e22', '1.5e-21', '9007199254740991'])
      expect(Number.isNaN(fastNumber(text)), text).toBe(false);
    expect(Object.is(fastNumber('-0'), -0)).toBe(true);
    for (const text of ['1e400', '4.9e-324', '1e-308', '12345678901234567', '.', '1e', ' 1'])
      expect(Number.isNaN(fastNumber(text)), text).toBe(true);
  });

  const decimal = fc
    .tuple(
      fc.constantFrom('', '-', '+'),
      fc.stringMatching(/^\d{0,20}$/),
      fc.option(fc.stringMatching(/^\d{0,20}$/)),
      fc.option(fc.tuple(fc.constantFrom('e', 'E'), fc.constantFrom('', '-', '+'), fc.nat(400))),
    )
    .map(
      ([sign, int, frac, exp]) =>
        `${sign}${int}${frac === null ? '' : `.${frac}`}${exp ? `${exp[0]}${exp[1]}${exp[2]}` : ''}`,
    );

  it('equals Number(text) bit for bit on random decimal strings', () => {
    let fastCount = 0;
    fc.assert(
      fc.property(decimal, (text) => {
        const fast = fastNumber(text);
        if (Number.isNaN(fast)) return;
        fastCount++;
        expect(sameDouble(fast, Number(text)), text).toBe(true);
      }),
      { numRuns: 20000 },
    );
    expect(fastCount).toBeGreaterThan(2000);
  });

  it('equals Number(text) on doubles written as JavaScript and as fixed decimals', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), fc.nat(12), (x, digits) => {
        for (const text of [String(x), x.toFixed(digits), x.toExponential(digits)]) {
          const fast = fastNumber(text);
          if (!Number.isNaN(fast)) expect(sameDouble(fast, Number(text)), text).toBe(true);
        }
      }),
      { numRuns: 5000 },
    );
  });
});

/** Whether the byte reader read it (else it handed the file back) and agreed. */
function agree(text: string, cuts: number[]): boolean {
  const fast = readFast(text, cuts);
  if (fast instanceof NotFastCsv) return false;
  expect(plain(fast)).toEqual(plain(readOrdinary(text)));
  return true;
}

const cell = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.double({ noNaN: true, min: -1e6, max: 1e6 }).map((x) => x.toFixed(3)),
  },
  { weight: 3, arbitrary: fc.integer({ min: -50, max: 50 }).map(String) },
  {
    weight: 2,
    arbitrary: fc.constantFrom('', 'NA', 'n/a', ' ', ' 2.5 ', '-0', '.5', '5.', '1e400', '1e-320'),
  },
  { weight: 2, arbitrary: fc.constantFrom('red', 'blue', 'Yes', 'no', 'x y', '1,5', 'Inf') },
  { weight: 1, arbitrary: fc.constantFrom('"a,b"', '"say ""hi"""', '"1.5"', '""', '"two\nlines"') },
  { weight: 1, arbitrary: fc.stringMatching(/^[0-9.eE+-]{1,6}$/) },
);

/** Random CSV text: a header, rows of cells (some ragged, some blank), LF or CRLF, a final line ending or not. */
const csvText = fc
  .tuple(
    fc.integer({ min: 1, max: 5 }),
    fc.constantFrom(',', ';', '\t'),
    fc.constantFrom('\n', '\r\n'),
    fc.boolean(),
    fc.array(fc.tuple(fc.array(cell, { minLength: 1, maxLength: 6 }), fc.nat(30)), {
      minLength: 0,
      maxLength: 60,
    }),
  )
  .map(([width, delimiter, newline, finalNewline, rows]) => {
    const header = Array.from({ length: width }, (_, j) => (j === 1 ? '' : `c${j}`));
    const lines = [header.join(delimiter)];
    for (const [cells, shape] of rows) {
      if (shape === 0) lines.push('');
      else if (shape === 1) lines.push('  ');
      else if (shape === 2)
        lines.push(cells.join(delimiter)); // ragged, most likely
      else
        lines.push(
          Array.from({ length: width }, (_, j) => cells[j % cells.length]!)
            .join(delimiter)
            .concat(shape === 3 ? `${delimiter}${delimiter}` : ''),
        );
    }
    const text = lines.join(newline);
    return { text: finalNewline ? text + newline : text, newline };
  });

describe('asciiText', () => {
  it('is the text of ASCII bytes at every length, however they are cut from a buffer', () => {
    const bytes = Uint8Array.from({ length: 300 }, (_, k) => 32 + ((k * 37) % 95));
    const decoder = new TextDecoder('ascii');
    for (let start = 0; start < 5; start++)
      for (let length = 0; length <= 140; length++) {
        const end = start + length;
        expect(asciiText(bytes, start, end)).toBe(decoder.decode(bytes.subarray(start, end)));
      }
  });
});

describe('the byte reader', () => {
  it('reads random files as papaparse does, cut into chunks anywhere', () => {
    let read = 0;
    fc.assert(
      fc.property(csvText, fc.array(fc.nat(4000), { maxLength: 6 }), ({ text }, cuts) => {
        if (agree(text, cuts)) read++;
      }),
      { numRuns: 600 },
    );
    // Most random files (quotes, CRLF and all) stay on the fast path.
    expect(read).toBeGreaterThan(300);
  });

  it('reads a file with every chunk boundary at every position as read whole', () => {
    const text =
      'x, y ,z,label\n1.5,-2,3e2,"a,b"\n\n.5,NA,,red\n  \n-0,1e400,4,"say ""hi"""\n7,8,9,red,\n10,11,12,"two\nlines"\n1,2,3,blue';
    for (const crlf of [false, true]) {
      // A line break inside quotes stays LF (a CR inside quotes sends a file to papaparse).
      const file = crlf ? text.replace(/\n(?!lines)/g, '\r\n') : text;
      expect(agree(file, [])).toBe(true);
      for (let cut = 0; cut <= file.length; cut++) expect(agree(file, [cut])).toBe(true);
      for (let cut = 0; cut + 3 <= file.length; cut += 3)
        expect(agree(file, [cut, cut + 1, cut + 2])).toBe(true);
    }
  });

  it('reads columns of every kind past the buffered rows as papaparse does', () => {
    const random = fc.sample(fc.nat(1000), { numRuns: 400, seed: 7 });
    const rows = random.map((r, i) =>
      [
        (r / 7).toFixed(2), // continuous
        String(r % 3), // few distinct numbers
        ['red', 'blue', '3', 'NA'][r % 4], // a category with a number among its levels
        r % 5 === 0 ? 'oops' : String(r), // numeric with a problem
        `id${i}`, // too many levels
        i === 300 ? '1e-320' : i === 350 ? '1e400' : String(r), // underflow, infinite
      ].join(','),
    );
    const text = `a,b,c,d,e,f\n${rows.join('\n')}\n`;
    for (const cuts of [[], [100], [1, 2, 3, 999, 1000, 5000]])
      expect(agree(text, cuts)).toBe(true);
  });

  it('gives a category the texts of its numbers exactly, however many rows they wait (the pending texts)', () => {
    // More rows than the dictionary takes in at a time (2 × 1024), so every column's numbers
    // wait in pending batches, are settled or dropped, and the column still ends as papaparse's.
    const rows: string[] = [];
    for (let i = 0; i < 7000; i++) {
      const early = i < 2600;
      rows.push(
        [
          // Few values, several spellings of each, then text: a category whose levels include 1.5 and 1.50.
          early ? ['1.5', '1.50', '2', '-0', '0'][i % 5] : ['a', 'b'][i % 2],
          // One value written 1100 ways, then text: more levels than a category can have.
          early ? (i < 1100 ? `1.${'0'.repeat(i + 1)}` : '1') : 'x',
          // Continuous, then text: too many levels.
          early ? (i / 7).toFixed(3) : 'y',
          // 1000 distinct numbers over more than a batch, then text: a category of 1002 levels.
          early ? String(i % 1000) : ['p', 'q'][i % 2],
          // Numbers with a few text cells: numeric with a problem, never a category.
          i % 1000 === 999 ? 'oops' : String(i % 3),
          // Text first, then numbers in the majority.
          i < 100 ? 'lead' : (i % 40).toFixed(1),
        ].join(','),
      );
    }
    const text = `a,b,c,d,e,f\n${rows.join('\n')}\n`;
    const kinds = (readOrdinary(text) as Dataset).columns.map((column) => column.kind);
    expect(kinds).toEqual([
      'categorical',
      'unusable',
      'unusable',
      'categorical',
      'numeric',
      'numeric',
    ]);
    for (const cuts of [[], [4096, 70000]]) expect(agree(text, cuts)).toBe(true);
  });

  it('keeps no number’s text until its column’s first text cell, and reads again only when a column needs them', () => {
    const rows = (count: number, cell: (i: number) => string) =>
      Array.from({ length: count }, (_, i) => `${cell(i)},${(i / 3).toFixed(4)},${i % 7}`);
    const numeric = `code,x,k\n${rows(3000, (i) => String(i % 50)).join('\n')}\n`;
    // Numbers with some text: numeric with a problem (or, text first, a category whose later
    // numbers' texts are kept as they arrive): one reading.
    const problem = `code,x,k\n${rows(3000, (i) => (i % 100 === 99 ? 'oops' : String(i % 50))).join('\n')}\n`;
    const textFirst = `code,x,k\n${rows(3000, (i) => (i % 3 === 0 ? String(i % 9) : `L${i % 4}`)).join('\n')}\n`;
    // Numbers before the first text cell, and mostly text after: a category with numbers
    // among its levels, which only a second reading, keeping their texts, can give.
    const numbersFirst = `code,x,k\n${rows(3000, (i) => (i < 1000 ? String(i % 12) : `L${i % 4}`)).join('\n')}\n`;
    for (const [text, again] of [
      [numeric, 0],
      [problem, 0],
      [textFirst, 0],
      [numbersFirst, 1],
    ] as const) {
      for (const cuts of [[], [777, 20_000]]) {
        const before = rereadings.count;
        expect(agree(text, cuts)).toBe(true);
        expect(rereadings.count - before).toBe(again);
      }
    }
    const code = (readFast(numbersFirst, []) as Dataset).columns[0]!;
    expect(code.kind).toBe('categorical');
    if (code.kind === 'categorical') expect(code.levels).toContain('11');
  });

  it('reads wide files (records in row blocks, builders started early) as papaparse does', () => {
    // 300 columns: records go to the builders in blocks; 5000: the builders start after 14
    // buffered rows instead of 32. Blank lines, a quoted line break, and (once) a short row.
    for (const [width, rows, seed] of [
      [300, 70, 1],
      [5000, 40, 2],
    ] as const) {
      // Every cell one field ('1,5' quoted), so that only the short row is the wrong width.
      const cells = fc
        .sample(cell, { numRuns: width * rows, seed })
        .map((c) => (c === '1,5' ? '"1,5"' : c));
      const header = Array.from({ length: width }, (_, j) => `c${j}`).join(',');
      const lines = Array.from({ length: rows }, (_, r) =>
        r === 25 ? '' : cells.slice(r * width, (r + 1) * width).join(','),
      );
      const text = `${header}\n${lines.join('\n')}\n`;
      const short = `${header}\n${lines.map((line, r) => (r === 33 ? line.slice(0, line.lastIndexOf(',')) : line)).join('\n')}\n`;
      for (const file of [text, short])
        for (const cuts of [[], [1000, 50_000, 123_457]]) expect(agree(file, cuts)).toBe(true);
      // The whole file is read (the short row alone is refused, with its row number).
      expect((readOrdinary(text) as Dataset).rowCount).toBe(rows - 1);
      expect((readOrdinary(short) as Error).message).toMatch(/row 34:/);
    }
  });

  it('hands back files it cannot read exactly as papaparse does', () => {
    for (const text of [
      'a,b\n1,"2\n', // a quote never closed
      'a,b\n1,2"x"\n', // a quote inside a cell
      'a,b\n1,"2"x\n', // text after a closing quote
      'a,b\r1,2\r', // CR line endings
      'a,b\n1,2\r\n3,4\n', // mixed line endings
      'a,b\n1,é\n', // past ASCII
    ])
      expect(readFast(text, []), text).toBeInstanceOf(NotFastCsv);
  });

  it('refuses bad files with the ordinary reader’s message and row', () => {
    for (const text of [
      'a,b\n1,2\n3\n4,5\n',
      'a,b\n1,2,3\n',
      'a,b\n',
      'a,a,\n1,2,3\n',
      'x\n1\n2\nfoo\n3\n',
    ]) {
      const fast = readFast(text, [5]);
      expect(fast).not.toBeInstanceOf(NotFastCsv);
      expect(plain(fast)).toEqual(plain(readOrdinary(text)));
    }
  });
});
