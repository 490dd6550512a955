/**
 * Plain decimal numbers read straight from bytes, with no string made: the fast path of the
 * byte reader (byteCsv.ts). It accepts exactly the cells numberFormat.ts's DECIMAL_POINT
 * accepts (sign, digits, an optional point, an optional exponent, no spaces) and returns the
 * same double as Number(text), bit for bit — or NOT_FAST when it cannot promise that, so the
 * caller reads that one cell the ordinary way.
 *
 * Exactness (Clinger's fast path): when the digits, read as one integer m, are below 2^53 and
 * the power of ten k is at most 22 in size, m and 10^|k| are both exact doubles, so the single
 * IEEE multiplication or division m·10^k rounds correctly, as Number() does. Anything else
 * (17+ significant digits, large exponents, so every overflow and underflow) is NOT_FAST.
 */

/** 10^0 … 10^22, every one an exact double. */
const POWERS = Float64Array.from({ length: 23 }, (_, k) => 10 ** k);
const TWO_53 = 2 ** 53;

/** The result when the bytes are not a number this path reads exactly (read them as text). */
export const NOT_FAST = Number.NaN;

/**
 * Where the last fastNumberAt call stopped reading: the first byte that is no part of a
 * number. The cell is that number only if this byte ends the cell (a delimiter, a line ending).
 */
export let numberEnd = 0;

/**
 * The plain decimal at the start of bytes[p…], or NOT_FAST (NaN: no plain decimal is NaN);
 * sets numberEnd. The bytes must hold a byte past the number that is not a digit, point, sign
 * or exponent mark (the byte reader guarantees a line ending), so no bound is checked.
 */
export function fastNumberAt(bytes: Uint8Array, p: number): number {
  let negative = false;
  let c = bytes[p]!;
  if (c === 0x2d || c === 0x2b) {
    negative = c === 0x2d;
    c = bytes[++p]!;
  }
  // Leading zeros cost nothing: m stays 0 through them.
  let m = 0;
  const intStart = p;
  let d = c - 0x30;
  while (d >= 0 && d <= 9) {
    m = m * 10 + d;
    d = bytes[++p]! - 0x30;
  }
  let seen = p - intStart;
  let exponent = 0;
  if (d === 0x2e - 0x30) {
    const fracStart = ++p;
    // Two digits a step: one multiply-add on m per pair halves the chain of dependent
    // floating-point operations that bounds this loop (a fraction has ~6 digits). A digit at p
    // is never the last byte (the bytes end past the number), so p + 1 may be read.
    for (;;) {
      const d1 = bytes[p]! - 0x30;
      if (d1 >>> 0 > 9) {
        d = d1;
        break;
      }
      const d2 = bytes[p + 1]! - 0x30;
      if (d2 >>> 0 > 9) {
        m = m * 10 + d1;
        d = d2;
        p++;
        break;
      }
      m = m * 100 + (d1 * 10 + d2);
      p += 2;
    }
    exponent = fracStart - p;
    seen += p - fracStart;
  }
  numberEnd = p;
  if (seen === 0) return NOT_FAST;
  c = d + 0x30;
  if (c === 0x65 || c === 0x45) {
    c = bytes[++p]!;
    let sign = 1;
    if (c === 0x2d || c === 0x2b) {
      if (c === 0x2d) sign = -1;
      c = bytes[++p]!;
    }
    d = c - 0x30;
    if (!(d >= 0 && d <= 9)) {
      numberEnd = p;
      return NOT_FAST;
    }
    let e = 0;
    while (d >= 0 && d <= 9) {
      if (e < 100000) e = e * 10 + d;
      d = bytes[++p]! - 0x30;
    }
    exponent += sign * e;
    numberEnd = p;
  }
  // Every partial sum of m (a digit or a pair at a time) is below the final one, so m is exact if it ends below 2^53 (and
  // if the true m is 2^53 or more, the rounded one is too: rounding is monotone).
  if (m >= TWO_53) return NOT_FAST;
  let value: number;
  if (m === 0) value = 0;
  else if (exponent >= 0) {
    if (exponent > 22) return NOT_FAST;
    value = m * POWERS[exponent]!; // below 2^53·10^22: finite, never subnormal
  } else {
    if (exponent < -22) return NOT_FAST;
    value = m / POWERS[-exponent]!;
  }
  return negative ? -value : value;
}

/** The number `text` is, read as the byte reader reads a whole cell (for tests and the curious): NOT_FAST unless all of it is a plain decimal this path reads exactly. */
export function fastNumber(text: string): number {
  const bytes = new Uint8Array(text.length + 1);
  for (let k = 0; k < text.length; k++) {
    const code = text.charCodeAt(k);
    if (code >= 0x80) return NOT_FAST;
    bytes[k] = code;
  }
  bytes[text.length] = 0x0a;
  const value = fastNumberAt(bytes, 0);
  return numberEnd === text.length ? value : NOT_FAST;
}
