/**
 * What the feature search box means: a pasted list of names (separated by commas, tabs or new
 * lines) picks those columns; a pattern with * or ? matches whole names; anything else is a
 * case-insensitive substring. "Select shown" / "Clear shown" act on what it matches.
 */
export function featureFilter(text: string): (name: string) => boolean {
  const query = text.trim();
  if (query === '') return () => true;
  if (/[,\t\n]/.test(query)) {
    const names = new Set(namesIn(query));
    const lower = new Set([...names].map((n) => n.toLowerCase()));
    return (name) => names.has(name) || lower.has(name.toLowerCase());
  }
  if (/[*?]/.test(query)) {
    const source = query
      .split('')
      .map((ch) => (ch === '*' ? '.*' : ch === '?' ? '.' : ch.replace(/[.+^${}()|[\]\\]/g, '\\$&')))
      .join('');
    const pattern = new RegExp(`^${source}$`, 'i');
    return (name) => pattern.test(name);
  }
  const lower = query.toLowerCase();
  return (name) => name.toLowerCase().includes(lower);
}

function namesIn(text: string): string[] {
  return text
    .split(/[,\t\r\n]+/)
    .map((n) => n.trim())
    .filter(Boolean);
}

/** Pasted text (one name a line, or tab-separated) as the box's comma-separated list. */
export function listOfNames(text: string): string {
  return namesIn(text).join(', ');
}
