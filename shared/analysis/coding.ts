/**
 * How the text features of a fit were coded, in words, from its design column records (never
 * from column names): the app, the report and the CLI summary state it the same way, so an
 * analyst always knows what a two-level feature's coefficient compares.
 *
 *   single   "Two-level text features are one 0/1 column each: Sex is 1 for M, 0 for F."
 *   one-hot  "Text features have one 0/1 column per level (glmnet's full one-hot coding; a
 *            two-level feature's two columns are collinear, so the lasso may split its effect)."
 */
import type { DesignColumn } from '../data/design';

/** A two-level feature coded as one 0/1 column: the level coded 1 and the level coded 0. */
export interface TwoLevelDummy {
  feature: string;
  level: string;
  reference: string;
}

export function twoLevelDummies(columns: readonly DesignColumn[]): TwoLevelDummy[] {
  return columns.flatMap((c) =>
    c.kind === 'level' && c.reference !== undefined
      ? [{ feature: c.feature, level: c.level, reference: c.reference }]
      : [],
  );
}

/** How many levels each one-hot coded feature has (features with a reference level left out). */
function oneHotFeatures(columns: readonly DesignColumn[]): Map<string, number> {
  const levels = new Map<string, number>();
  for (const c of columns)
    if (c.kind === 'level' && c.reference === undefined)
      levels.set(c.feature, (levels.get(c.feature) ?? 0) + 1);
  return levels;
}

/**
 * The coding of the text features as sentences, or an empty list when there are none.
 * `name` formats a column name or level for its medium (quoted, escaped, isolated).
 */
export function codingSentences(
  columns: readonly DesignColumn[],
  name: (text: string) => string = (text) => `'${text}'`,
): string[] {
  const dummies = twoLevelDummies(columns);
  const oneHot = oneHotFeatures(columns);
  const sentences: string[] = [];
  if (dummies.length > 0) {
    const each = dummies.map(
      (d) => `${name(d.feature)} is 1 for ${name(d.level)}, 0 for ${name(d.reference)}`,
    );
    sentences.push(
      `${dummies.length === 1 ? 'The two-level text feature is one 0/1 column' : 'Two-level text features are one 0/1 column each'}: ${each.join('; ')}.`,
    );
  }
  if (oneHot.size > 0) {
    const twoLevel = [...oneHot.values()].some((count) => count === 2);
    sentences.push(
      dummies.length > 0
        ? 'Text features with more levels have one 0/1 column per level.'
        : twoLevel
          ? "Text features have one 0/1 column per level (glmnet's full one-hot coding): a two-level feature's two columns are collinear, so the lasso may split its effect between them."
          : 'Text features have one 0/1 column per level.',
    );
  }
  return sentences;
}
