/**
 * The web host: the real renderer and the real services over HTTP on 127.0.0.1, for
 * development and the end-to-end tests. The page is public; every API call needs the random
 * token (given in the page's URL), and the Host header must name this machine (so another
 * site cannot reach it through DNS rebinding).
 *
 *   POST /api/call/<channel>   JSON body (wire.ts) → the same Envelope as IPC
 *   GET  /api/events?token=…   server-sent events: job progress and completion
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

  const server = createServer(async (request, response) => {
    const host = request.headers.host ?? '';
    if (host !== `127.0.0.1:${port}` && host !== `localhost:${port}`) {
      return send(response, 421, 'This server answers only at 127.0.0.1 or localhost.');
    }
    const url = new URL(request.url ?? '/', `http://${host}`);
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
        request.on('close', () => streams.delete(response));
        return;
      }
      const channel = url.pathname.startsWith('/api/call/')
        ? decodeURIComponent(url.pathname.slice('/api/call/'.length))
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
      url.pathname === '/' ? 'index.html' : decodeURIComponent(url.pathname).replace(/^\/+/, '');
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
  });

  await new Promise<void>((resolveListen) =>
    server.listen(options.port ?? 0, '127.0.0.1', resolveListen),
  );
  port = (server.address() as AddressInfo).port;
  const keepAlive = setInterval(() => {
    for (const stream of streams) stream.write(': keep-alive\n\n');
  }, 15_000);
  return {
    url: `http://127.0.0.1:${port}/?token=${token}`,
    port,
    token,
    emit(event) {
      const data = `data: ${JSON.stringify(event)}\n\n`;
      for (const stream of streams) stream.write(data);
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
