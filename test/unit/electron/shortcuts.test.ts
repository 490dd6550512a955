/**
 * One owner per shortcut (issue 16, item 10): in the desktop app the File menu's accelerators
 * handle Save, Export and the two Opens (the page is sent a command), so the page must not
 * bind them too; Run is the page's everywhere; in the browser the page owns them all. Plain
 * letters never bind, and ⌘ alone is the modifier on macOS.
 */
import { describe, expect, it, vi } from 'vitest';
import { type MenuActions, menuTemplate } from '../../../electron/main/menu';
import {
  type KeyLike,
  SHORTCUTS,
  shortcutFor,
  shortcutLabel,
} from '../../../renderer/lib/shortcuts';

type Item = { accelerator?: string; submenu?: Item[]; click?: () => void };

const actions = (command: MenuActions['command']): MenuActions => ({
  command,
  openRecent: vi.fn(),
  clearRecent: vi.fn(),
  about: vi.fn(),
  documentation: vi.fn(),
});

/** Every accelerator of the desktop menu, with the command its click sends. */
function menuAccelerators(): Map<string, string> {
  const sent: string[] = [];
  const menu = menuTemplate(
    actions((command) => sent.push(command)),
    [],
    'linux',
    false,
  ) as Item[];
  const out = new Map<string, string>();
  const walk = (items: Item[]) => {
    for (const item of items) {
      if (item.accelerator && item.click) {
        sent.length = 0;
        item.click();
        out.set(item.accelerator, sent[0] ?? '');
      }
      if (item.submenu) walk(item.submenu);
    }
  };
  walk(menu);
  return out;
}

/** The accelerator string (CmdOrCtrl+…) a shortcut would be in the menu. */
const accelerator = (s: (typeof SHORTCUTS)[number]) =>
  `CmdOrCtrl+${s.shift ? 'Shift+' : ''}${s.key.length === 1 ? s.key.toUpperCase() : s.key}`;

const press = (key: string, mods: Partial<KeyLike> = {}): KeyLike => ({
  key,
  ctrlKey: false,
  metaKey: false,
  shiftKey: false,
  altKey: false,
  ...mods,
});

describe('keyboard shortcuts', () => {
  it('the menu has exactly the shortcuts marked as its own, sending the same commands', () => {
    const menu = menuAccelerators();
    for (const s of SHORTCUTS) {
      if (s.inMenu) expect(menu.get(accelerator(s)), accelerator(s)).toBe(s.command);
      else expect(menu.has(accelerator(s)), accelerator(s)).toBe(false);
    }
  });

  it('desktop: the page binds only what the menu has not (Run), so nothing fires twice', () => {
    const electron = { host: 'electron', mac: false };
    const menu = menuAccelerators();
    for (const s of SHORTCUTS) {
      const event = press(s.key === 'Enter' ? 'Enter' : s.key, {
        ctrlKey: true,
        shiftKey: s.shift,
      });
      const page = shortcutFor(event, electron);
      // Exactly one owner: the menu or the page.
      expect(Number(page !== undefined) + Number(menu.has(accelerator(s))), s.command).toBe(1);
    }
    expect(shortcutFor(press('Enter', { ctrlKey: true }), electron)).toBe('run');
    // Before the page knows its host it binds only Run too.
    expect(shortcutFor(press('s', { ctrlKey: true }), { host: '', mac: false })).toBeUndefined();
  });

  it('web: the page owns them all; Shift picks Open project; capitals count', () => {
    const web = { host: 'web', mac: false };
    expect(shortcutFor(press('s', { ctrlKey: true }), web)).toBe('saveProject');
    expect(shortcutFor(press('e', { ctrlKey: true }), web)).toBe('exportReport');
    expect(shortcutFor(press('o', { ctrlKey: true }), web)).toBe('openDataset');
    expect(shortcutFor(press('O', { ctrlKey: true, shiftKey: true }), web)).toBe('openProject');
    expect(shortcutFor(press('Enter', { ctrlKey: true }), web)).toBe('run');
  });

  it('never a plain letter, Alt, a repeat, input-method composition or a handled key', () => {
    const web = { host: 'web', mac: false };
    for (const event of [
      press('s'),
      press('e', { shiftKey: true }),
      press('Enter'),
      press('s', { ctrlKey: true, altKey: true }),
      press('Enter', { ctrlKey: true, repeat: true }),
      press('s', { ctrlKey: true, isComposing: true }),
      press('s', { ctrlKey: true, defaultPrevented: true }),
      press('x', { ctrlKey: true }),
      press('s', { ctrlKey: true, metaKey: true }),
    ])
      expect(shortcutFor(event, web), JSON.stringify(event)).toBeUndefined();
  });

  it('macOS: ⌘, never Ctrl (Ctrl+E and Ctrl+O edit text there); labels follow', () => {
    const mac = { host: 'web', mac: true };
    expect(shortcutFor(press('e', { metaKey: true }), mac)).toBe('exportReport');
    expect(shortcutFor(press('e', { ctrlKey: true }), mac)).toBeUndefined();
    expect(shortcutFor(press('o', { ctrlKey: true }), mac)).toBeUndefined();
    expect(shortcutLabel('openProject', true)).toBe('⇧⌘O');
    expect(shortcutLabel('openProject', false)).toBe('Ctrl+Shift+O');
    expect(shortcutLabel('run', false)).toBe('Ctrl+Enter');
  });
});
