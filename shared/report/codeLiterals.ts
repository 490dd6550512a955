/**
 * User text into generated R and Python code. Every column name, level, file name and filter
 * value goes into the Reproduce snippets through a dialect's `string` (a quoted literal with
 * quotes, backslashes and hidden characters escaped, so it can never end the literal or the line)
 * and any user text in a comment through its `comment` (hidden characters, CR and LF included,
 * shown as ⟨U+XXXX⟩, so it can never end the comment). Numbers go through `number`.
 */
import { markHidden, replaceHidden } from './unicode';

export interface CodeDialect {
  /** A double-quoted string literal that evaluates to exactly `text`. */
  string(text: string): string;
  /** A vector/list literal of strings. */
  strings(texts: readonly string[]): string;
  /** A one-line comment; `text` may hold user text. */
  comment(text: string): string;
}

/** The shortest decimal that reads back as exactly this double (JavaScript's own conversion). */
export function numberLiteral(value: number): string {
  // Number(): a value that is not a number (a damaged project) becomes NaN, never code.
  return String(Number(value));
}

const hex = (codePoint: number, digits: number) => codePoint.toString(16).padStart(digits, '0');
const quoteAndBackslash = (text: string) => text.replace(/["\\]/g, (c) => `\\${c}`);
const comment = (text: string) => `# ${markHidden(text)}`;
/** Escapes R and Python share, for readability; every other hidden character is spelled as a code point. */
const SHORT: Record<number, string> = { 9: '\\t', 10: '\\n', 13: '\\r' };

export const R: CodeDialect = {
  // R's \u{…} and \U{…} (never \x: R refuses a literal that mixes them). R strings cannot hold
  // NUL or an unpaired surrogate; those become U+FFFD (no file R reads can contain them).
  string: (text) =>
    `"${replaceHidden(
      quoteAndBackslash(text),
      (codePoint) =>
        SHORT[codePoint] ??
        (codePoint === 0 || (codePoint >= 0xd800 && codePoint <= 0xdfff)
          ? '\\u{FFFD}'
          : codePoint > 0xffff
            ? `\\U{${hex(codePoint, 6)}}`
            : `\\u{${hex(codePoint, 4)}}`),
    )}"`,
  strings: (texts) => `c(${texts.map((text) => R.string(text)).join(', ')})`,
  comment,
};

export const PYTHON: CodeDialect = {
  string: (text) =>
    `"${replaceHidden(
      quoteAndBackslash(text),
      (codePoint) =>
        SHORT[codePoint] ??
        (codePoint < 0x100
          ? `\\x${hex(codePoint, 2)}`
          : codePoint > 0xffff
            ? `\\U${hex(codePoint, 8)}`
            : `\\u${hex(codePoint, 4)}`),
    )}"`,
  strings: (texts) => `[${texts.map((text) => PYTHON.string(text)).join(', ')}]`,
  comment,
};
