/** The web host's protections and transport: token, Host header, static files, page sessions, events, uploads. */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../electron/main/csp';
import { createServices } from '../../electron/services';
import { startWebHost, type WebHost } from '../../electron/web/server';
import type { OpenSession } from '../../electron/web/sessions';
import { inProcessExecutor } from '../../shared/analysis/executor';
import { decodeWire, MAX_PLACEMENT_BYTES, MAX_RUNS, wireBody } from '../../shared/ipc/wire';

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

const openSession: OpenSession = (emit) =>
  createServices({ executor: inProcessExecutor, emit, host: { kind: 'web' }, threads: 1 });

async function startTestHost(options: Partial<Parameters<typeof startWebHost>[0]> = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'shrinkage-web-'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>t</title>');
  return startWebHost({ openSession, rendererDir: dir, ...options });
}

beforeAll(async () => {
  host = await startTestHost();
});
afterAll(() => host.close());

type Answer =
  | { ok: true; value: unknown }
  | { ok: false; error: { name: string; message: string } };

/** A page as the tests drive it: one session id on every call and on its event stream. */
function page(target: () => WebHost = () => host, session: string = randomUUID()) {
  const url = () => `http://127.0.0.1:${target().port}`;
  return {
    session,
    async call(channel: string, payload: unknown): Promise<{ status: number; answer: Answer }> {
      const response = await fetch(`${url()}/api/call/${channel}`, {
        method: 'POST',
        headers: { 'x-workbench-token': target().token, 'x-workbench-session': session },
        body: wireBody(payload),
      });
      const bytes = new Uint8Array(await response.arrayBuffer());
      return {
        status: response.status,
        answer: (response.ok ? decodeWire(bytes) : new TextDecoder().decode(bytes)) as Answer,
      };
    },
    async value<T>(channel: string, payload: unknown): Promise<T> {
      const { answer } = await this.call(channel, payload);
      if (!answer.ok) throw new Error(`${channel}: ${JSON.stringify(answer)}`);
      return answer.value as T;
    },
    /** The session's event stream; read() collects its text until a condition holds (bounded). */
    async events() {
      const response = await fetch(
        `${url()}/api/events?token=${target().token}&session=${session}`,
      );
      expect(response.status).toBe(200);
      const reader = response.body!.getReader();
      let text = '';
      return {
        async until(done: (text: string) => boolean): Promise<string> {
          for (let reads = 0; !done(text) && reads < 10_000; reads++) {
            const chunk = await reader.read();
            if (chunk.done) break;
            text += new TextDecoder().decode(chunk.value);
          }
          return text;
        },
        close: () => reader.cancel(),
      };
    },
  };
}

const csvBytes = (text: string) => new TextEncoder().encode(text);
const tinyCsv = csvBytes('x,z,y\n1,5,2\n2,3,4\n3,8,5\n4,1,9\n5,2,11\n6,4,12\n');
const fitSettings = {
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
};

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
    const session = randomUUID();
    const call = (headers: Record<string, string>) =>
      fetch(`${base()}/api/call/workbench:app.info`, {
        method: 'POST',
        headers: { 'x-workbench-session': session, ...headers },
        body: '{}',
      });
    expect((await call({})).status).toBe(401);
    expect((await call({ 'x-workbench-token': 'wrong' })).status).toBe(401);
    const ok = await call({ 'x-workbench-token': host.token });
    expect(ok.status).toBe(200);
    expect(decodeWire(new Uint8Array(await ok.arrayBuffer()))).toMatchObject({
      ok: true,
      value: { host: 'web' },
    });
    expect((await fetch(`${base()}/api/events?session=${session}`)).status).toBe(401);
  });

  it('refuses calls and event streams that name no page session (400)', async () => {
    for (const session of [undefined, 'not-a-uuid']) {
      const response = await fetch(`${base()}/api/call/workbench:app.info`, {
        method: 'POST',
        headers: {
          'x-workbench-token': host.token,
          ...(session && { 'x-workbench-session': session }),
        },
        body: '{}',
      });
      expect(response.status).toBe(400);
      expect(await response.text()).toMatch(/page session.*Reload the page/);
    }
    expect((await fetch(`${base()}/api/events?token=${host.token}`)).status).toBe(400);
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
    const tab = page();
    const events = await tab.events();
    const { datasetId } = await tab.value<{ datasetId: string }>('workbench:datasets.openBytes', {
      fileName: 'tiny.csv',
      bytes: tinyCsv,
    });
    await tab.value('workbench:fits.start', { datasetId, settings: fitSettings, revision: 9 });
    const text = await events.until((seen) => seen.includes('"type":"done"'));
    expect(text).toMatch(/data: \{"type":"progress".*"revision":9/);
    expect(text).toMatch(/"type":"done"/);
    await events.close();
  });
  it('refuses a penalty factor for __proto__ sent over HTTP as not a feature, like the CLI', async () => {
    const tab = page();
    const events = await tab.events();
    const { datasetId } = await tab.value<{ datasetId: string }>('workbench:datasets.openBytes', {
      fileName: 'tiny.csv',
      bytes: tinyCsv,
    });
    // As a page's JSON would carry it: an own key named __proto__, not a prototype.
    const settings = JSON.parse(
      JSON.stringify({ ...fitSettings, penaltyFactor: { x: 1 } }).replace('"x":1', '"__proto__":0'),
    );
    const { jobId } = await tab.value<{ jobId: string }>('workbench:fits.start', {
      datasetId,
      settings,
      revision: 3,
    });
    await events.until(
      (seen) => seen.includes(`"jobId":"${jobId}"`) && /"type":"(failed|done)"/.test(seen),
    );
    await events.close();
    const { answer } = await tab.call('workbench:fits.result', { jobId });
    expect(answer.ok).toBe(false);
    expect(answer.ok ? '' : answer.error.message).toMatch(/'__proto__', which is not a feature/);
  });
});

