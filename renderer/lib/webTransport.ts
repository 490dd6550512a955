/**
 * The API over HTTP, for the web host: calls carry the page's token and its session id; the
 * session's events arrive by SSE.
 */
import type { Channel, Envelope } from '../../shared/ipc/channels';
import type { Transport } from '../../shared/ipc/client';
import { createWorkbenchApi, type WorkbenchApi } from '../../shared/ipc/client';
import type { WorkbenchEvent } from '../../shared/ipc/contract';
import { decodeWire, wireBodyInSlices } from '../../shared/ipc/wire';
import { claimPageSession } from './pageSession';

/**
 * A new task for the page: input and painting run before it. A MessageChannel message, not
 * setTimeout, which a hidden tab throttles to once a second.
 */
function nextTask(): Promise<void> {
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });
}

/** `session`: the page's session id, once it has been claimed (pageSession.ts). */
export function webTransport(token: string, session: Promise<string>): Transport {
  const listeners = new Set<(event: WorkbenchEvent) => void>();
  let source: EventSource | undefined;
  let opening = false;
  const open = async () => {
    opening = true;
    const id = await session;
    opening = false;
    if (listeners.size === 0 || source) return;
    source = new EventSource(
      `/api/events?token=${encodeURIComponent(token)}&session=${encodeURIComponent(id)}`,
    );
    source.onmessage = (message) => {
      const event = JSON.parse(message.data as string) as WorkbenchEvent;
      for (const each of listeners) each(event);
    };
  };
  return {
    async invoke(channel: Channel, payload: unknown): Promise<Envelope> {
      const id = await session;
      let response: Response;
      try {
        response = await fetch(`/api/call/${encodeURIComponent(channel)}`, {
          method: 'POST',
          headers: {
            'content-type': 'application/octet-stream',
            'x-workbench-token': token,
            'x-workbench-session': id,
          },
          // A file's bytes are copied into the body a slice per task, not in one long task.
          body: await wireBodyInSlices(payload, nextTask),
        });
      } catch {
        return {
          ok: false,
          error: {
            name: 'ConnectionError',
            message: 'Cannot reach the Shrinkage engine. Is the web host still running?',
          },
        };
      }
      if (!response.ok) {
        return {
          ok: false,
          error: {
            name: 'ConnectionError',
            message: `The engine refused the request (${response.status}: ${await response.text()}).`,
          },
        };
      }
      return decodeWire(new Uint8Array(await response.arrayBuffer())) as Envelope;
    },
    subscribe(listener) {
      listeners.add(listener);
      if (!source && !opening) void open();
      return () => {
        listeners.delete(listener);
        if (listeners.size === 0) {
          source?.close();
          source = undefined;
        }
      };
    },
  };
}

declare global {
  interface Window {
    /** Exposed by the Electron preload. */
    workbench?: WorkbenchApi;
  }
}

/** The desktop app's preload API, else the web host's (token from the page URL), else none. */
export function connectApi(): WorkbenchApi | undefined {
  if (window.workbench) return window.workbench;
  const token = new URLSearchParams(window.location.search).get('token');
  if (!token) return undefined;
  let storage: Storage | undefined;
  try {
    storage = window.sessionStorage;
  } catch {
    storage = undefined; // blocked by the browser's settings
  }
  const channel =
    typeof BroadcastChannel === 'undefined'
      ? undefined
      : new BroadcastChannel('shrinkage.sessions');
  return createWorkbenchApi(webTransport(token, claimPageSession(storage, channel)));
}
