/** Main-process IPC registration, with fake ipcMain and senders. */
import type { IpcMainInvokeEvent } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { APP_ORIGIN, isTrustedSender, registerApi } from '../../../electron/main/ipc';
import { createServices } from '../../../electron/services';
import type { Handlers } from '../../../electron/services/api';
import { inProcessExecutor } from '../../../shared/analysis/executor';
import { CHANNEL_NAMES, CHANNELS } from '../../../shared/ipc/channels';

function services(): Handlers {
  return createServices({
    executor: inProcessExecutor,
    emit: () => {},
    host: { kind: 'test' },
    threads: 1,
  }).handlers;
}

function fakeIpcMain() {
  const handlers = new Map<string, (event: unknown, payload: unknown) => Promise<unknown>>();
  return {
    handlers,
    handle: vi.fn(
      (channel: string, handler: (event: unknown, payload: unknown) => Promise<unknown>) => {
        handlers.set(channel, handler);
      },
    ),
    removeHandler: vi.fn((channel: string) => handlers.delete(channel)),
  };
}

const webContents = { id: 1 } as never;
const window = { webContents };
const event = (url: string, sender = webContents, parent: unknown = null) =>
  ({ sender, senderFrame: { url, parent } }) as unknown as IpcMainInvokeEvent;

describe('IPC registration', () => {
  it('registers a handler for every channel of the contract and nothing else, and removes them all', () => {
    const ipcMain = fakeIpcMain();
    const unregister = registerApi(ipcMain as never, services(), () => true);
    expect([...ipcMain.handlers.keys()].sort()).toEqual([...CHANNEL_NAMES].sort());
    unregister();
    expect(ipcMain.handlers.size).toBe(0);
  });

  it('validates payloads of trusted calls and refuses untrusted senders before any validation', async () => {
    const ipcMain = fakeIpcMain();
    registerApi(ipcMain as never, services(), (e) => isTrustedSender(e, window));
    const info = ipcMain.handlers.get(CHANNELS.appInfo)!;
    await expect(info(event(`${APP_ORIGIN}/index.html`), {})).resolves.toMatchObject({
      ok: true,
      value: { name: 'Shrinkage' },
    });
    await expect(info(event(`${APP_ORIGIN}/index.html`), { extra: 1 })).resolves.toMatchObject({
      ok: false,
      error: { name: 'ValidationError' },
    });
    for (const untrusted of [
      event('https://evil.example/'),
      event('file:///tmp/x.html'),
      event(`${APP_ORIGIN}/index.html`, { id: 2 } as never),
      event(`${APP_ORIGIN}/frame.html`, webContents, {}),
    ]) {
      await expect(info(untrusted, {})).resolves.toMatchObject({
        ok: false,
        error: { name: 'SecurityError' },
      });
    }
  });
});
