/**
 * Characters in user text (column names, levels, file names) that a reader cannot see or that
 * change how the text around them is laid out: control characters (CR, LF, NUL, …), line and
 * paragraph separators (U+2028/2029, and U+0085 which is a control), format characters (bidi
 * embeddings, overrides and isolates such as U+202E, zero-width spaces and joiners, the BOM),
 * unpaired surrogates, private-use and unassigned code points, and every space but U+0020.
 * Shown to people, they are marked as ⟨U+XXXX⟩; written into code, they are escaped.
 */
const HIDDEN = /(?! )[\p{C}\p{Z}]/gu;

/** "U+202E": the Unicode name of a code point, four hex digits at least. */
export function codePointLabel(codePoint: number): string {
  return `U+${codePoint.toString(16).toUpperCase().padStart(4, '0')}`;
}

export function hasHiddenCharacters(text: string): boolean {
  HIDDEN.lastIndex = 0;
  return HIDDEN.test(text);
}

/** Replace each hidden character by what `spell` makes of its code point. */
export function replaceHidden(text: string, spell: (codePoint: number) => string): string {
  return text.replace(HIDDEN, (c) => spell(c.codePointAt(0)!));
}

/** The text with each hidden character shown as ⟨U+XXXX⟩ (plain text, for people to read). */
export function markHidden(text: string): string {
  return replaceHidden(text, (codePoint) => `⟨${codePointLabel(codePoint)}⟩`);
}

/**
 * One warning naming the names that hold hidden characters (marked), or undefined when none
 * does. The names themselves are kept exactly as they are: this only says how they are shown.
 */
export function hiddenCharacterWarning(names: readonly string[]): string | undefined {
  const marked = [...new Set(names)].filter(hasHiddenCharacters).map(markHidden);
  if (marked.length === 0) return undefined;
  const listed = marked
    .slice(0, 5)
    .map((name) => `'${name}'`)
    .join(', ');
  return `${marked.length === 1 ? 'A name holds' : `${marked.length} names hold`} invisible or direction-changing characters, shown as ⟨U+…⟩: ${listed}${marked.length > 5 ? ', …' : ''}. Check the file's header and values if this is unexpected.`;
}
