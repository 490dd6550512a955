import { describe, expect, it } from 'vitest';
import { listWithAnd, nounFor, plural } from '../../../shared/plural';
import { groupWarnings, warningGroupText } from '../../../shared/warning';

describe('counts in words (issue 16, item 14)', () => {
  it('say "1 column" and "2 columns", never "column(s)"', () => {
    expect(plural(1, 'column')).toBe('1 column');
    expect(plural(0, 'column')).toBe('0 columns');
    expect(plural(2, 'column')).toBe('2 columns');
    expect(plural(1024, 'row')).toBe('1,024 rows');
    expect(plural(3, 'λ value')).toBe('3 λ values');
    expect(plural(2, 'fold', 'folds')).toBe('2 folds');
    expect(nounFor(1, 'feature')).toBe('feature');
    expect(nounFor(5, 'feature')).toBe('features');
  });

  it('list with commas and a final "and"', () => {
    expect(listWithAnd([])).toBe('');
    expect(listWithAnd([2])).toBe('2');
    expect(listWithAnd([2, 5])).toBe('2 and 5');
    expect(listWithAnd([2, 5, 7])).toBe('2, 5 and 7');
  });
});

describe('warning groups (issue 16, item 14)', () => {
  it('collapse per-fold repeats into one line and keep other warnings apart', () => {
    const groups = groupWarnings([
      { code: 'rows-dropped', message: '2 rows were dropped.' },
      { code: 'not-converged', fold: 7, message: 'Fold 7: No convergence.' },
      { code: 'not-converged', fold: 2, message: 'Fold 2: No convergence.' },
      { code: 'not-converged', fold: 5, message: 'Fold 5: No convergence.' },
      { code: 'not-converged', fold: 3, message: 'Fold 3: Something else.' },
      { code: 'not-converged', message: 'No convergence.' },
    ]);
    expect(groups.map(warningGroupText)).toEqual([
      '2 rows were dropped.',
      'In folds 2, 5 and 7: No convergence.',
      'In fold 3: Something else.',
      'No convergence.',
    ]);
  });
});
