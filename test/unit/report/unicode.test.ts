/** Which characters of a name are hidden (marked when shown, escaped in code), and the warning. */
import { describe, expect, it } from 'vitest';
import {
  hasHiddenCharacters,
  hiddenCharacterWarning,
  markHidden,
} from '../../../shared/report/unicode';

describe('hidden characters in names', () => {
  it('marks controls, line and paragraph separators, bidi, zero-width and odd spaces', () => {
    const hidden = [
      '\n',
      '\r',
      '\t',
      '\0',
      '\u0085',
      '\u00a0',
      '\u061c',
      '\u200b',
      '\u200c',
      '\u200d',
      '\u200e',
      '\u200f',
      '\u2028',
      '\u2029',
      ...['\u202a', '\u202b', '\u202c', '\u202d', '\u202e'],
      ...['\u2066', '\u2067', '\u2068', '\u2069'],
      '\u2060',
      '\ufeff',
      '\ud800',
      '\ue000',
    ];
    for (const c of hidden) {
      const label = `U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
      expect(hasHiddenCharacters(`a${c}b`), label).toBe(true);
      expect(markHidden(`a${c}b`)).toBe(`a⟨${label}⟩b`);
    }
  });

  it('leaves ordinary text alone: spaces, accents, other scripts, emoji', () => {
    for (const name of ['price (USD)', 'größe', 'שם', 'الاسم', '名前', 'x😀', 'a-b_c.d=e']) {
      expect(hasHiddenCharacters(name), name).toBe(false);
      expect(markHidden(name)).toBe(name);
    }
  });

  it('warns once, naming the marked names', () => {
    expect(hiddenCharacterWarning(['a', 'b'])).toBeUndefined();
    expect(hiddenCharacterWarning(['a', 'x\u202ey', 'x\u202ey'])).toBe(
      "A name holds invisible or direction-changing characters, shown as ⟨U+…⟩: 'x⟨U+202E⟩y'. Check the file's header and values if this is unexpected.",
    );
    const many = Array.from({ length: 7 }, (_, i) => `n${i}\u200b`);
    expect(hiddenCharacterWarning(many)).toMatch(/^7 names hold .*'n4⟨U\+200B⟩', …\./);
  });
});
