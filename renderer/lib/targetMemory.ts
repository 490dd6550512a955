/**
 * The target the user chose for a set of columns, remembered in the page's storage so that the
 * same kind of file proposes it next time (and nothing else is guessed).
 */
import type { DatasetInfo } from '../../shared/ipc/contract';
import type { KeyValueStore } from './pageSession';

const PREFIX = 'shrinkage.target.';

/** One key per column set (names in order), short even for 20 000 columns: FNV-1a of the names. */
export function columnSetKey(dataset: DatasetInfo): string {
  let hash = 0x811c9dc5;
  for (const c of dataset.summary.columns) {
    for (const ch of `${c.name}\u0000`) {
      hash ^= ch.codePointAt(0) ?? 0;
      hash = Math.imul(hash, 0x01000193) >>> 0;
    }
  }
  return `${PREFIX}${dataset.summary.columns.length}.${hash.toString(16)}`;
}

/** Storage may be absent or refuse (private mode, quota): remembering is then skipped. */
function storage(): KeyValueStore | undefined {
  try {
    return (globalThis as { localStorage?: KeyValueStore }).localStorage;
  } catch {
    return undefined;
  }
}

export function recallTarget(dataset: DatasetInfo, store = storage()): string | undefined {
  try {
    return store?.getItem(columnSetKey(dataset)) ?? undefined;
  } catch {
    return undefined;
  }
}

export function rememberTarget(dataset: DatasetInfo, target: string, store = storage()): void {
  try {
    // Going back to "no target" keeps the last real choice to propose.
    if (target) store?.setItem(columnSetKey(dataset), target);
  } catch {
    // Not remembered; the user chooses again next time.
  }
}