describe('web host page sessions', () => {
  it("keeps two pages apart: B's job events never reach A's stream, A cannot read B's data or results", async () => {
    const a = page();
    const b = page();
    const aEvents = await a.events();
    const bEvents = await b.events();
    const aData = await a.value<{ datasetId: string }>('workbench:datasets.openBytes', {
      fileName: 'a.csv',
      bytes: tinyCsv,
    });
    const bData = await b.value<{ datasetId: string }>('workbench:datasets.openBytes', {
      fileName: 'b.csv',
      bytes: tinyCsv,
    });
    // Both pages count their revisions from 1: the same revision must not mix them up.
    const bJob = await b.value<{ jobId: string }>('workbench:fits.start', {
      datasetId: bData.datasetId,
      settings: fitSettings,
      revision: 1,
    });
    await bEvents.until((text) => text.includes(`"done","jobId":"${bJob.jobId}"`));
    const aJob = await a.value<{ jobId: string }>('workbench:fits.start', {
      datasetId: aData.datasetId,
      settings: fitSettings,
      revision: 1,
    });
    // Events arrive in order: B's, had they been sent to A, would come before A's own 'done'.
    const aText = await aEvents.until((text) => text.includes(`"done","jobId":"${aJob.jobId}"`));
    expect(aText).toContain(aJob.jobId);
    expect(aText).not.toContain(bJob.jobId);

    const refused = async (channel: string, payload: unknown) => {
      const { status, answer } = await a.call(channel, payload);
      expect(status).toBe(200);
      expect(answer.ok, channel).toBe(false);
      return !answer.ok && answer.error.name;
    };
    const other = { datasetId: bData.datasetId };
    expect(await refused('workbench:datasets.preview', { ...other, offset: 0, limit: 5 })).toBe(
      'NotFoundError',
    );
    expect(await refused('workbench:fits.result', { jobId: bJob.jobId })).toBe('NotFoundError');
    expect(await refused('workbench:fits.predictions', { jobId: bJob.jobId, lambdaIndex: 0 })).toBe(
      'NotFoundError',
    );
    expect(
      await refused('workbench:exports.create', {
        jobId: bJob.jobId,
        selectedIndex: 0,
        kind: 'results-json',
      }),
    ).toBe('NotFoundError');
    expect(await a.value('workbench:datasets.close', other)).toEqual({ closed: false });
    expect(
      await b.value('workbench:datasets.preview', { ...other, offset: 0, limit: 1 }),
    ).toMatchObject({ total: 6 });
    const restored = await a.value<{
      dataset: { summary: { fileName: string } } | null;
      last: { jobId: string };
    }>('workbench:session.restore', {});
    expect(restored.dataset?.summary.fileName).toBe('a.csv');
    expect(restored.last.jobId).toBe(aJob.jobId);
    await aEvents.close();
    await bEvents.close();
  });

  it("keeps a page's work across a reload, and releases it once the page has gone", async () => {
    const graced = await startTestHost({ sessionGraceMs: 1000 });
    try {
      const tab = page(() => graced);
      let events = await tab.events();
      const { datasetId } = await tab.value<{ datasetId: string }>('workbench:datasets.openBytes', {
        fileName: 'kept.csv',
        bytes: tinyCsv,
      });
      // A reload: the old page's stream closes, the new page (same session id) reconnects.
      await events.close();
      events = await tab.events();
      const restored = await tab.value<{ dataset: { datasetId: string } | null }>(
        'workbench:session.restore',
        {},
      );
      expect(restored.dataset?.datasetId).toBe(datasetId);
      // The tab closes: no stream, no call; after the grace period the session is released.
      await events.close();
      for (let polls = 0; graced.sessions > 0 && polls < 200; polls++)
        await new Promise((resolve) => setTimeout(resolve, 50));
      expect(graced.sessions).toBe(0);
      const { answer } = await tab.call('workbench:datasets.preview', {
        datasetId,
        offset: 0,
        limit: 1,
      });
      expect(answer).toMatchObject({ ok: false, error: { name: 'NotFoundError' } });
    } finally {
      await graced.close();
    }
  });

  it('holds at most maxSessions: a new page replaces one that has gone, and is refused while all are live', async () => {
    const small = await startTestHost({ maxSessions: 2 });
    try {
      const live = page(() => small);
      const liveEvents = await live.events();
      const gone = page(() => small);
      await gone.value('workbench:datasets.openBytes', { fileName: 'gone.csv', bytes: tinyCsv });
      const next = page(() => small);
      const nextEvents = await next.events();
      expect(small.sessions).toBe(2);
      const refused = await gone.call('workbench:session.restore', {});
      expect(refused.status).toBe(503);
      expect(refused.answer).toMatch(/already serves 2 open pages.*Close a Shrinkage tab/);
      await nextEvents.close();
      // With a page gone, a new one is served again (and the released page starts afresh).
      let again = await gone.call('workbench:session.restore', {});
      for (let polls = 0; again.status !== 200 && polls < 200; polls++) {
        await new Promise((resolve) => setTimeout(resolve, 20));
        again = await gone.call('workbench:session.restore', {});
      }
      expect(again.answer).toMatchObject({ ok: true, value: { dataset: null } });
      expect(small.sessions).toBe(2);
      await liveEvents.close();
    } finally {
      await small.close();
    }
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
        headers: {
          host: `127.0.0.1:${port}`,
          'x-workbench-token': host.token,
          'x-workbench-session': randomUUID(),
        },
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
    limited = await startTestHost({ token: host.token, limits: small });
  });
  afterAll(() => limited.close());

  const openBytes = '/api/call/workbench:datasets.openBytes';

  it('takes a file of the largest size as raw bytes', async () => {
    const row = '12345,678\n';
    const csv = `x,y\n${row.repeat(Math.floor((small.maxBinaryBytes - 4) / row.length))}`;
    const opened = await page(() => limited).value<{ summary: { rowCount: number } }>(
      'workbench:datasets.openBytes',
      { fileName: 'large.csv', bytes: csvBytes(csv) },
    );
    expect(opened.summary.rowCount).toBe((csv.length - 4) / row.length);
  });

  it('answers 413 to a declared Content-Length over the limit, before any body arrives', async () => {
    // Between V8's string limit and the old body limit: this size used to end the process.
    const answer = await raw(
      openBytes,
      {
        host: `127.0.0.1:${host.port}`,
        'x-workbench-token': host.token,
        'x-workbench-session': randomUUID(),
        'content-length': String(700 * 2 ** 20),
      },
      'POST',
    );
    expect(answer.status).toBe(413);
    expect(answer.text).toMatch(/too large.*desktop app/);
    expect((await raw('/', { host: `127.0.0.1:${host.port}` })).status).toBe(200);
  });

  it('answers 400 to a placement line over its cap (length or runs), before parsing it, and goes on', async () => {
    // Millions of empty runs (60 MB, within the JSON limit) used to hold the event loop for a
    // minute; a line just over each cap is enough to show it is refused.
    const headers = {
      host: `127.0.0.1:${host.port}`,
      'x-workbench-token': host.token,
      'x-workbench-session': randomUUID(),
    };
    const padded = `{"fileName":"a.csv","bytes":null}\n[[["bytes"],0]${' '.repeat(MAX_PLACEMENT_BYTES)}]\n`;
    const keys = Array.from({ length: MAX_RUNS + 1 }, (_, i) => `k${i}`);
    const many = `{${keys.map((k) => `"${k}":null`).join(',')}}\n${JSON.stringify(keys.map((k) => [[k], 0]))}\n`;
    for (const body of [padded, many]) {
      const answer = await raw(openBytes, headers, 'POST', body);
      expect(answer.status).toBe(400);
      expect(answer.text).toMatch(/malformed: The (list of where|message carries over)/);
    }
    expect(await page().value('workbench:app.info', {})).toMatchObject({ host: 'web' });
  });

  it('answers 413 while a streamed upload announces more bytes than the limit, and goes on', async () => {
    const head = `{"fileName":"big.csv","bytes":null}\n[[["bytes"],${2 * small.maxBinaryBytes}]]\n`;
    expect(await streamBody(limited.port, openBytes, head, 64, 65536)).toBe(413);
    // JSON without an end: refused once it passes maxJsonBytes, not collected into a string.
    expect(await streamBody(limited.port, openBytes, '"', 64, 65536)).toBe(413);
    expect(await page(() => limited).value('workbench:app.info', {})).toMatchObject({
      host: 'web',
    });
  });
});
