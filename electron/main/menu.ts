/**
 * The application menu as data (a pure function of what it can do), so it can be tested
 * without Electron. Shortcuts use CmdOrCtrl so they follow each platform's convention.
 */

import { basename } from 'node:path';
import type { MenuItemConstructorOptions } from 'electron';
import type { MENU_COMMANDS } from '../../shared/ipc/contract';

export type MenuCommand = (typeof MENU_COMMANDS)[number];

export interface MenuActions {
  command: (command: MenuCommand) => void;
  openRecent: (path: string) => void;
  clearRecent: () => void;
  about: () => void;
  documentation: () => void;
}

/**
 * `developer`: the app runs from source (not packaged). Only then does the View menu offer the
 * developer tools (and their shortcut, which comes with the menu item): in the shipped app they
 * would let anyone with the window script the engine outside the page's rules.
 */
export function menuTemplate(
  actions: MenuActions,
  recent: readonly string[],
  platform: NodeJS.Platform,
  developer: boolean,
): MenuItemConstructorOptions[] {
  const mac = platform === 'darwin';
  const recentItems: MenuItemConstructorOptions[] =
    recent.length === 0
      ? [{ label: 'No recent files', enabled: false }]
      : [
          ...recent.map((path) => ({
            label: basename(path),
            sublabel: path,
            click: () => actions.openRecent(path),
          })),
          { type: 'separator' as const },
          { label: 'Clear Recent', click: actions.clearRecent },
        ];
  return [
    ...(mac ? [{ role: 'appMenu' as const }] : []),
    {
      label: '&File',
      submenu: [
        {
          label: 'Open CSV…',
          accelerator: 'CmdOrCtrl+O',
          click: () => actions.command('openDataset'),
        },
        {
          label: 'Open Project…',
          accelerator: 'CmdOrCtrl+Shift+O',
          click: () => actions.command('openProject'),
        },
        { label: 'Open Recent', submenu: recentItems },
        { type: 'separator' },
        {
          label: 'Save Project…',
          accelerator: 'CmdOrCtrl+S',
          click: () => actions.command('saveProject'),
        },
        {
          label: 'Export Report…',
          accelerator: 'CmdOrCtrl+E',
          click: () => actions.command('exportReport'),
        },
        { type: 'separator' },
        mac ? { role: 'close' } : { role: 'quit' },
      ],
    },
    { role: 'editMenu' },
    {
      label: '&View',
      submenu: [
        { role: 'reload' },
        ...(developer ? [{ role: 'toggleDevTools' as const }] : []),
        { type: 'separator' },
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        { role: 'togglefullscreen' },
      ],
    },
    { role: 'windowMenu' },
    {
      role: 'help',
      submenu: [
        { label: 'Shrinkage Documentation', click: actions.documentation },
        ...(mac
          ? []
          : [{ type: 'separator' as const }, { label: 'About Shrinkage', click: actions.about }]),
      ],
    },
  ];
}
