/**
 * A text value a column has seen before is read without its number patterns (repeatText):
 * counts, notes and codes must be those of reading every cell in full.
 */
import { describe, expect, it } from 'vitest';
import { ColumnBuilder } from '../../../shared/data/columnBuilder';

function build(cells: string[]) {
  const builder = new ColumnBuilder('c', new Set(['', 'NA']));
  cells.forEach((cell, k) => {
    builder.add(cell, k + 2);
  });
  return { column: builder.finish(), notes: builder.numberNotes() };
}

describe('repeated text cells', () => {
  it('count every repeat of a number written as text, so the note still applies', () => {
    const { notes } = build(['1,5', '2,5', '1,5', ' 1,5 ', '1,5', 'NA', '2,5']);
    expect(notes.map((note) => note.code)).toEqual(['comma-numbers-as-text']);
    expect(notes[0]!.message).toContain("'1,5' at row 2");
  });

  it('count every repeated text cell of a numeric column, naming the first', () => {
    const { column } = build(['1', 'x', '2', 'x', '3', ' x', 'y', '4', '5', '6']);
    expect(column.kind).toBe('numeric');
    expect(column.problem?.message).toBe(
      "This numeric column has 4 text cells, first 'x' at row 3.",
    );
  });

  it('code repeated levels as their first occurrence', () => {
    const { column } = build(['b', 'a', 'b', '1', 'a', 'NA', 'b', '1.0']);
    expect(column.kind).toBe('categorical');
    if (column.kind !== 'categorical') return;
    expect(column.levels).toEqual(['1', '1.0', 'a', 'b']);
    expect(Array.from(column.codes)).toEqual([3, 2, 3, 0, 2, -1, 3, 1]);
  });
});
