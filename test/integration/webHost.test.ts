/** The web host's protections and transport: token, Host header, static files, events. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../electron/main/csp';
import { createServices } from '../../electron/services';
import { startWebHost, type WebHost } from '../../electron/web/server';
import { inProcessExecutor } from '../../shared/analysis/executor';
import { decodeWire, wireBody } from '../../shared/ipc/wire';

let host: WebHost;
const base = () => `http://127.0.0.1:${host.port}`;

function raw(
  path: string,
  headers: Record<string, string>,
  method = 'GET',
  body?: string,
): Promise<{ status: number; text: string; headers: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: host.port, path, method, headers }, (res) => {
      let text = '';
      res.on('data', (chunk) => {
        text += chunk;
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text, headers: res.headers }));
    });
    req.on('error', reject);
    req.setTimeout(5000, () => req.destroy(new Error(`no answer to ${method} ${path} in 5 s`)));
    req.end(body);
  });
}

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'shrinkage-web-'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>t</title>');
  const { handlers } = createServices({
    executor: inProcessExecutor,
    emit: (event) => host.emit(event),
    host: { kind: 'web' },
    threads: 1,
  });
  host = await startWebHost({ handlers, rendererDir: dir });
});
afterAll(() => host.close());

describe('web host', () => {
  it('prints a loopback URL carrying a random token', () => {
    expect(host.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]{32}$/);
  });

  it('serves the page with the CSP header, and nothing outside the renderer folder', async () => {
    const page = await fetch(`${base()}/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    for (const path of ['/%2e%2e/%2e%2e/etc/passwd', '/..%2f..%2fetc%2fpasswd', '/missing.js']) {
      expect((await raw(path, { host: `127.0.0.1:${host.port}` })).status).toBe(404);
    }
  });

  it('refuses API calls without the right token (401)', async () => {
    const call = (headers: Record<string, string>) =>
      fetch(`${base()}/api/call/workbench:app.info`, { method: 'POST', headers, body: '{}' });
    expect((await call({})).status).toBe(401);
    expect((await call({ 'x-workbench-token': 'wrong' })).status).toBe(401);
    const ok = await call({ 'x-workbench-token': host.token });
    expect(ok.status).toBe(200);
    expect(decodeWire(new Uint8Array(await ok.arrayBuffer()))).toMatchObject({
      ok: true,
      value: { host: 'web' },
    });
    expect((await fetch(`${base()}/api/events`)).status).toBe(401);
  });

  it('refuses requests naming another host (DNS rebinding), even with the token', async () => {
    const response = await raw(
      '/api/call/workbench:app.info',
      { host: 'evil.example', 'x-workbench-token': host.token },
      'POST',
      '{}',
    );
    expect(response.status).toBe(421);
    expect((await raw('/', { host: `evil.example:${host.port}` })).status).toBe(421);
    expect((await raw('/', { host: `localhost:${host.port}` })).status).toBe(200);
  });

  it('answers malformed percent-encoding with 400 and goes on (no token needed to try)', async () => {
    const here = { host: `127.0.0.1:${host.port}` };
    for (const [path, method] of [
      ['/%', 'GET'],
      ['/%E0%A4%A', 'GET'],
      ['/api/call/%E0%A4%A', 'POST'],
      ['/api/call/%', 'POST'],
    ] as const) {
      const body = method === 'POST' ? '{}' : undefined;
      const answer = await raw(path, { ...here, 'x-workbench-token': host.token }, method, body);
      expect(answer.status, `${method} ${path}`).toBe(400);
      expect(answer.text, `${method} ${path}`).toMatch(/percent-encoding/);
    }
    expect((await raw('/', here)).status).toBe(200);
  });

  it('carries bytes in and job events out', async () => {
    const events = await fetch(`${base()}/api/events?token=${host.token}`);
    const reader = events.body!.getReader();
    const csv = new TextEncoder().encode('x,z,y\n1,5,2\n2,3,4\n3,8,5\n4,1,9\n5,2,11\n6,4,12\n');
    const opened = decodeWire(
      new Uint8Array(
        await (
          await fetch(`${base()}/api/call/workbench:datasets.openBytes`, {
            method: 'POST',
            headers: { 'x-workbench-token': host.token },
            body: wireBody({ fileName: 'tiny.csv', bytes: csv }),
          })
        ).arrayBuffer(),
      ),
    ) as { ok: boolean; value: { datasetId: string } };
    expect(opened.ok).toBe(true);
    await fetch(`${base()}/api/call/workbench:fits.start`, {
      method: 'POST',
      headers: { 'x-workbench-token': host.token },
      body: wireBody({
        datasetId: opened.value.datasetId,
        settings: {
          target: 'y',
          exclude: [],
          rows: [],
          alpha: 1,
          standardize: true,
          intercept: true,
          nlambda: 20,
          penaltyFactor: {},
          thresh: 1e-7,
          maxIter: 1000,
          missing: 'drop',
          maxLevels: 50,
        },
        revision: 9,
      }),
    });
    let text = '';
    while (!text.includes('"type":"done"'))
      text += new TextDecoder().decode((await reader.read()).value);
    expect(text).toMatch(/data: \{"type":"progress".*"revision":9/);
    await reader.cancel();
  });
});

/**
 * Streams a chunked body of at most `chunks` chunks of `size` bytes (after `head`), stopping as
 * soon as the host answers; resolves with the status (0 when the connection was cut unanswered).
 */
