/** The feature list's helpers: what the search box matches, and which rows a scroll renders. */
import { describe, expect, it } from 'vitest';
import { featureFilter, listOfNames } from '../../../renderer/lib/featureFilter';
import { visibleRows } from '../../../renderer/lib/virtualRows';

const names = ['x1', 'x2', 'x10', 'x11', 'Age', 'age_group', 'bmi', 'a.b'];
const shown = (text: string) => names.filter(featureFilter(text));

describe('featureFilter', () => {
  it('matches everything when empty, a fragment case-insensitively otherwise', () => {
    expect(shown('  ')).toEqual(names);
    expect(shown('AGE')).toEqual(['Age', 'age_group']);
  });

  it('treats * and ? as a whole-name pattern, other characters literally', () => {
    expect(shown('x1*')).toEqual(['x1', 'x10', 'x11']);
    expect(shown('x?')).toEqual(['x1', 'x2']);
    expect(shown('a.*')).toEqual(['a.b']);
  });

  it('takes a pasted list (commas, tabs or new lines) as exact names', () => {
    expect(shown('x1, bmi\nage')).toEqual(['x1', 'Age', 'bmi']);
    expect(shown('x1\tx2')).toEqual(['x1', 'x2']);
  });

  it("turns a pasted column (one name a line) into the box's comma list", () => {
    expect(listOfNames('x1\r\nx2\r\n\r\nbmi\n')).toBe('x1, x2, bmi');
    expect(shown(listOfNames('x1\nAge'))).toEqual(['x1', 'Age']);
  });
});

describe('visibleRows', () => {
  it('renders the rows in view plus the overscan, clamped to the list', () => {
    expect(visibleRows(0, 220, 26, 20_000, 8)).toEqual({ start: 0, end: 17 });
    expect(visibleRows(26 * 1000, 220, 26, 20_000, 8)).toEqual({ start: 992, end: 1017 });
    expect(visibleRows(26 * 19_999, 220, 26, 20_000, 8)).toEqual({ start: 19_991, end: 20_000 });
    expect(visibleRows(0, 220, 26, 3)).toEqual({ start: 0, end: 3 });
    expect(visibleRows(0, 220, 26, 0)).toEqual({ start: 0, end: 0 });
  });
});
