/**
 * The web host: the real renderer and the real services over HTTP on 127.0.0.1, for
 * development and the end-to-end tests. The page is public; every API call needs the random
 * token (given in the page's URL), and the Host header must name this machine (so another
 * site cannot reach it through DNS rebinding).
 *
 *   POST /api/call/<channel>   JSON body (wire.ts) → the same Envelope as IPC
 *   GET  /api/events?token=…   server-sent events: job progress and completion
 *
 * No request of any shape may end the process: a malformed one gets a 4xx answer, a failure
 * while answering a 500, and the host goes on.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, resolve, sep } from 'node:path';
import { MAX_UPLOAD_BYTES, type WorkbenchEvent } from '../../shared/ipc/contract';
import { decodeWire, encodeWire } from '../../shared/ipc/wire';
import { CONTENT_SECURITY_POLICY } from '../main/csp';
import { dispatch, type Handlers } from '../services/api';
import { CONTENT_TYPES } from '../services/contentTypes';

const MAX_BODY = Math.ceil(MAX_UPLOAD_BYTES * 1.4) + 65536;

export interface WebHost {
  url: string;
  port: number;
  token: string;
  /** Broadcast a job event to every open event stream. */
  emit(event: WorkbenchEvent): void;
  close(): Promise<void>;
}

function sameToken(given: string | null | undefined, token: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** A request the host refuses, with the status and the message its answer carries. */
class RequestError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** Percent-decoding that refuses malformed escapes (`%`, `%E0%A4%A`) instead of throwing URIError. */
function decodePathPart(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    throw new RequestError(400, 'The request path has a malformed percent-encoding.');
  }
}

/** The request target as a URL on this host; only origin-form targets ("/path?query") are served. */
function requestUrl(request: IncomingMessage): URL {
  const target = request.url ?? '';
  if (!target.startsWith('/')) throw new RequestError(400, 'The request target must be a path.');
  try {
    // Prefixed, not resolved against a base: "//other/x" stays a path on this host.
    return new URL(`http://127.0.0.1${target}`);
  } catch {
    throw new RequestError(400, 'The request target is not a valid URL path.');
  }
}

/** Answers a request that failed: its own status when refused, else 500; a half-sent answer is cut. */
function answerFailure(response: ServerResponse, error: unknown): void {
  if (response.destroyed) return;
  if (response.headersSent) {
    response.destroy();
    return;
  }
  if (error instanceof RequestError) {
    send(response, error.status, error.message);
    return;
  }
  process.stderr.write(
    `web host: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  send(response, 500, 'The web host failed to answer this request; it is still running.');
}

function send(
  response: ServerResponse,
  status: number,
  body: string,
  type = 'text/plain; charset=utf-8',
): void {
  response.writeHead(status, {
    'content-type': type,
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
  });
  response.end(body);
}

async function readBody(request: IncomingMessage): Promise<string | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY) return undefined;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export async function startWebHost(options: {
  handlers: Handlers;
  rendererDir: string;
  port?: number;
  token?: string;
}): Promise<WebHost> {
  const token = options.token ?? randomBytes(24).toString('base64url');
  const root = resolve(options.rendererDir);
  const streams = new Set<ServerResponse>();
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
        response.writeHead(200, {
          'content-type': 'text/event-stream',
          'cache-control': 'no-store',
          connection: 'keep-alive',
        });
        response.write(': connected\n\n');
        streams.add(response);
        response.on('close', () => streams.delete(response));
        return;
      }
      const channel = url.pathname.startsWith('/api/call/')
        ? decodePathPart(url.pathname.slice('/api/call/'.length))
        : '';
      if (request.method !== 'POST' || !channel) return send(response, 404, 'Not found.');
      if (!sameToken(request.headers['x-workbench-token'] as string | undefined, token)) {
        return send(response, 401, 'Missing or wrong token.');
      }
      const body = await readBody(request);
      if (body === undefined) return send(response, 413, 'The request is too large.');
      let payload: unknown;
      try {
        payload = body === '' ? undefined : decodeWire(body);
      } catch {
        return send(response, 400, 'The request body is not valid JSON.');
      }
      const envelope = await dispatch(options.handlers, channel, payload);
      return send(response, 200, encodeWire(envelope), 'application/json');
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
  const broadcast = (text: string) => {
    for (const stream of streams)
      if (!stream.writableEnded && !stream.destroyed) stream.write(text);
  };
  const keepAlive = setInterval(() => broadcast(': keep-alive\n\n'), 15_000);
  return {
    url: `http://127.0.0.1:${port}/?token=${token}`,
    port,
    token,
    emit(event) {
      broadcast(`data: ${JSON.stringify(event)}\n\n`);
    },
    close: () =>
      new Promise<void>((resolveClose) => {
        clearInterval(keepAlive);
        for (const stream of streams) stream.end();
        server.closeAllConnections();
        server.close(() => resolveClose());
      }),
  };
}
