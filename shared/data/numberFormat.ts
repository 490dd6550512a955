/**
 * How a file writes its numbers: the decimal mark, chosen ONCE per file, by the user or, when
 * not chosen, guessed from the file's first rows (guessDecimalMark). Every cell is then read
 * with that one mark; a cell is never read with the other mark because it happens to fit it.
 * Cells the other mark would read differently are named in a warning (columnBuilder.ts), so
 * nothing is read silently either way.
 *
 *   chosen '.'   12, -3.5, 1e-4 and thousands grouped: 1,037  1,234,567.5  1 037  1'037
 *   chosen ','   12, -3,5, 1e-4 and thousands grouped: 1.037  1.234.567,5  1 037  1'037
 *   guessed '.'  plain decimals (12, -3.5, 1e-4); the guess in all but ;-separated files
 *   guessed ','  decimal commas (0,5) and point-grouped thousands (1.037 = 1037, with a warning);
 *                the guess in a ;-separated file unless its first rows hold only point decimals
 */
export type DecimalMark = '.' | ',';

export interface NumberFormat {
  decimal: DecimalMark;
  /** Chosen by the user (then every kind of grouped thousands is read too), rather than guessed. */
  chosen: boolean;
}

const DECIMAL_POINT = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const DECIMAL_COMMA = /^[+-]?(?:\d+,?\d*|,\d+)(?:[eE][+-]?\d+)?$/;
const GROUPED_BY_COMMAS = /^[+-]?\d{1,3}(?:,\d{3})+(?:\.\d*)?(?:[eE][+-]?\d+)?$/;
const GROUPED_BY_POINTS = /^[+-]?\d{1,3}(?:\.\d{3})+(?:,\d*)?(?:[eE][+-]?\d+)?$/;
/** Thousands grouped by a space, a no-break space (U+00A0), a narrow one (U+202F) or an apostrophe. */
const GROUPED_BY_SPACES = /^[+-]?\d{1,3}(?:[ \u00a0\u202f']\d{3})+(?:[.,]\d*)?(?:[eE][+-]?\d+)?$/;
const GROUP_SPACES = /[ \u00a0\u202f']/g;

export function numberFormatFor(decimal: DecimalMark | undefined, delimiter: string): NumberFormat {
  if (decimal) return { decimal, chosen: true };
  return { decimal: delimiter === ';' ? ',' : '.', chosen: false };
}

/**
 * The mark a ;-separated file's first rows show: a comma unless they hold point decimals
 * (1.5, not the ambiguous 1.037) and no comma decimal. Other files keep the point: an unquoted
 * comma there is a delimiter, so a comma decimal is no evidence of the file's convention.
 */
export function guessDecimalMark(
  format: NumberFormat,
  rows: readonly (readonly string[])[],
): NumberFormat {
  if (format.chosen || format.decimal !== ',') return format;
  let points = 0;
  for (const record of rows)
    for (const cell of record) {
      const text = cell.trim();
      if (text.includes(',') && DECIMAL_COMMA.test(text)) return format;
      if (text.includes('.') && DECIMAL_POINT.test(text) && !GROUPED_BY_POINTS.test(text)) points++;
    }
  return points > 0 ? { decimal: '.', chosen: false } : format;
}

/** A plain decimal number with a point (12, -3.5, 1e-4), whatever the file's format. */
export function parseNumber(text: string): number | undefined {
  return DECIMAL_POINT.test(text) ? Number(text) : undefined;
}

const fromCommaDecimal = (text: string) => Number(text.replace(/\./g, '').replace(',', '.'));

function fromSpaceGrouped(text: string, decimal: DecimalMark): number | undefined {
  const decimalPart = /[.,]/.exec(text)?.[0];
  if (decimalPart !== undefined && decimalPart !== decimal) return undefined;
  return Number(text.replace(GROUP_SPACES, '').replace(',', '.'));
}

/** The number a (trimmed) cell holds in this format, or undefined if it is text. */
export function readNumber(text: string, format: NumberFormat): number | undefined {
  if (format.decimal === ',') {
    if (DECIMAL_COMMA.test(text) || GROUPED_BY_POINTS.test(text)) return fromCommaDecimal(text);
  } else {
    const plain = parseNumber(text);
    if (plain !== undefined) return plain;
    if (format.chosen && GROUPED_BY_COMMAS.test(text)) return Number(text.replace(/,/g, ''));
  }
  return format.chosen && GROUPED_BY_SPACES.test(text)
    ? fromSpaceGrouped(text, format.decimal)
    : undefined;
}

/** How a text cell (in a guessed format) would be a number if the mark were chosen. */
export type OtherNumber = 'comma' | 'point' | 'grouped';

/**
 * Why a cell that is text in this guessed format would be a number were the mark chosen:
 * written with a comma, with a point while the file uses commas, or with thousands grouped by
 * spaces or apostrophes. Undefined for text that is no number under either mark.
 */
export function otherNumber(text: string, format: NumberFormat): OtherNumber | undefined {
  if (format.chosen) return undefined;
  if (readNumber(text, { decimal: format.decimal, chosen: true }) !== undefined)
    return GROUPED_BY_SPACES.test(text) ? 'grouped' : 'comma';
  const other: DecimalMark = format.decimal === ',' ? '.' : ',';
  if (readNumber(text, { decimal: other, chosen: true }) === undefined) return undefined;
  return format.decimal === ',' ? 'point' : 'comma';
}

/**
 * A number this guessed format reads that the other mark would read differently: in a
 * decimal-comma file, point-grouped thousands (1.037 = 1037, or 1.037 as a decimal?).
 */
export function readsOtherwise(text: string, format: NumberFormat): boolean {
  return !format.chosen && format.decimal === ',' && text.includes('.');
}
