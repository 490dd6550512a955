/**
 * The one BrowserWindow, configured by Electron's security checklist: isolated, sandboxed,
 * no Node in the page, web security on, no navigation, no new windows, no webviews, no
 * permissions; external https links open in the browser after the user agrees. The options
 * are written out literally at the construction site so reviewers and scanners see them.
 */
import {
  BrowserWindow,
  dialog,
  type OnHeadersReceivedListenerDetails,
  type Rectangle,
  type Session,
  shell,
  type WebContents,
} from 'electron';
import { CONTENT_SECURITY_POLICY } from './csp';
import { APP_ORIGIN, isAppUrl } from './ipc';

export async function openExternalSafely(url: string, parent?: BrowserWindow): Promise<boolean> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.protocol !== 'https:') return false;
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
  if (response !== 0) return false;
  // Reviewed (Electronegativity OPEN_EXTERNAL_JS_CHECK): only https URLs, only after the user
  // confirmed in a native dialog that shows the full address.
  await shell.openExternal(parsed.href);
  return true;
}

/** Every response the window receives carries the CSP, whatever served it. */
export function enforceCsp(session: Pick<Session, 'webRequest'>): void {
  session.webRequest.onHeadersReceived((details: OnHeadersReceivedListenerDetails, callback) => {
    callback({
      responseHeaders: {
        ...details.responseHeaders,
        'Content-Security-Policy': [CONTENT_SECURITY_POLICY],
      },
    });
  });
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
  enforceCsp(contents.session);
}

export function createMainWindow(preload: string, bounds?: Partial<Rectangle>): BrowserWindow {
  const window = new BrowserWindow({
    width: bounds?.width ?? 1360,
    height: bounds?.height ?? 880,
    ...(bounds?.x !== undefined && bounds?.y !== undefined && { x: bounds.x, y: bounds.y }),
    minWidth: 960,
    minHeight: 640,
    show: false,
    title: 'Shrinkage',
    backgroundColor: '#f7f8fa',
    webPreferences: {
      // Reviewed (Electronegativity PRELOAD_JS_CHECK): the preload exposes only the wrapped
      // window.workbench API, never ipcRenderer (see electron/preload/index.ts and its tests).
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
      disableBlinkFeatures: 'Auxclick',
      spellcheck: false,
    },
  });
  hardenContents(window.webContents, window);
  window.once('ready-to-show', () => window.show());
  void window.loadURL(`${APP_ORIGIN}/index.html`);
  return window;
}
