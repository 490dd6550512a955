/**
 * Targets by family (prepareDesign's targetKind): two-class targets coded 0/1 with their
 * positive class, counts for Poisson, and the refusals with file, column, row and fix.
 */
import { describe, expect, it } from 'vitest';
import { readCsvText } from '../../../shared/data/csv';
import { type DesignRequest, prepareDesign } from '../../../shared/data/design';
import { DataError } from '../../../shared/data/errors';

const csv = (text: string) => readCsvText(text, { fileName: 't.csv' });
const binary = (text: string, more: Partial<DesignRequest> = {}) =>
  prepareDesign(csv(text), { target: 'y', targetKind: 'binary', ...more });
const counts = (text: string) => prepareDesign(csv(text), { target: 'y', targetKind: 'count' });

/** The DataError a call throws (so its parts can be checked one by one). */
function refusal(f: () => unknown): DataError {
  try {
    f();
  } catch (error) {
    if (error instanceof DataError) return error;
    throw error;
  }
  throw new Error('expected a DataError');
}

describe('two-class targets', () => {
  it('codes No/Yes text as 0/1 with Yes, the second in code-unit order, as the positive class', () => {
    const prepared = binary('x,y\n1,Yes\n2,No\n3,No\n4,Yes\n');
    expect(Array.from(prepared.y)).toEqual([1, 0, 0, 1]);
    expect(prepared.classes).toEqual({ negative: 'No', positive: 'Yes' });
  });

  it('orders text by code units, not by locale: "B" before "a"', () => {
    expect(binary('x,y\n1,a\n2,B\n').classes).toEqual({ negative: 'B', positive: 'a' });
  });

  it('codes a numeric 0/1 target with 1 positive, and orders numbers numerically (2 before 10)', () => {
    const zeroOne = binary('x,y\n1,0\n2,1\n3,1\n');
    expect(Array.from(zeroOne.y)).toEqual([0, 1, 1]);
    expect(zeroOne.classes).toEqual({ negative: '0', positive: '1' });
    expect(binary('x,y\n1,10\n2,2\n').classes).toEqual({ negative: '2', positive: '10' });
  });

  it('takes the positive class the user picks, as text or as the number it writes', () => {
    const no = binary('x,y\n1,Yes\n2,No\n3,No\n', { positiveClass: 'No' });
    expect(Array.from(no.y)).toEqual([0, 1, 1]);
    expect(no.classes).toEqual({ negative: 'Yes', positive: 'No' });
    expect(Array.from(binary('x,y\n1,0\n2,1\n', { positiveClass: '0' }).y)).toEqual([1, 0]);
    expect(binary('x,y\n1,0\n2,1\n', { positiveClass: '0.0' }).classes?.positive).toBe('0');
  });

  it('refuses a positive class that is not a value, naming the values', () => {
    const error = refusal(() => binary('x,y\n1,Yes\n2,No\n', { positiveClass: 'yes' }));
    expect(error.message).toContain(
      "t.csv, column 'y': The positive class 'yes' is not a value of the target, whose values are 'No', 'Yes'.",
    );
    expect(error.fix).toBe("Choose 'No' or 'Yes' as the class to model.");
  });

  it('refuses three or more values: multinomial is not supported yet', () => {
    const error = refusal(() => binary('x,y\n1,a\n2,b\n3,c\n'));
    expect(error.message).toContain(
      "this one has 3 ('a', 'b', 'c'); multinomial regression (three or more classes) is not supported yet.",
    );
    expect(error.fix).toMatch(/row filter/);
  });

  it('refuses a single class in the rows used', () => {
    expect(() => binary('x,y\n1,a\n2,a\n')).toThrow(/single value \('a'\)/);
  });

  it('drops rows missing the target and counts the classes among the rows used only', () => {
    const prepared = binary('x,y,keep\n1,No,1\n2,,1\n3,Yes,1\n4,Maybe,0\n', {
      features: ['x'],
      rows: [{ column: 'keep', value: '1' }],
    });
    expect(Array.from(prepared.y)).toEqual([0, 1]);
    expect(prepared.rowsDropped).toBe(1);
    expect(prepared.rowsFiltered).toBe(1);
    expect(prepared.warnings.map((w) => w.code)).toContain('rows-dropped');
  });
});

describe('count targets', () => {
  it('takes whole numbers ≥ 0 as they are', () => {
    expect(Array.from(counts('x,y\n1,0\n2,3\n3,12\n').y)).toEqual([0, 3, 12]);
  });

  it('refuses a negative count, naming the row', () => {
    const error = refusal(() => counts('x,y\n1,0\n2,-1\n'));
    expect(error.message).toContain(
      "t.csv, row 3, column 'y': Poisson regression models counts, which cannot be negative; this row has -1.",
    );
    expect(error.fix).toMatch(/linear regression/);
  });

  it('refuses a count that is not a whole number, naming the row', () => {
    expect(() => counts('x,y\n1,2.5\n2,1\n')).toThrow(
      "t.csv, row 2, column 'y': Poisson regression models counts, which are whole numbers; this row has 2.5.",
    );
  });

  it('refuses text, as every numeric target does', () => {
    expect(() => counts('x,y\n1,a\n2,b\n')).toThrow(/The target must be numeric/);
  });
});
