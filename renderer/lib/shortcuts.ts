/**
 * The keyboard shortcuts, and who owns each one. In the desktop app the File menu's
 * accelerators (electron/main/menu.ts) handle Save, Export and both Opens, and send the page a
 * command; the page binding them too would run each twice. So there the page owns only Run,
 * which the menu does not have; in the browser (no menu) the page owns them all.
 *
 * Ctrl (⌘ on macOS) with a key, never a plain letter, so typing is never taken. ⌘ alone on
 * macOS: there Ctrl+E and Ctrl+O edit text (end of line, open line), so they are left alone.
 * Ctrl+Enter runs even from a text field (it inserts nothing there); a held key does not
 * repeat the command, and keys composing text in an input method are not shortcuts.
 */
import type { MENU_COMMANDS } from '../../shared/ipc/contract';

export type ShortcutCommand = (typeof MENU_COMMANDS)[number] | 'run';

export interface Shortcut {
  command: ShortcutCommand;
  /** KeyboardEvent.key, lower case for letters. */
  key: string;
  shift: boolean;
  /** The desktop menu has this accelerator (and so owns it there). */
  inMenu: boolean;
}

export const SHORTCUTS: readonly Shortcut[] = [
  { command: 'run', key: 'Enter', shift: false, inMenu: false },
  { command: 'saveProject', key: 's', shift: false, inMenu: true },
  { command: 'exportReport', key: 'e', shift: false, inMenu: true },
  { command: 'openDataset', key: 'o', shift: false, inMenu: true },
  { command: 'openProject', key: 'o', shift: true, inMenu: true },
];

export interface KeyLike {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  shiftKey: boolean;
  altKey: boolean;
  repeat?: boolean;
  isComposing?: boolean;
  defaultPrevented?: boolean;
}

export interface ShortcutContext {
  /** appInfo's host: 'electron' leaves the menu's shortcuts to the menu. */
  host: string;
  mac: boolean;
}

export function isMac(): boolean {
  // (globalThis: this module is also compiled and tested outside the DOM.)
  const agent = (globalThis as { navigator?: { userAgent?: string } }).navigator?.userAgent;
  return /Mac|iPhone|iPad/.test(agent ?? '');
}

/** The page's command for this key press, if the page owns one. */
export function shortcutFor(
  event: KeyLike,
  { host, mac }: ShortcutContext,
): ShortcutCommand | undefined {
  if (event.defaultPrevented || event.isComposing || event.repeat || event.altKey) return undefined;
  const command = mac ? event.metaKey : event.ctrlKey;
  const other = mac ? event.ctrlKey : event.metaKey;
  if (!command || other) return undefined;
  const key = event.key.length === 1 ? event.key.toLowerCase() : event.key;
  const found = SHORTCUTS.find((s) => s.key === key && s.shift === event.shiftKey);
  // The desktop menu's own, and, until the page knows its host, anything a menu might have.
  if (!found || (found.inMenu && (host === 'electron' || host === ''))) return undefined;
  return found.command;
}

/** How a button's tooltip names its shortcut: "Ctrl+Shift+O", "⇧⌘O". */
export function shortcutLabel(command: ShortcutCommand, mac: boolean): string {
  const s = SHORTCUTS.find((item) => item.command === command)!;
  const key = s.key === 'Enter' ? (mac ? '↩' : 'Enter') : s.key.toUpperCase();
  return mac ? `${s.shift ? '⇧' : ''}⌘${key}` : `Ctrl+${s.shift ? 'Shift+' : ''}${key}`;
}

/** "Save project (Ctrl+S)". */
export function withShortcut(label: string, command: ShortcutCommand, mac: boolean): string {
  return `${label} (${shortcutLabel(command, mac)})`;
}
