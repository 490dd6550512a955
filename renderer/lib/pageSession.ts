/** The web page's session id on the web host (no DOM types: unit-tested in Node). */

/** The part of the Web Storage API used here. */
export interface KeyValueStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

const SESSION_KEY = 'shrinkage.session';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * This page's session on the web host (its own datasets, jobs and events): kept in
 * sessionStorage, so a reload of the tab finds its work again while another tab starts its own.
 */
export function pageSessionId(storage: KeyValueStore | undefined): string {
  try {
    const kept = storage?.getItem(SESSION_KEY);
    if (kept && UUID.test(kept)) return kept;
  } catch {
    // Storage can be blocked; the session then lasts as long as the page.
  }
  const id = crypto.randomUUID();
  try {
    storage?.setItem(SESSION_KEY, id);
  } catch {
    // As above.
  }
  return id;
}
