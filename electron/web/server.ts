/**
 * The web host: the real renderer and the real services over HTTP on 127.0.0.1, for
 * development and the end-to-end tests. The page is public; every API call needs the random
 * token (given in the page's URL), and the Host header must name this machine (so another
 * site cannot reach it through DNS rebinding). Every call and event stream names its page
 * session (sessions.ts): each page has its own datasets, jobs and events.
 *
 *   POST /api/call/<channel>              a wire message (wire.ts: JSON, uploads as raw bytes)
 *        x-workbench-session: <id>        → the same Envelope as IPC
 *   GET  /api/events?token=…&session=<id> server-sent events: the session's job progress and completion
 *
 * No request of any shape may end the process: a malformed one gets a 4xx answer, a failure
 * while answering a 500, and the host goes on.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, resolve, sep } from 'node:path';
import { MAX_UPLOAD_BYTES } from '../../shared/ipc/contract';
import type { WireLimits } from '../../shared/ipc/wire';
import { CONTENT_SECURITY_POLICY } from '../main/csp';
import { dispatch } from '../services/api';
import { CONTENT_TYPES } from '../services/contentTypes';
import {
  answerFailure,
  decodePathPart,
  RequestError,
  readPayload,
  requestUrl,
  send,
  sendWire,
} from './http';
import { isSessionId, type OpenSession, PageSessions } from './sessions';

/** The JSON of one call (settings, names) is small; only uploads are large, and they travel as bytes. */
const MAX_JSON_BYTES = 64 * 2 ** 20;
/** How long a page's session outlives its last event stream: a reload comes back well within it. */
const SESSION_GRACE_MS = 2 * 60_000;
/** Pages (tabs) one host serves at once, each with its own datasets. */
const MAX_SESSIONS = 8;

export interface WebHost {
  url: string;
  port: number;
  token: string;
  /** Page sessions currently held. */
  readonly sessions: number;
  close(): Promise<void>;
}

function sameToken(given: string | null | undefined, token: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

function sessionOf(given: unknown): string {
  if (!isSessionId(given))
    throw new RequestError(
      400,
      'The request names no page session (a UUID in x-workbench-session, or session= for events). Reload the page.',
    );
  return given;
}

export async function startWebHost(options: {
  /** Services for one page session (createServices fits). */
  openSession: OpenSession;
  rendererDir: string;
  port?: number;
  token?: string;
  /** How much one call may carry (default: MAX_JSON_BYTES of JSON, MAX_UPLOAD_BYTES of file). */
  limits?: WireLimits;
  /** How long a session outlives its page (default SESSION_GRACE_MS), and how many are held. */
  sessionGraceMs?: number;
  maxSessions?: number;
}): Promise<WebHost> {
  const limits = options.limits ?? {
    maxJsonBytes: MAX_JSON_BYTES,
    maxBinaryBytes: MAX_UPLOAD_BYTES,
  };
  const token = options.token ?? randomBytes(24).toString('base64url');
  const root = resolve(options.rendererDir);
  const sessions = new PageSessions({
    open: options.openSession,
    graceMs: options.sessionGraceMs ?? SESSION_GRACE_MS,
    maxSessions: options.maxSessions ?? MAX_SESSIONS,
  });
  let port = 0;

  async function answer(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const host = request.headers.host ?? '';
    if (host !== `127.0.0.1:${port}` && host !== `localhost:${port}`) {
      return send(response, 421, 'This server answers only at 127.0.0.1 or localhost.');
    }
    const url = requestUrl(request);
    if (url.pathname.startsWith('/api/')) {
      if (request.method === 'GET' && url.pathname === '/api/events') {
        if (!sameToken(url.searchParams.get('token'), token))
          return send(response, 401, 'Missing or wrong token.');
        sessions.attach(sessionOf(url.searchParams.get('session')), response);
        response.writeHead(200, {
          'content-type': 'text/event-stream',
          'cache-control': 'no-store',
          connection: 'keep-alive',
        });
        response.write(': connected\n\n');
        return;
      }
      const channel = url.pathname.startsWith('/api/call/')
        ? decodePathPart(url.pathname.slice('/api/call/'.length))
        : '';
      if (request.method !== 'POST' || !channel) return send(response, 404, 'Not found.');
      if (!sameToken(request.headers['x-workbench-token'] as string | undefined, token)) {
        return send(response, 401, 'Missing or wrong token.');
      }
      const envelope = await sessions.call(
        sessionOf(request.headers['x-workbench-session']),
        async (handlers) => dispatch(handlers, channel, await readPayload(request, limits)),
      );
      return sendWire(response, envelope);
    }
    if (request.method !== 'GET' && request.method !== 'HEAD')
      return send(response, 405, 'Method not allowed.');
    const relative =
      url.pathname === '/' ? 'index.html' : decodePathPart(url.pathname).replace(/^\/+/, '');
    const file = resolve(root, relative);
    if (!file.startsWith(root + sep)) return send(response, 404, 'Not found.');
    try {
      const content = await readFile(file);
      response.writeHead(200, {
        'content-type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream',
        'content-security-policy': CONTENT_SECURITY_POLICY,
        'cache-control': 'no-store',
        'x-content-type-options': 'nosniff',
      });
      response.end(content);
    } catch {
      send(response, 404, 'Not found.');
    }
  }

  const server = createServer((request, response) => {
    // Errors of an aborted request or a vanished client surface through answer() or not at all;
    // an 'error' event without a listener would end the process.
    request.on('error', () => {});
    response.on('error', () => {});
    answer(request, response).catch((error: unknown) => answerFailure(response, error));
  });
  // A request Node cannot parse (bad request line, headers, chunked encoding): 400 (431 for
  // oversized headers), then close.
  server.on('clientError', (error: NodeJS.ErrnoException, socket) => {
    if (!socket.writable || socket.destroyed) {
      socket.destroy();
      return;
    }
    const status =
      error.code === 'HPE_HEADER_OVERFLOW'
        ? '431 Request Header Fields Too Large'
        : '400 Bad Request';
    socket.end(`HTTP/1.1 ${status}\r\nconnection: close\r\ncontent-length: 0\r\n\r\n`);
  });

  await new Promise<void>((resolveListen) =>
    server.listen(options.port ?? 0, '127.0.0.1', resolveListen),
  );
  port = (server.address() as AddressInfo).port;
  const keepAlive = setInterval(() => sessions.keepAlive(), 15_000);
  return {
    url: `http://127.0.0.1:${port}/?token=${token}`,
    port,
    token,
    get sessions() {
      return sessions.size;
    },
    close: () =>
      new Promise<void>((resolveClose) => {
        clearInterval(keepAlive);
        sessions.close();
        server.closeAllConnections();
        server.close(() => resolveClose());
      }),
  };
}