function streamBody(
  port: number,
  path: string,
  head: string,
  chunks: number,
  size: number,
): Promise<number> {
  return new Promise((resolve) => {
    let answered = false;
    const req = request(
      {
        host: '127.0.0.1',
        port,
        path,
        method: 'POST',
        headers: { host: `127.0.0.1:${port}`, 'x-workbench-token': host.token },
      },
      (res) => {
        answered = true;
        res.resume();
        resolve(res.statusCode ?? 0);
      },
    );
    req.on('error', () => resolve(0));
    req.setTimeout(10_000, () => req.destroy());
    const chunk = new Uint8Array(size).fill(0x31);
    let sent = 0;
    const more = () => {
      while (!answered && sent < chunks) {
        sent++;
        if (!req.write(chunk)) return void req.once('drain', more);
      }
      if (!answered) req.end();
    };
    req.write(head);
    more();
  });
}

describe('web host uploads', () => {
  const small = { maxJsonBytes: 4096, maxBinaryBytes: 2 ** 20 };
  let limited: WebHost;
  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'shrinkage-web-'));
    const { handlers } = createServices({
      executor: inProcessExecutor,
      emit: () => {},
      host: { kind: 'web' },
      threads: 1,
    });
    limited = await startWebHost({ handlers, rendererDir: dir, token: host.token, limits: small });
  });
  afterAll(() => limited.close());

  const openBytes = '/api/call/workbench:datasets.openBytes';
  const call = (target: WebHost, channel: string, payload: unknown) =>
    fetch(`http://127.0.0.1:${target.port}/api/call/${channel}`, {
      method: 'POST',
      headers: { 'x-workbench-token': host.token },
      body: wireBody(payload),
    }).then(async (response) => ({
      status: response.status,
      body: decodeWire(new Uint8Array(await response.arrayBuffer())) as {
        ok: boolean;
        value?: { summary: { rowCount: number } };
      },
    }));

  it('takes a file of the largest size as raw bytes', async () => {
    const row = '12345,678\n';
    const csv = `x,y\n${row.repeat(Math.floor((small.maxBinaryBytes - 4) / row.length))}`;
    const bytes = new TextEncoder().encode(csv);
    const opened = await call(limited, 'workbench:datasets.openBytes', {
      fileName: 'large.csv',
      bytes,
    });
    expect(opened.status).toBe(200);
    expect(opened.body.ok).toBe(true);
    expect(opened.body.value?.summary.rowCount).toBe((csv.length - 4) / row.length);
  });

  it('answers 413 to a declared Content-Length over the limit, before any body arrives', async () => {
    // Between V8's string limit and the old body limit: this size used to end the process.
    const answer = await raw(
      openBytes,
      {
        host: `127.0.0.1:${host.port}`,
        'x-workbench-token': host.token,
        'content-length': String(700 * 2 ** 20),
      },
      'POST',
    );
    expect(answer.status).toBe(413);
    expect(answer.text).toMatch(/too large.*desktop app/);
    expect((await raw('/', { host: `127.0.0.1:${host.port}` })).status).toBe(200);
  });

  it('answers 413 while a streamed upload announces more bytes than the limit, and goes on', async () => {
    const head = `{"fileName":"big.csv","bytes":null}\n[[["bytes"],${2 * small.maxBinaryBytes}]]\n`;
    expect(await streamBody(limited.port, openBytes, head, 64, 65536)).toBe(413);
    // JSON without an end: refused once it passes maxJsonBytes, not collected into a string.
    expect(await streamBody(limited.port, openBytes, '"', 64, 65536)).toBe(413);
    const info = await call(limited, 'workbench:app.info', {});
    expect(info.body.ok).toBe(true);
  });
});
