/** A dataset whose column name and level are HTML that would run script if not escaped. */
export const HOSTILE_COLUMN = '<img src=x onerror=alert(1)>';
export const HOSTILE_LEVEL = '<script>alert(2)</script>';

export function hostileCsv(): string {
  const lines = [`"${HOSTILE_COLUMN}",group,y`];
  for (let i = 0; i < 80; i++) {
    const x = ((i * 37) % 23) / 3;
    const group = i % 3 === 0 ? HOSTILE_LEVEL : i % 3 === 1 ? 'b' : 'c';
    lines.push(`${x.toFixed(3)},"${group}",${(2 * x + (i % 3) + ((i * 7) % 5) / 5).toFixed(3)}`);
  }
  return `${lines.join('\n')}\n`;
}

/**
 * Names and values that try to break out of a string literal or a comment in the generated R
 * and Python code: each carries a PWNED marker that must only ever appear inside a literal or a
 * comment, never as code. Line breaks of every kind (LF, CR, U+0085, U+2028, U+2029), quotes,
 * backslashes, and bidi and zero-width characters that would reorder or hide text.
 */
export const INJECTION = {
  target: 'y\nimport os; os.system("PWNED_target") #',
  numeric: 'x\r\nPWNED_numeric <- 1 # "quote" \\ back',
  separator: 'w\u2028PWNED_separator = 1\u2029PWNED_paragraph = 2',
  nextLine: "v\u0085PWNED_nextline = 1 # ' `backtick`",
  categorical: 'g\u202ePWNED_bidi\u2066 = 1\u2069\u200b',
  levels: ['a\nPWNED_level = 1', 'b"); PWNED_quote("', 'c\\"\nPWNED_backslash'],
  filterValue: 'keep\nPWNED_filter(1)',
  testValue: 'te"st\rPWNED_test',
  fileName: 'data\n"; PWNED_file(); ".csv',
  weights: 'wt\n"); PWNED_weights("',
  offset: "off\u2028PWNED_offset = 1 # '",
} as const;

/** A CSV whose header, levels and filter values are INJECTION's (every name quoted). */
export function injectionCsv(): string {
  const q = (text: string) => `"${text.replace(/"/g, '""')}"`;
  const header = [
    INJECTION.target,
    INJECTION.numeric,
    INJECTION.separator,
    INJECTION.nextLine,
    INJECTION.categorical,
    'subset',
    'split',
    INJECTION.weights,
    INJECTION.offset,
  ];
  const lines = [header.map(q).join(',')];
  for (let i = 0; i < 90; i++) {
    const x = ((i * 37) % 23) / 3;
    const w = ((i * 11) % 17) / 4;
    const v = i % 9 === 4 ? '' : String((i * 5) % 7);
    const level = INJECTION.levels[i % 3]!;
    const y = 2 * x - w + (i % 3) + ((i * 7) % 5) / 5;
    const subset = i % 10 === 9 ? 'other' : INJECTION.filterValue;
    const split = i % 4 === 0 ? INJECTION.testValue : 'train';
    const weight = 1 + (i % 3);
    const offset = (i % 4) / 2;
    lines.push(
      [y.toFixed(3), x.toFixed(3), w, v, q(level), q(subset), q(split), weight, offset].join(','),
    );
  }
  return `${lines.join('\n')}\n`;
}
