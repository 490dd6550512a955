/**
 * The one BrowserWindow, configured by Electron's security checklist: isolated, sandboxed,
 * no Node in the page, web security on, no navigation, no new windows, no webviews, no
 * permissions; external https links open in the browser after the user agrees.
 */
import {
  BrowserWindow,
  type BrowserWindowConstructorOptions,
  dialog,
  shell,
  type WebContents,
} from 'electron';
import { APP_ORIGIN, isAppUrl } from './ipc';

export function windowOptions(preload: string): BrowserWindowConstructorOptions {
  return {
    width: 1360,
    height: 880,
    minWidth: 960,
    minHeight: 640,
    show: false,
    title: 'Shrinkage',
    backgroundColor: '#f7f8fa',
    webPreferences: {
      preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
    },
  };
}

export async function openExternalSafely(url: string, parent?: BrowserWindow): Promise<void> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return;
  }
  if (parsed.protocol !== 'https:') return;
  const options = {
    type: 'question' as const,
    buttons: ['Open in browser', 'Cancel'],
    defaultId: 1,
    cancelId: 1,
    message: 'Open this link in your web browser?',
    detail: parsed.href,
  };
  const { response } = parent
    ? await dialog.showMessageBox(parent, options)
    : await dialog.showMessageBox(options);
  if (response === 0) await shell.openExternal(parsed.href);
}

export function hardenContents(contents: WebContents, parent?: BrowserWindow): void {
  contents.on('will-navigate', (event, url) => {
    // The app is a single page: only a reload of itself is a navigation we allow.
    if (!isAppUrl(url)) event.preventDefault();
  });
  contents.on('will-redirect', (event, url) => {
    if (!isAppUrl(url)) event.preventDefault();
  });
  contents.setWindowOpenHandler(({ url }) => {
    void openExternalSafely(url, parent);
    return { action: 'deny' };
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.session.setPermissionRequestHandler((_contents, _permission, callback) =>
    callback(false),
  );
  contents.session.setPermissionCheckHandler(() => false);
}

export function createMainWindow(preload: string): BrowserWindow {
  const window = new BrowserWindow(windowOptions(preload));
  hardenContents(window.webContents, window);
  window.once('ready-to-show', () => window.show());
  void window.loadURL(`${APP_ORIGIN}/index.html`);
  return window;
}
