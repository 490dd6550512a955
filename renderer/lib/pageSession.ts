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
 * sessionStorage, so a reload of the tab finds its work again while another tab starts its own
 * (`fresh`: make a new one whatever is kept).
 */
export function pageSessionId(storage: KeyValueStore | undefined, fresh = false): string {
  try {
    const kept = fresh ? null : storage?.getItem(SESSION_KEY);
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

/** How tabs of one browser tell each other which session ids they hold (a BroadcastChannel). */
export interface SessionChannel {
  postMessage(message: unknown): void;
  // MessageEvent, as the DOM's BroadcastChannel hands its handler.
  onmessage: ((event: MessageEvent) => void) | null;
}

interface SessionMessage {
  type: 'claim' | 'taken';
  id: string;
}

function isMessage(data: unknown, type: SessionMessage['type'], id: string): boolean {
  const message = data as Partial<SessionMessage> | null;
  return message?.type === type && message.id === id;
}

/** How long a page waits for another tab to say it holds the same id. */
const CLAIM_WAIT_MS = 150;

/**
 * The page's session id, made sure to be this tab's alone. A duplicated tab (or one opened by
 * window.open) starts with a copy of sessionStorage, so with the same id as its original: it
 * asks the other tabs, and when one answers that the id is taken, it makes a new one. A reload
 * asks too, but its old page has gone and cannot answer, so it keeps its id (and its work).
 * Once settled, the page answers for its own id.
 */
export async function claimPageSession(
  storage: KeyValueStore | undefined,
  channel: SessionChannel | undefined,
  waitMs = CLAIM_WAIT_MS,
): Promise<string> {
  let id = pageSessionId(storage);
  if (!channel) return id;
  const taken = await new Promise<boolean>((resolve) => {
    const timer = setTimeout(() => resolve(false), waitMs);
    channel.onmessage = (event) => {
      if (!isMessage(event.data, 'taken', id)) return;
      clearTimeout(timer);
      resolve(true);
    };
    channel.postMessage({ type: 'claim', id } satisfies SessionMessage);
  });
  if (taken) id = pageSessionId(storage, true);
  const settled = id;
  channel.onmessage = (event) => {
    if (isMessage(event.data, 'claim', settled))
      channel.postMessage({ type: 'taken', id: settled } satisfies SessionMessage);
  };
  return settled;
}
