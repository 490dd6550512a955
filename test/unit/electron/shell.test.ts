/** The app protocol, the menu and the persisted state: pure parts of the Electron shell. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../../electron/main/csp';
import { type MenuActions, menuTemplate } from '../../../electron/main/menu';
import { unpackedPath } from '../../../electron/main/paths';
import { addRecent, MAX_RECENT, persistence } from '../../../electron/main/persisted';
import { resolveAppFile, serveAppRequest } from '../../../electron/main/protocol';

describe('app:// protocol', () => {
  const dir = mkdtempSync(join(tmpdir(), 'renderer-'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html>');

  it('serves files of the renderer folder with the CSP header', async () => {
    const response = await serveAppRequest(dir, new Request('app://shrinkage/index.html'));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(resolveAppFile(dir, 'app://shrinkage/')).toBe(join(dir, 'index.html'));
  });

  it('refuses other hosts and anything outside the folder', async () => {
    for (const url of [
      'app://other/index.html',
      'app://shrinkage/..%2f..%2fetc%2fpasswd',
      'app://shrinkage/%2e%2e%2f%2e%2e%2fetc%2fpasswd',
      'app://shrinkage/%E0%A4%A',
    ]) {
      expect(resolveAppFile(dir, url), url).toBeUndefined();
    }
    // The URL parser folds dot segments (literal or %2e) away, so these stay inside the folder.
    expect(resolveAppFile(dir, 'app://shrinkage/../../etc/passwd')).toBe(join(dir, 'etc/passwd'));
    expect(resolveAppFile(dir, 'app://shrinkage/%2e%2e/%2e%2e/etc/passwd')).toBe(
      join(dir, 'etc/passwd'),
    );
    expect((await serveAppRequest(dir, new Request('app://shrinkage/%2e%2e/x'))).status).toBe(404);
  });
});

describe('application menu', () => {
  const actions: MenuActions = {
    command: vi.fn(),
    openRecent: vi.fn(),
    clearRecent: vi.fn(),
    about: vi.fn(),
    documentation: vi.fn(),
  };
  type Item = {
    label?: string;
    role?: string;
    accelerator?: string;
    submenu?: Item[];
    click?: () => void;
  };
  const find = (items: Item[], label: string): Item | undefined =>
    items.flatMap((item) => [item, ...(item.submenu ?? [])]).find((item) => item.label === label);

  it('has File, Edit, View and Help with the commands and their shortcuts', () => {
    const menu = menuTemplate(actions, ['/data/a.csv'], 'linux', false) as Item[];
    expect(menu.map((m) => m.label ?? m.role)).toEqual([
      '&File',
      'editMenu',
      '&View',
      'windowMenu',
      'help',
    ]);
    const shortcuts = Object.fromEntries(
      ['Open CSV…', 'Open Project…', 'Save Project…', 'Export Report…'].map((label) => [
        label,
        find(menu, label)!.accelerator,
      ]),
    );
    expect(shortcuts).toEqual({
      'Open CSV…': 'CmdOrCtrl+O',
      'Open Project…': 'CmdOrCtrl+Shift+O',
      'Save Project…': 'CmdOrCtrl+S',
      'Export Report…': 'CmdOrCtrl+E',
    });
    find(menu, 'Save Project…')!.click!();
    expect(actions.command).toHaveBeenCalledWith('saveProject');
    const recent = find(menu, 'Open Recent')!.submenu!;
    expect(recent[0]!.label).toBe('a.csv');
    recent[0]!.click!();
    expect(actions.openRecent).toHaveBeenCalledWith('/data/a.csv');
    expect(find(menu, 'About Shrinkage')).toBeDefined();
    expect(find(menu, 'Shrinkage Documentation')).toBeDefined();
  });

  it('offers the developer tools only when running from source, not in the shipped app', () => {
    const roles = (developer: boolean) =>
      (menuTemplate(actions, [], 'linux', developer) as Item[])
        .flatMap((item) => [item, ...(item.submenu ?? [])])
        .map((item) => item.role?.toLowerCase());
    expect(roles(false)).not.toContain('toggledevtools');
    expect(roles(false)).toContain('reload');
    expect(roles(true)).toContain('toggledevtools');
    for (const platform of ['darwin', 'win32'] as const) {
      const items = (menuTemplate(actions, [], platform, false) as Item[]).flatMap((item) => [
        item,
        ...(item.submenu ?? []),
      ]);
      expect(items.some((item) => /devtools/i.test(item.role ?? ''))).toBe(false);
    }
  });

  it('follows macOS conventions there', () => {
    const menu = menuTemplate(actions, [], 'darwin', false) as Item[];
    expect(menu[0]!.role).toBe('appMenu');
    expect(find(menu, 'Open Recent')!.submenu![0]!.label).toBe('No recent files');
  });
});

describe('persisted state', () => {
  it('keeps the most recent files first, without duplicates, at most ten', () => {
    let recent: string[] = [];
    for (let i = 0; i < 14; i++) recent = addRecent(recent, `/f${i % 12}.csv`);
    expect(recent).toHaveLength(MAX_RECENT);
    expect(recent[0]).toBe('/f1.csv');
    expect(new Set(recent).size).toBe(recent.length);
  });

  it('survives a damaged file by falling back to defaults, and round-trips', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'state-'));
    writeFileSync(join(dir, 'window.json'), '{"x": "left"');
    const stored = persistence(dir);
    expect(stored.bounds()).toBeUndefined();
    await stored.saveBounds({ x: 10, y: 20, width: 1000, height: 700, maximized: false });
    expect(stored.bounds()).toEqual({ x: 10, y: 20, width: 1000, height: 700, maximized: false });
    await stored.saveRecent(['/a.csv']);
    expect(stored.recent()).toEqual(['/a.csv']);
  });

  it('points worker files into app.asar.unpacked when packaged, and leaves others alone', () => {
    expect(unpackedPath('/opt/Shrinkage/resources/app.asar/out/main/chunks/w.js')).toBe(
      '/opt/Shrinkage/resources/app.asar.unpacked/out/main/chunks/w.js',
    );
    expect(unpackedPath('C:\\Shrinkage\\resources\\app.asar\\out\\w.js')).toBe(
      'C:\\Shrinkage\\resources\\app.asar.unpacked\\out\\w.js',
    );
    expect(unpackedPath('/work/out/main/chunks/w.js')).toBe('/work/out/main/chunks/w.js');
  });
});
