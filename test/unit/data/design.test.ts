import { describe, expect, it } from 'vitest';
import { readCsvText } from '../../../shared/data/csv';
import { prepareDesign } from '../../../shared/data/design';
import { DataError } from '../../../shared/data/errors';

const csv = (text: string) => readCsvText(text, { fileName: 't.csv' });

describe('reading CSV text into typed columns', () => {
  it('types numeric and categorical columns and treats missing markers as missing', () => {
    const data = csv('x,g,y\n1,b,2\nNA,a,3\n2.5e1,b,.\n');
    const [x, g, y] = data.columns;
    expect(x).toMatchObject({ kind: 'numeric', missing: 1 });
    expect(Array.from((x as { values: Float64Array }).values)).toEqual([1, Number.NaN, 25]);
    expect(g).toMatchObject({ kind: 'categorical', levels: ['a', 'b'], missing: 0 });
    expect(y).toMatchObject({ kind: 'numeric', missing: 1 });
  });

  it('names the row whose field count does not match the header', () => {
    expect(() => csv('a,b\n1,2\n3\n')).toThrow(
      /t\.csv, row 3: This row has 1 field but the header has 2/,
    );
  });

  it('makes duplicate and empty header names unique, with a warning', () => {
    const data = csv('x,x,,y\n1,2,3,4\n5,6,7,9\n');
    expect(data.columns.map((c) => c.name)).toEqual(['x', 'x_2', 'column_3', 'y']);
    expect(data.warnings).toEqual([
      expect.objectContaining({ code: 'renamed-column', columns: ['x_2'] }),
      expect.objectContaining({ code: 'renamed-column', columns: ['column_3'] }),
    ]);
  });

  it('never renames a duplicate onto a name the file already has, or onto another new name', () => {
    const data = csv('a,a,a_2,y,,column_5\n1,2,3,4,5,6\n7,8,9,10,11,12\n');
    expect(data.columns.map((c) => c.name)).toEqual([
      'a',
      'a_3',
      'a_2',
      'y',
      'column_5_2',
      'column_5',
    ]);
    // The file's own a_2 keeps its values.
    expect(Array.from((data.columns[2] as { values: Float64Array }).values)).toEqual([3, 9]);
    expect(data.warnings[0]!.message).toMatch(
      /'a' appears more than once; column 2 is called 'a_3'/,
    );
  });
});

describe('building the design matrix', () => {
  const data = csv(
    'y,color,size,split\n1,red,1,T\n2,blue,2,T\n3,red,,T\n4,green,4,F\n5,blue,5,T\n',
  );

  it('one-hot codes categorical features with sorted levels named column=level', () => {
    const prepared = prepareDesign(data, { target: 'y', features: ['color', 'size'] });
    expect(prepared.columns.map((c) => c.name)).toEqual([
      'color=blue',
      'color=green',
      'color=red',
      'size',
    ]);
    expect(prepared.columns.map((c) => c.feature)).toEqual(['color', 'color', 'color', 'size']);
    const { n, values } = prepared.design;
    expect(n).toBe(4);
    expect(Array.from(values.subarray(0, n))).toEqual([0, 1, 0, 1]); // blue
    expect(Array.from(values.subarray(3 * n, 4 * n))).toEqual([1, 2, 4, 5]); // size
  });

  it('drops rows incomplete on the used columns and reports how many', () => {
    const prepared = prepareDesign(data, { target: 'y', features: ['color', 'size'] });
    expect(prepared.rowsDropped).toBe(1);
    expect(Array.from(prepared.rowIndex)).toEqual([0, 1, 3, 4]);
    expect(prepared.warnings[0]!.code).toBe('rows-dropped');
    expect(prepared.warnings[0]!.message).toMatch(
      /1 row with a missing target or feature value was dropped/,
    );
    // Without the incomplete column nothing is dropped.
    expect(prepareDesign(data, { target: 'y', features: ['color'] }).rowsDropped).toBe(0);
  });

  it('keeps only rows matching a filter, and leaves the filter column out of the features', () => {
    const prepared = prepareDesign(data, { target: 'y', rows: [{ column: 'split', value: 'T' }] });
    expect(prepared.features).toEqual(['color', 'size']);
    expect(prepared.rowsFiltered).toBe(1);
    expect(Array.from(prepared.y)).toEqual([1, 2, 5]);
    // Only levels present in the used rows become columns (green only occurs in a filtered row).
    expect(prepared.columns.map((c) => c.name)).toEqual(['color=blue', 'color=red', 'size']);
  });

  it('refuses a categorical target with a message naming the column', () => {
    expect(() => prepareDesign(data, { target: 'color' })).toThrow(DataError);
    expect(() => prepareDesign(data, { target: 'color' })).toThrow(
      /column 'color': The target must be numeric/,
    );
  });
});
