/**
 * Choosing one column among many (Target, observation weights, offset). A native <select> with
 * one <option> per column costs a DOM node per column in every such menu: a 20 000-column file
 * made 60 000 of them, a 1 s main-thread task to mount and tens of ms to reconcile on every
 * render. Beyond NATIVE_MENU_LIMIT columns the choice is a search box (ColumnSelect) whose
 * list holds only the best SHOWN_MATCHES matches of what was typed.
 */

/** Up to this many choices a native <select> stays: cheap, and scrolling it is still usable. */
export const NATIVE_MENU_LIMIT = 500;
/** The most matches a search-box list shows at once; typing more narrows them. */
export const SHOWN_MATCHES = 50;

export interface ColumnOption {
  name: string;
  /** Shown but not choosable (a column with a problem), with the reason after the name. */
  disabled?: boolean;
  note?: string;
}

export interface Matches {
  shown: ColumnOption[];
  /** How many options match in all (shown or not). */
  total: number;
}

/**
 * The options whose names contain `query` (case-insensitive), best first: the exact name, then
 * names that start with it, then the rest, each group in file order. An empty query matches
 * all, in file order. One pass over the options; only the first `limit` of each group are kept.
 */
export function columnMatches(
  options: readonly ColumnOption[],
  query: string,
  limit = SHOWN_MATCHES,
): Matches {
  const q = query.trim().toLowerCase();
  if (q === '') return { shown: options.slice(0, limit), total: options.length };
  const exact: ColumnOption[] = [];
  const prefix: ColumnOption[] = [];
  const inside: ColumnOption[] = [];
  let total = 0;
  for (const option of options) {
    const name = option.name.toLowerCase();
    const at = name.indexOf(q);
    if (at < 0) continue;
    total++;
    const group = name.length === q.length ? exact : at === 0 ? prefix : inside;
    if (group.length < limit) group.push(option);
  }
  return { shown: [...exact, ...prefix, ...inside].slice(0, limit), total };
}

/**
 * The column a typed text names, for a box left without picking from its list: the option of
 * exactly that name, else the only one of that name ignoring case; never a disabled one.
 */
export function namedOption(
  options: readonly ColumnOption[],
  text: string,
): ColumnOption | undefined {
  const exact = options.find((o) => o.name === text);
  if (exact) return exact.disabled ? undefined : exact;
  const lower = text.toLowerCase();
  const folded = options.filter((o) => o.name.toLowerCase() === lower);
  return folded.length === 1 && !folded[0]!.disabled ? folded[0] : undefined;
}
