/** The window, its security settings and handlers, with a mocked electron module. */
import { beforeEach, describe, expect, it, vi } from 'vitest';

type Listener = (...args: unknown[]) => void;
const created: { options: Record<string, unknown>; contents: FakeContents }[] = [];
const dialogAnswer = { response: 1 };
const openExternal = vi.fn(async (_url: string) => {});
const showMessageBox = vi.fn(async () => dialogAnswer);

class FakeContents {
  readonly listeners = new Map<string, Listener>();
  openHandler?: (details: { url: string }) => { action: string };
  permissionRequest?: (
    contents: unknown,
    permission: string,
    callback: (granted: boolean) => void,
  ) => void;
  permissionCheck?: () => boolean;
  headers?: (
    details: { responseHeaders: Record<string, string[]> },
    callback: (response: unknown) => void,
  ) => void;
  session = {
    setPermissionRequestHandler: (handler: FakeContents['permissionRequest']) => {
      this.permissionRequest = handler;
    },
    setPermissionCheckHandler: (handler: FakeContents['permissionCheck']) => {
      this.permissionCheck = handler;
    },
    webRequest: {
      onHeadersReceived: (handler: FakeContents['headers']) => {
        this.headers = handler;
      },
    },
  };
  on(event: string, listener: Listener) {
    this.listeners.set(event, listener);
  }
  setWindowOpenHandler(handler: FakeContents['openHandler']) {
    this.openHandler = handler;
  }
}

vi.mock('electron', () => ({
  BrowserWindow: class {
    webContents = new FakeContents();
    constructor(options: Record<string, unknown>) {
      created.push({ options, contents: this.webContents });
    }
    once() {}
    loadURL = vi.fn(async () => {});
  },
  dialog: { showMessageBox },
  shell: { openExternal },
}));

const { createMainWindow, openExternalSafely } = await import('../../../electron/main/window');
const { CONTENT_SECURITY_POLICY } = await import('../../../electron/main/csp');

function navigationPrevented(contents: FakeContents, event: string, url: string): boolean {
  const preventDefault = vi.fn();
  contents.listeners.get(event)!({ preventDefault }, url);
  return preventDefault.mock.calls.length > 0;
}

describe('main window', () => {
  beforeEach(() => {
    created.length = 0;
    openExternal.mockClear();
    showMessageBox.mockClear();
  });

  it('is created with every security option of the checklist', () => {
    createMainWindow('/app/out/preload/index.cjs');
    const { webPreferences } = created[0]!.options as { webPreferences: Record<string, unknown> };
    expect(webPreferences).toMatchObject({
      preload: '/app/out/preload/index.cjs',
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
    });
  });

  it('denies navigation away from the app, new windows, webviews and permissions', () => {
    createMainWindow('/p.cjs');
    const { contents } = created[0]!;
    expect(navigationPrevented(contents, 'will-navigate', 'https://evil.example/')).toBe(true);
    expect(navigationPrevented(contents, 'will-navigate', 'file:///etc/passwd')).toBe(true);
    expect(navigationPrevented(contents, 'will-redirect', 'http://127.0.0.1:8080/')).toBe(true);
    expect(navigationPrevented(contents, 'will-navigate', 'app://shrinkage/index.html')).toBe(
      false,
    );
    expect(contents.openHandler!({ url: 'https://example.org/' })).toEqual({ action: 'deny' });
    expect(contents.openHandler!({ url: 'app://shrinkage/index.html' })).toEqual({
      action: 'deny',
    });
    expect(navigationPrevented(contents, 'will-attach-webview', 'app://shrinkage/')).toBe(true);
    const granted: boolean[] = [];
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read']) {
      contents.permissionRequest!({}, permission, (ok) => granted.push(ok));
    }
    expect(granted).toEqual([false, false, false, false]);
    expect(contents.permissionCheck!()).toBe(false);
  });

  it('puts the CSP on every response', () => {
    createMainWindow('/p.cjs');
    const callback = vi.fn();
    created[0]!.contents.headers!({ responseHeaders: { 'content-type': ['text/html'] } }, callback);
    expect(callback).toHaveBeenCalledWith({
      responseHeaders: {
        'content-type': ['text/html'],
        'Content-Security-Policy': [CONTENT_SECURITY_POLICY],
      },
    });
  });

  it('opens only https links, and only after the user confirms', async () => {
    dialogAnswer.response = 1;
    expect(await openExternalSafely('https://example.org/docs')).toBe(false);
    expect(openExternal).not.toHaveBeenCalled();
    dialogAnswer.response = 0;
    expect(await openExternalSafely('https://example.org/docs')).toBe(true);
    expect(openExternal).toHaveBeenCalledWith('https://example.org/docs');
    for (const url of [
      'http://example.org/',
      'file:///etc/passwd',
      'javascript:alert(1)',
      'smb://host/share',
      'not a url',
    ]) {
      expect(await openExternalSafely(url)).toBe(false);
    }
    expect(openExternal).toHaveBeenCalledTimes(1);
  });
});
