import { describe, expect, it } from 'vitest';
import { proposeFamily } from '../../../shared/analysis/familyProposal';
import { readCsvText } from '../../../shared/data/csv';
import { summarizeDataset } from '../../../shared/data/summary';

/** The summary of one column read from CSV text, as the app sees it. */
function column(cells: string[]) {
  const dataset = readCsvText(`v\n${cells.join('\n')}\n`, { fileName: 't.csv' });
  return summarizeDataset(dataset).columns[0]!;
}

describe('proposeFamily', () => {
  it('proposes logistic for two text levels, with the levels in code-unit order', () => {
    const p = proposeFamily(column(['Yes', 'No', 'No', 'Yes', 'No']));
    expect(p).toEqual({
      family: 'binomial',
      reason: '2 levels: No, Yes → logistic',
      classes: ['No', 'Yes'],
    });
    // Code units, not locale: upper case sorts before lower case.
    expect(proposeFamily(column(['b', 'B', 'b'])).classes).toEqual(['B', 'b']);
  });

  it('proposes logistic for two numeric values, ascending', () => {
    const p = proposeFamily(column(['1', '0', '1', '1']));
    expect(p.family).toBe('binomial');
    expect(p.classes).toEqual(['0', '1']);
    expect(proposeFamily(column(['2.5', '-1', '2.5'])).reason).toBe('2 values: -1, 2.5 → logistic');
  });

  it('proposes Poisson for whole numbers from 0 with more than two values', () => {
    expect(proposeFamily(column(['0', '3', '11', '2', '0']))).toEqual({
      family: 'poisson',
      reason: 'whole numbers from 0 (counts) → Poisson',
    });
    // A whole-number score that never reaches 0 reads as a measurement.
    expect(proposeFamily(column(['151', '75', '25', '346'])).family).toBe('gaussian');
  });

  it('proposes linear regression otherwise', () => {
    expect(proposeFamily(column(['0', '1.5', '3'])).family).toBe('gaussian'); // not whole
    expect(proposeFamily(column(['-1', '0', '3'])).family).toBe('gaussian'); // negative
    expect(proposeFamily(column(['4', '4', '4'])).family).toBe('gaussian'); // one value
    expect(proposeFamily(column(['a', 'b', 'c'])).family).toBe('gaussian'); // three levels
  });

  it('counts distinct values wherever the third one appears', () => {
    expect(proposeFamily(column(['0', '1', '0', '1', '2'])).family).toBe('poisson');
    expect(proposeFamily(column(['1', '1', '0', '0', '1'])).family).toBe('binomial');
    expect(column(['5', '', '7', '5']).twoValues).toEqual([5, 7]);
    expect(column(['5', '6', '7']).twoValues).toBeUndefined();
  });
});
