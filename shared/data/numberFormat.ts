/**
 * How a file writes its numbers: the decimal mark, chosen by the user or, when not chosen,
 * guessed only where there is no doubt. A semicolon-separated file is the European convention
 * (Excel writes `0,5` there), so its decimal commas are numbers; in any other file `0,5` or
 * `1,037` could be a decimal or a thousands grouping, so such cells stay text and the reader
 * warns how to choose (`--decimal ,` or `--decimal .`).
 *
 *   chosen '.'   12, -3.5, 1e-4 and thousands grouped with commas: 1,037  1,234,567.5
 *   chosen ','   12, -3,5, 1e-4 and thousands grouped with points: 1.037  1.234.567,5
 *   guessed      plain decimals (12, -3.5, 1e-4); in a ;-separated file also 0,5 and 1,25
 */
export type DecimalMark = '.' | ',';

export interface NumberFormat {
  decimal: DecimalMark;
  /** Chosen by the user (then grouped thousands are read too), rather than guessed. */
  chosen: boolean;
}

const DECIMAL_POINT = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const DECIMAL_COMMA = /^[+-]?(?:\d+,?\d*|,\d+)(?:[eE][+-]?\d+)?$/;
const GROUPED_BY_COMMAS = /^[+-]?\d{1,3}(?:,\d{3})+(?:\.\d*)?(?:[eE][+-]?\d+)?$/;
const GROUPED_BY_POINTS = /^[+-]?\d{1,3}(?:\.\d{3})+(?:,\d*)?(?:[eE][+-]?\d+)?$/;

export function numberFormatFor(decimal: DecimalMark | undefined, delimiter: string): NumberFormat {
  if (decimal) return { decimal, chosen: true };
  return { decimal: delimiter === ';' ? ',' : '.', chosen: false };
}

/** A plain decimal number with a point (12, -3.5, 1e-4), whatever the file's format. */
export function parseNumber(text: string): number | undefined {
  return DECIMAL_POINT.test(text) ? Number(text) : undefined;
}

const fromCommaDecimal = (text: string) => Number(text.replace(/\./g, '').replace(',', '.'));

/** The number a (trimmed) cell holds in this format, or undefined if it is text. */
export function readNumber(text: string, format: NumberFormat): number | undefined {
  if (format.decimal === ',') {
    if (DECIMAL_COMMA.test(text)) return fromCommaDecimal(text);
    if (format.chosen) return GROUPED_BY_POINTS.test(text) ? fromCommaDecimal(text) : undefined;
    return parseNumber(text);
  }
  const plain = parseNumber(text);
  if (plain !== undefined || !format.chosen) return plain;
  return GROUPED_BY_COMMAS.test(text) ? Number(text.replace(/,/g, '')) : undefined;
}

/** A cell that is a number written with a comma, as a decimal mark or a thousands grouping. */
export function hasCommaNumber(text: string): boolean {
  return (
    text.includes(',') &&
    (DECIMAL_COMMA.test(text) || GROUPED_BY_COMMAS.test(text) || GROUPED_BY_POINTS.test(text))
  );
}
