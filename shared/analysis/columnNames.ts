/** Names given in the settings (penalty factors, coefficient bounds) → design columns. */
import type { PreparedDesign } from '../data/design';
import { DataError } from '../data/errors';

/**
 * The design columns a name given in the settings means: the design column of that name, or
 * every column of the feature of that name; else a DataError naming what was given for it
 * (`what`, with its article: a penalty factor, an upper limit; and its short name, for the fix).
 */
export function columnsNamed(
  prepared: Pick<PreparedDesign, 'columns' | 'features'>,
  name: string,
  [what, short]: readonly [string, string],
  fileName: string,
): number[] {
  const column = prepared.columns.findIndex((c) => c.name === name);
  if (column >= 0) return [column];
  if (prepared.features.includes(name)) {
    return prepared.columns.flatMap((c, j) => (c.feature === name ? [j] : []));
  }
  // A two-level feature's reference level has no column of its own (it is the 0 of its
  // one 0/1 column): say so, rather than that it is no feature.
  const single = prepared.columns.find(
    (c) =>
      c.kind === 'level' && c.reference !== undefined && `${c.feature}=${c.reference}` === name,
  );
  if (single)
    throw new DataError(
      `${capitalized(what)} is given for '${name}', but '${single.feature}' has two levels and is one 0/1 column, '${single.name}', with no column of its own for its reference level.`,
      { file: fileName },
      `Give the ${short} to '${single.name}' (or '${single.feature}'), or code two-level features with a column per level (one-hot).`,
    );
  throw new DataError(
    `${capitalized(what)} is given for '${name}', which is not a feature of this model.`,
    { file: fileName },
    `Use one of: ${prepared.columns.map((c) => c.name).join(', ')}.`,
  );
}

const capitalized = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
