/**
 * Counts in words people read: "1 column", "2 columns", never "column(s)". Every message and
 * label that shows a count goes through these, in the renderer, the report, the CLI and the
 * layers that warn.
 */

/** `count` and the noun, singular for exactly 1 ("1 row", "0 rows", "1,024 rows"). */
export function plural(count: number, singular: string, pluralForm = `${singular}s`): string {
  return `${count.toLocaleString('en-US')} ${count === 1 ? singular : pluralForm}`;
}

/** The noun alone, agreeing with `count` ("feature" for 1, "features" otherwise). */
export function nounFor(count: number, singular: string, pluralForm = `${singular}s`): string {
  return count === 1 ? singular : pluralForm;
}

/** "2", "2 and 5", "2, 5 and 7". */
export function listWithAnd(items: readonly (string | number)[]): string {
  const words = items.map(String);
  if (words.length <= 1) return words.join('');
  return `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`;
}
