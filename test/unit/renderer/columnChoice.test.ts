/** Choosing one column among many: the search box's matches and what a typed name means. */
import { describe, expect, it } from 'vitest';
import {
  type ColumnOption,
  columnMatches,
  NATIVE_MENU_LIMIT,
  namedOption,
  SHOWN_MATCHES,
} from '../../../renderer/lib/columnChoice';

const wide: ColumnOption[] = Array.from({ length: 20_000 }, (_, j) => ({ name: `x${j + 1}` }));

describe('columnMatches', () => {
  it('shows at most SHOWN_MATCHES of 20 000 columns and counts them all', () => {
    const all = columnMatches(wide, '');
    expect(all.total).toBe(20_000);
    expect(all.shown).toHaveLength(SHOWN_MATCHES);
    expect(all.shown[0]!.name).toBe('x1');
    expect(NATIVE_MENU_LIMIT).toBeLessThan(wide.length);
  });

  it('puts the exact name first, then names starting with the text, then the rest', () => {
    const options = [{ name: 'max12' }, { name: 'x12b' }, { name: 'X12' }, { name: 'ax12' }];
    expect(columnMatches(options, 'x12').shown.map((o) => o.name)).toEqual([
      'X12',
      'x12b',
      'max12',
      'ax12',
    ]);
    const some = columnMatches(wide, 'x1999');
    // x1999 and x19990…x19999.
    expect(some.total).toBe(11);
    expect(some.shown[0]!.name).toBe('x1999');
  });

  it('says when nothing matches', () => {
    expect(columnMatches(wide, 'price')).toEqual({ shown: [], total: 0 });
  });
});

describe('namedOption', () => {
  const options = [{ name: 'y' }, { name: 'Y2' }, { name: 'bad', disabled: true }];
  it('takes the exact name, or the only one equal ignoring case, never a disabled one', () => {
    expect(namedOption(options, 'y')?.name).toBe('y');
    expect(namedOption(options, 'y2')?.name).toBe('Y2');
    expect(namedOption(options, 'bad')).toBeUndefined();
    expect(namedOption(options, 'x')).toBeUndefined();
    expect(namedOption([{ name: 'a' }, { name: 'A' }], 'a')?.name).toBe('a');
    expect(namedOption([{ name: 'a' }, { name: 'A' }], 'á')).toBeUndefined();
  });
});
