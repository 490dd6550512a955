/**
 * The web host's HTTP plumbing: refusals with their status, request targets, call bodies read
 * as wire messages within limits, answers. Nothing here throws anything but a RequestError for
 * what the client did wrong.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { encodeWire, WireError, type WireLimits, WireReader } from '../../shared/ipc/wire';

/** A request the host refuses, with the status and the message its answer carries. */
export class RequestError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** Percent-decoding that refuses malformed escapes (`%`, `%E0%A4%A`) instead of throwing URIError. */
export function decodePathPart(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    throw new RequestError(400, 'The request path has a malformed percent-encoding.');
  }
}

/** The request target as a URL on this host; only origin-form targets ("/path?query") are served. */
export function requestUrl(request: IncomingMessage): URL {
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
export function answerFailure(response: ServerResponse, error: unknown): void {
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

export function send(
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
export function readPayload(request: IncomingMessage, limits: WireLimits): Promise<unknown> {
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
export function sendWire(response: ServerResponse, value: unknown): void {
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
