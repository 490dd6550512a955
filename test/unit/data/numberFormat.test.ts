/** Decimal commas, grouped thousands and numbers too small for a double, as the reader sees them. */
import { describe, expect, it } from 'vitest';
import { parseFitArgs } from '../../../electron/cli/fitArgs';
import { UsageError } from '../../../electron/cli/usage';
import { readCsvText } from '../../../shared/data/csv';
import { matchingRows } from '../../../shared/data/design';
import type { DecimalMark } from '../../../shared/data/numberFormat';
import { CHANNELS } from '../../../shared/ipc/channels';
import { contract } from '../../../shared/ipc/contract';

const read = (text: string, decimal?: DecimalMark) =>
  readCsvText(text, { fileName: 't.csv', decimal });
const values = (dataset: ReturnType<typeof read>, j: number) => {
  const column = dataset.columns[j]!;
  return column.kind === 'numeric' ? Array.from(column.values) : column.kind;
};

describe('numbers written with commas', () => {
  it('a semicolon-separated file reads its decimal commas as numbers, and says so', () => {
    const data = read('x;n;y\n0,5;1;2\n1,25;2;3\n-3,;4;5\n');
    expect(values(data, 0)).toEqual([0.5, 1.25, -3]);
    expect(values(data, 1)).toEqual([1, 2, 4]);
    expect(data.warnings).toEqual([
      {
        code: 'decimal-comma',
        columns: ['x'],
        message: expect.stringMatching(/Column 'x' was read with decimal commas.*--decimal \./),
      },
    ]);
  });

  it('elsewhere they stay text, with a warning that names the column, the cell and the fix', () => {
    const data = read('x,price,y\n"0,5","1,037",2\n"1,25","2,500",3\n"2,5","3,001",4\n');
    expect(data.columns[0]!.kind).toBe('categorical');
    expect(data.columns[1]!.kind).toBe('categorical');
    expect(data.warnings.map((w) => [w.code, w.columns])).toEqual([
      ['comma-numbers-as-text', ['x']],
      ['comma-numbers-as-text', ['price']],
    ]);
    expect(data.warnings[0]!.message).toMatch(
      /Column 'x' has numbers written with a comma, such as '0,5' at row 2, so it was read as text.*--decimal ,/,
    );
    expect(data.warnings[1]!.message).toMatch(/Column 'price'.*'1,037' at row 2.*--decimal \./);
  });

  it('free text that only contains commas gets no such warning', () => {
    const data = read('note,y\n"red, big",2\n"1,5",3\n"blue",4\n');
    expect(data.warnings).toEqual([]);
  });

  it('--decimal , reads decimal commas and point-grouped thousands in any file', () => {
    const data = read('x,y\n"0,5",1\n"1.037,5",2\n"-2,25e3",3\n', ',');
    expect(values(data, 0)).toEqual([0.5, 1037.5, -2250]);
    expect(data.warnings).toEqual([]);
  });

  it('--decimal . reads comma-grouped thousands, and keeps semicolon files on points', () => {
    expect(values(read('x,y\n"1,037",1\n"1,234,567.5",2\n3.5,3\n', '.'), 0)).toEqual([
      1037, 1234567.5, 3.5,
    ]);
    const semicolons = read('x;y\n1,5;1\n2,5;2\n', '.');
    expect(semicolons.columns[0]!.kind).toBe('categorical');
  });

  it('a semicolon file with decimal commas reads 1.037 as 1037, never silently', () => {
    const data = read('y;x\n1,5;1.037\n2;2.100\n3;3.500\n4;4.250\n5;5.999\n');
    expect(values(data, 0)).toEqual([1.5, 2, 3, 4, 5]);
    expect(values(data, 1)).toEqual([1037, 2100, 3500, 4250, 5999]);
    const note = data.warnings.find((w) => w.code === 'ambiguous-decimal-point');
    expect(note?.columns).toEqual(['x']);
    expect(note?.message).toMatch(
      /Column 'x' has 5 numbers with a point, first '1\.037' at row 2, read as 1037.*--decimal \./,
    );
    // The same in a file long enough to be read as it streams (builders made after 32 rows).
    const long = read(
      `y;x\n${Array.from({ length: 40 }, (_, i) => `${i},5;${i + 1}.250`).join('\n')}\n`,
    );
    expect(values(long, 0)).toEqual(Array.from({ length: 40 }, (_, i) => i + 0.5));
    expect(values(long, 1)).toEqual(Array.from({ length: 40 }, (_, i) => (i + 1) * 1000 + 250));
    expect(long.warnings.map((w) => w.code)).toEqual(['decimal-comma', 'ambiguous-decimal-point']);
    // Told the mark, the reader reads it so and says nothing.
    expect(values(read('y;x\n1,5;1.037\n', ','), 1)).toEqual([1037]);
    expect(read('y;x\n1,5;1.037\n', ',').warnings).toEqual([]);
  });

  it('the mark is chosen once per file: a column mixing both is never read cell by cell', () => {
    const data = read('y;x\n1;1.5\n2;2\n3;3.5\n4;4\n5;1,25\n');
    const x = data.columns[1]!;
    expect(x.kind).toBe('numeric');
    expect(x.problem?.message).toMatch(/2 text cells, first '1\.5' at row 2/);
    expect(data.warnings.map((w) => [w.code, w.columns])).toContainEqual([
      'point-numbers-as-text',
      ['x'],
    ]);
    expect(data.warnings.find((w) => w.code === 'point-numbers-as-text')?.message).toMatch(
      /Column 'x' has numbers written with a decimal point, such as '1\.5' at row 2.*--decimal \./,
    );
  });

  it('a semicolon file whose numbers use points is read with points', () => {
    const data = read('y;x\n1.5;1.037\n2;2.25\n');
    expect(values(data, 0)).toEqual([1.5, 2]);
    expect(values(data, 1)).toEqual([1.037, 2.25]);
    expect(data.warnings).toEqual([]);
  });

  it('thousands grouped by spaces or apostrophes are text with a warning, numbers when the mark is chosen', () => {
    for (const space of [' ', '\u00a0', '\u202f', "'"]) {
      const text = `x,y\n1${space}037,1\n2${space}500${space}000.5,2\n`;
      const data = read(text);
      expect(data.columns[0]!.kind, JSON.stringify(space)).toBe('categorical');
      expect(data.warnings).toEqual([
        {
          code: 'grouped-numbers-as-text',
          columns: ['x'],
          message: expect.stringMatching(
            /Column 'x' has numbers with thousands grouped.*at row 2.*--decimal \. or --decimal ,/,
          ),
        },
      ]);
      expect(values(read(text, '.'), 0)).toEqual([1037, 2500000.5]);
    }
    expect(values(read('x;y\n1 037,5;1\n', ','), 0)).toEqual([1037.5]);
  });

  it('a row filter on such a column may be written either way', () => {
    const data = read('x;g;y\n0,5;a;2\n1,25;b;3\n0,5;b;4\n');
    for (const value of ['0,5', '0.5']) {
      const keep = matchingRows(data, [{ column: 'x', value }]);
      expect(Array.from(keep), value).toEqual([1, 0, 1]);
    }
  });

  it('the option reaches the reader from the command line and the IPC contract', () => {
    const base = ['--data', 'x.csv', '--target', 'y'];
    expect(parseFitArgs([...base, '--decimal', ',']).read.decimal).toBe(',');
    expect(parseFitArgs(base).read.decimal).toBeUndefined();
    expect(() => parseFitArgs([...base, '--decimal', ';'])).toThrow(UsageError);
    expect(() => parseFitArgs([...base, '--decimal', ';'])).toThrow(/--decimal must be \. or ,/);
    const request = contract[CHANNELS.chooseDataset].request;
    expect(request.safeParse({ options: { decimal: ',' } }).success).toBe(true);
    expect(request.safeParse({ options: { decimal: ';' } }).success).toBe(false);
  });
});

describe('numbers beyond double precision', () => {
  it('a non-zero literal that underflows to 0 or a subnormal is flagged with column and row', () => {
    const data = read('x,y\n1,1\n1e-400,2\n0e-400,3\n-5e-310,4\n0.000,5\n');
    expect(values(data, 0)).toEqual([1, 0, 0, -5e-310, 0]);
    expect(data.warnings).toEqual([
      {
        code: 'underflow',
        columns: ['x'],
        message: expect.stringMatching(
          /Column 'x' has 2 numbers too small to represent in double precision, first '1e-400' at row 3/,
        ),
      },
    ]);
  });

  it('one that overflows to infinity makes the column unusable, naming the cell', () => {
    const data = read('x,y\n1,1\n1e400,2\n');
    expect(data.columns[0]!.problem?.message).toMatch(/'1e400' at row 3 is infinite or too large/);
  });
});
