/**
 * Registers the API's handler table on ipcMain. Every call is checked to come from our own
 * window's main frame at our own origin before dispatch() validates its payload.
 */
import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import { CHANNEL_NAMES, type Envelope, EVENT_CHANNEL } from '../../shared/ipc/channels';
import type { WorkbenchEvent } from '../../shared/ipc/contract';
import { dispatch, type Handlers } from '../services/api';

/** The renderer is served from this scheme and host only (see protocol.ts). */
export const APP_SCHEME = 'app';
export const APP_HOST = 'shrinkage';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;

/** Whether a URL belongs to the app. (URL.origin is "null" for custom schemes, so compare parts.) */
export function isAppUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST;
  } catch {
    return false;
  }
}

export function isTrustedSender(
  event: IpcMainInvokeEvent,
  window: { webContents: WebContents } | undefined,
): boolean {
  const frame = event.senderFrame;
  if (!window || event.sender !== window.webContents || !frame || frame.parent !== null)
    return false;
  return isAppUrl(frame.url);
}

const refused: Envelope = {
  ok: false,
  error: {
    name: 'SecurityError',
    message: 'The request did not come from the Shrinkage window and was refused.',
  },
};

export function registerApi(
  ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>,
  handlers: Handlers,
  trusted: (event: IpcMainInvokeEvent) => boolean,
): () => void {
  for (const channel of CHANNEL_NAMES) {
    ipcMain.handle(channel, (event, payload: unknown) =>
      trusted(event) ? dispatch(handlers, channel, payload) : Promise.resolve(refused),
    );
  }
  return () => {
    for (const channel of CHANNEL_NAMES) ipcMain.removeHandler(channel);
  };
}

/** Job events go to the window that asked (there is one window). */
export function sendEvent(
  window: { webContents: WebContents } | undefined,
  event: WorkbenchEvent,
): void {
  if (window && !window.webContents.isDestroyed()) window.webContents.send(EVENT_CHANNEL, event);
}
