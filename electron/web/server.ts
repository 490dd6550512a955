/**
 * The web host: the real renderer and the real services over HTTP on 127.0.0.1, for
 * development and the end-to-end tests. The page is public; every API call needs the random
 * token (given in the page's URL), and the Host header must name this machine (so another
 * site cannot reach it through DNS rebinding).
 *
 *   POST /api/call/<channel>   a wire message (wire.ts: JSON, uploads as raw bytes) → the same Envelope as IPC
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
import { encodeWire, WireError, type WireLimits, WireReader } from '../../shared/ipc/wire';
import { CONTENT_SECURITY_POLICY } from '../main/csp';
import { dispatch, type Handlers } from '../services/api';
import { CONTENT_TYPES } from '../services/contentTypes';

/** The JSON of one call (settings, names) is small; only uploads are large, and they travel as bytes. */
const MAX_JSON_BYTES = 64 * 2 ** 20;

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
    // A refused body may still be arriving: answer, then close the connection.
    if (error.status === 400 || error.status === 413) response.setHeader('connection', 'close');
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

/**
 * Reads a call's body as a wire message (wire.ts) without ever making it one string: the JSON
 * lines within maxJsonBytes, the uploaded bytes straight into buffers of their size. Too large
 * (as declared by Content-Length, or as it arrives) is a 413, malformed a 400; a refused body
 * is drained for a moment (so the client reads the answer), then the connection is cut.
 */
function readPayload(request: IncomingMessage, limits: WireLimits): Promise<unknown> {
  return new Promise((resolvePayload, reject) => {
    const refuse = (error: unknown) => {
      request.removeListener('data', onData);
      request.resume();
      setTimeout(() => request.socket?.destroy(), 1000).unref();
      reject(error);
    };
    const reader = new WireReader(limits);
    const onData = (chunk: Buffer) => {
      try {
        reader.push(chunk);
      } catch (error) {
        refuse(wireRefusal(error, limits));
      }
    };
    const declared = Number(request.headers['content-length']);
    const most = 2 * limits.maxJsonBytes + limits.maxBinaryBytes + 2;
    if (declared > most) return refuse(tooLarge(`${declared} bytes`, limits));
    request.on('data', onData);
    request.once('end', () => {
      try {
        resolvePayload(reader.finish());
      } catch (error) {
        reject(wireRefusal(error, limits));
      }
    });
    request.once('close', () => {
      if (!request.complete) reject(new RequestError(400, 'The request body was cut off.'));
    });
  });
}

function tooLarge(what: string, limits: WireLimits): RequestError {
  return new RequestError(
    413,
    `The request is too large (${what}); this host accepts files up to ${Math.floor(limits.maxBinaryBytes / 2 ** 20)} MB. Larger files need the desktop app, which reads them from disk.`,
  );
}

function wireRefusal(error: unknown, limits: WireLimits): unknown {
  if (!(error instanceof WireError)) return error;
  return error.reason === 'too-large'
    ? tooLarge(error.message.replace(/\.$/, ''), limits)
    : new RequestError(400, `The request body is malformed: ${error.message}`);
}

/** An answer as a wire message, written part by part (the bytes never join one string). */
function sendWire(response: ServerResponse, value: unknown): void {
  const parts = encodeWire(value);
  const binary = parts.length > 1;
  response.writeHead(200, {
    'content-type': binary ? 'application/octet-stream' : 'application/json',
    'content-length': parts.reduce(
      (sum, part) => sum + (typeof part === 'string' ? Buffer.byteLength(part) : part.byteLength),
      0,
    ),
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
  });
  for (const part of parts) response.write(part);
  response.end();
}

export async function startWebHost(options: {
  handlers: Handlers;
  rendererDir: string;
  port?: number;
  token?: string;
  /** How much one call may carry (default: MAX_JSON_BYTES of JSON, MAX_UPLOAD_BYTES of file). */
  limits?: WireLimits;
}): Promise<WebHost> {
  const limits = options.limits ?? {
    maxJsonBytes: MAX_JSON_BYTES,
    maxBinaryBytes: MAX_UPLOAD_BYTES,
  };
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
      const payload = await readPayload(request, limits);
      return sendWire(response, await dispatch(options.handlers, channel, payload));
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
