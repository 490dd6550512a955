import { describe, expect, it } from 'vitest';
import { readCsvText } from '../../../shared/data/csv';
import { cellText, findColumn, isMissing } from '../../../shared/data/dataset';
import { prepareDesign } from '../../../shared/data/design';
import { DataError } from '../../../shared/data/errors';
import { mulberry32 } from '../../../shared/solver/random';

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

describe('the design matches a cell-by-cell construction', () => {
  // The fast paths (rows copied whole when none is dropped, missing cells marked per column)
  // against the definition: for each kept row, each feature's cell or its level's 0/1.
  const random = mulberry32(20261203);
  const cell = (kind: 'numeric' | 'text', missingShare: number) =>
    random() < missingShare
      ? 'NA'
      : kind === 'numeric'
        ? (random() * 10 - 5).toFixed(3)
        : ['a', 'b', 'c'][Math.floor(random() * 3)]!;

  for (const round of [0, 1, 2, 3, 4, 5]) {
    const missingShare = [0, 0.05, 0.3][round % 3]!;
    const impute = round >= 3;
    it(`${impute ? 'imputing' : 'dropping'} with ${missingShare * 100}% missing, with and without a filter`, () => {
      const kinds = ['numeric', 'text', 'numeric', 'numeric', 'text'] as const;
      const lines = ['y,keep,x1,g1,x2,x3,g2'];
      for (let i = 0; i < 60; i++) {
        const y = random() < 0.05 ? 'NA' : String(i);
        const keep = random() < 0.7 ? 'yes' : 'no';
        lines.push([y, keep, ...kinds.map((k) => cell(k, missingShare))].join(','));
      }
      const data = csv(`${lines.join('\n')}\n`);
      for (const rows of [undefined, [{ column: 'keep', value: 'yes' }]]) {
        const prepared = prepareDesign(data, {
          target: 'y',
          exclude: ['keep'],
          rows,
          missing: impute ? 'impute' : 'drop',
        });
        const features = data.columns.filter((c) => !['y', 'keep'].includes(c.name));
        const expectedRows: number[] = [];
        let cellsToImpute = 0;
        for (let i = 0; i < data.rowCount; i++) {
          if (rows && cellText(data.columns[1]!, i) !== 'yes') continue;
          if (isMissing(data.columns[0]!, i)) continue;
          const missingHere = features.filter((c) => isMissing(c, i)).length;
          if (!impute && missingHere > 0) continue;
          cellsToImpute += missingHere;
          expectedRows.push(i);
        }
        expect(Array.from(prepared.rowIndex)).toEqual(expectedRows);
        expect(prepared.cellsToImpute).toBe(impute ? cellsToImpute : 0);
        const { n, values } = prepared.design;
        prepared.columns.forEach((designColumn, j) => {
          const source = features.find((c) => c.name === designColumn.feature)!;
          const expected = expectedRows.map((i) => {
            if (source.kind === 'numeric') return source.values[i]!;
            if (isMissing(source, i)) return Number.NaN;
            return cellText(source, i) ===
              (designColumn.kind === 'level' ? designColumn.level : undefined)
              ? 1
              : 0;
          });
          expect(Array.from(values.subarray(j * n, (j + 1) * n))).toEqual(expected);
        });
      }
    });
  }

  it('finds columns by name in a file with thousands of them', () => {
    const p = 3000;
    const header = [...Array.from({ length: p }, (_, j) => `x${j}`), 'y'].join(',');
    const row = () => Array.from({ length: p + 1 }, () => random().toFixed(2)).join(',');
    const data = csv(`${header}\n${row()}\n${row()}\n${row()}\n`);
    const prepared = prepareDesign(data, { target: 'y' });
    expect(prepared.columns.map((c) => c.name)).toEqual(
      data.columns.slice(0, p).map((c) => c.name),
    );
    expect(findColumn(data, 'x2999')).toBe(data.columns[2999]);
    expect(findColumn(data, 'x3000')).toBeUndefined();
    expect(Array.from(prepared.y)).toEqual(
      Array.from((data.columns[p] as { values: Float64Array }).values),
    );
  });
});
