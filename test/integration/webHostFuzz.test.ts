/**
 * The web host under malformed traffic: broken request lines, headers, percent-encodings and
 * bodies, sent byte for byte over raw sockets, then seeded random mutations of well-formed
 * requests. After every one the host must still answer a normal call. Bounded: a fixed number
 * of cases, each socket given at most SOCKET_MS.
 */

import { mkdtempSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServices } from '../../electron/services';
import { startWebHost, type WebHost } from '../../electron/web/server';
import { inProcessExecutor } from '../../shared/analysis/executor';
import { mulberry32 } from '../../shared/solver/random';

/** How long a mutated request may go unanswered (the host may rightly wait for more bytes). */
const SOCKET_MS = 400;
/** How long a request that must be answered may take: generous, as CI machines are loaded. */
const ANSWER_MS = 5000;
const SESSION = '0b9d2a9e-6a7c-4d6e-9a55-3f1f6c1d2e4b';
const RANDOM_CASES = 150;

let host: WebHost;
let here: string;

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'shrinkage-web-fuzz-'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>t</title>');
  host = await startWebHost({
    openSession: (emit) =>
      createServices({ executor: inProcessExecutor, emit, host: { kind: 'web' }, threads: 1 }),
    rendererDir: dir,
  });
  here = `127.0.0.1:${host.port}`;
});
afterAll(() => host.close());

/** Writes the bytes on a fresh connection; resolves with whatever came back (latin1), never rejects. */
function exchange(bytes: Buffer, endAfterWriting: boolean, limitMs = SOCKET_MS): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect(host.port, '127.0.0.1');
    let text = '';
    let settled = false;
    let quiet: NodeJS.Timeout | undefined;
    const finish = () => {
      if (settled) return;
      settled = true;
      clearTimeout(limit);
      clearTimeout(quiet);
      socket.destroy();
      resolve(text);
    };
    const limit = setTimeout(finish, limitMs);
    socket.on('data', (chunk) => {
      text += chunk.toString('latin1');
      // A kept-alive connection stays open: take the answer once it has gone quiet.
      clearTimeout(quiet);
      quiet = setTimeout(finish, 100);
    });
    socket.on('error', finish);
    socket.on('close', finish);
    socket.write(bytes, () => {
      if (endAfterWriting) socket.end();
    });
  });
}

function statusOf(answer: string): number | undefined {
  const match = /^HTTP\/1\.1 (\d{3}) /.exec(answer);
  return match ? Number(match[1]) : undefined;
}

async function expectHealthy(after: string): Promise<void> {
  const response = await fetch(`http://${here}/api/call/workbench:app.info`, {
    method: 'POST',
    headers: { 'x-workbench-token': host.token, 'x-workbench-session': SESSION },
    body: '{}',
  });
  expect(response.status, `a normal call after ${after}`).toBe(200);
  await response.arrayBuffer();
}

const request = (lines: string[], body = '') =>
  Buffer.from(`${lines.join('\r\n')}\r\n\r\n${body}`, 'latin1');

describe('web host fuzzing', () => {
  it('refuses each malformed request with a 4xx and goes on', async () => {
    const token = () => `x-workbench-token: ${host.token}\r\nx-workbench-session: ${SESSION}`;
    const cases: [string, Buffer, number | 'any'][] = [
      ['a garbage request line', Buffer.from('GARBAGE\r\n\r\n'), 400],
      ['an empty request line', Buffer.from('\r\n\r\n\r\n'), 'any'],
      ['a bad percent-encoding in a page path', request(['GET /% HTTP/1.1', `Host: ${here}`]), 400],
      [
        'a bad percent-encoding in a channel',
        request(
          ['POST /api/call/%E0%A4%A HTTP/1.1', `Host: ${here}`, token(), 'Content-Length: 2'],
          '{}',
        ),
        400,
      ],
      [
        'an absolute-form target',
        request(['GET http://evil.example/ HTTP/1.1', `Host: ${here}`]),
        400,
      ],
      ['an asterisk target', request(['OPTIONS * HTTP/1.1', `Host: ${here}`]), 400],
      ['a protocol-relative path', request(['GET //etc/passwd HTTP/1.1', `Host: ${here}`]), 404],
      ['a NUL in the path', request(['GET /\0 HTTP/1.1', `Host: ${here}`]), 400],
      ['an encoded NUL in the path', request(['GET /%00 HTTP/1.1', `Host: ${here}`]), 404],
      ['an unknown HTTP version', request(['GET / HTTP/9.9', `Host: ${here}`]), 'any'],
      ['a header without a colon', request(['GET / HTTP/1.1', `Host: ${here}`, 'nonsense']), 400],
      ['no Host header', request(['GET / HTTP/1.1']), 'any'],
      [
        'a Host header with a NUL',
        request(['GET / HTTP/1.1', `Host: 127.0.0.1\0:${host.port}`]),
        400,
      ],
      [
        'an oversized header',
        request(['GET / HTTP/1.1', `Host: ${here}`, `x-big: ${'a'.repeat(20_000)}`]),
        431,
      ],
      [
        'a non-numeric Content-Length',
        request(
          [
            'POST /api/call/workbench:app.info HTTP/1.1',
            `Host: ${here}`,
            token(),
            'Content-Length: abc',
          ],
          '{}',
        ),
        400,
      ],
      [
        'two different Content-Lengths',
        request(
          [
            'POST /api/call/workbench:app.info HTTP/1.1',
            `Host: ${here}`,
            token(),
            'Content-Length: 2',
            'Content-Length: 3',
          ],
          '{}',
        ),
        400,
      ],
      [
        'a malformed chunk size',
        request(
          [
            'POST /api/call/workbench:app.info HTTP/1.1',
            `Host: ${here}`,
            token(),
            'Transfer-Encoding: chunked',
          ],
          'zz\r\n{}\r\n0\r\n\r\n',
        ),
        400,
      ],
      [
        'Content-Length together with chunked',
        request(
          [
            'POST /api/call/workbench:app.info HTTP/1.1',
            `Host: ${here}`,
            token(),
            'Content-Length: 2',
            'Transfer-Encoding: chunked',
          ],
          '2\r\n{}\r\n0\r\n\r\n',
        ),
        400,
      ],
      [
        'a body that is not JSON',
        request(
          [
            'POST /api/call/workbench:app.info HTTP/1.1',
            `Host: ${here}`,
            token(),
            'Content-Length: 5',
          ],
          '{{{{{',
        ),
        400,
      ],
      [
        'a body of invalid UTF-8',
        Buffer.concat([
          request([
            'POST /api/call/workbench:app.info HTTP/1.1',
            `Host: ${here}`,
            token(),
            'Content-Length: 4',
          ]),
          Buffer.from([0xff, 0xfe, 0xc0, 0x80]),
        ]),
        400,
      ],
      [
        'a body cut short',
        request(
          [
            'POST /api/call/workbench:app.info HTTP/1.1',
            `Host: ${here}`,
            token(),
            'Content-Length: 100',
          ],
          '{"a":',
        ),
        'any',
      ],
      [
        'a malformed session id',
        request(
          [
            'POST /api/call/workbench:app.info HTTP/1.1',
            `Host: ${here}`,
            `x-workbench-token: ${host.token}`,
            'x-workbench-session: ../../etc',
            'Content-Length: 2',
          ],
          '{}',
        ),
        400,
      ],
      [
        'bytes placed where the value has nothing',
        request(
          [
            'POST /api/call/workbench:app.info HTTP/1.1',
            `Host: ${here}`,
            token(),
            'Content-Length: 21',
          ],
          '{"a":1}\n[[["b"],1]]\nZ',
        ),
        400,
      ],
      [
        'a declared Content-Length over the limit',
        request([
          'POST /api/call/workbench:datasets.openBytes HTTP/1.1',
          `Host: ${here}`,
          token(),
          'Content-Length: 1000000000000',
        ]),
        413,
      ],
      [
        'an unknown channel',
        request(
          ['POST /api/call/nope HTTP/1.1', `Host: ${here}`, token(), 'Content-Length: 2'],
          '{}',
        ),
        200,
      ],
    ];
    for (const [name, bytes, expected] of cases) {
      const answer = await exchange(bytes, false, expected === 'any' ? SOCKET_MS : ANSWER_MS);
      const status = statusOf(answer);
      if (expected === 'any') {
        if (status !== undefined) expect(status, name).toBeGreaterThanOrEqual(400);
      } else expect(status, `${name}: ${answer.slice(0, 200)}`).toBe(expected);
      await expectHealthy(name);
    }
  });

  it('survives seeded random mutations of well-formed requests', async () => {
    const random = mulberry32(13);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
    const templates = [
      request(['GET / HTTP/1.1', `Host: ${here}`]),
      request([`GET /api/events?token=${host.token}&session=${SESSION} HTTP/1.1`, `Host: ${here}`]),
      request(
        [
          'POST /api/call/workbench:app.info HTTP/1.1',
          `Host: ${here}`,
          `x-workbench-token: ${host.token}`,
          `x-workbench-session: ${SESSION}`,
          'Content-Length: 2',
        ],
        '{}',
      ),
      request(
        [
          'POST /api/call/workbench:datasets.preview HTTP/1.1',
          `Host: ${here}`,
          `x-workbench-token: ${host.token}`,
          `x-workbench-session: ${SESSION}`,
          'Transfer-Encoding: chunked',
        ],
        '2\r\n{}\r\n0\r\n\r\n',
      ),
    ];
    const nasty = [0x25, 0x0d, 0x0a, 0x00, 0xff, 0x3a, 0x20, 0x7b, 0x22, 0xe0, 0x80];
    const mutate = (source: Buffer): Buffer => {
      let bytes = Buffer.from(source);
      for (let m = 1 + Math.floor(random() * 4); m > 0; m--) {
        const at = Math.floor(random() * bytes.length);
        switch (Math.floor(random() * 5)) {
          case 0: // replace a byte
            bytes[at] = random() < 0.5 ? pick(nasty) : Math.floor(random() * 256);
            break;
          case 1: // insert a few bytes
            bytes = Buffer.concat([
              bytes.subarray(0, at),
              Buffer.from(Array.from({ length: 1 + Math.floor(random() * 8) }, () => pick(nasty))),
              bytes.subarray(at),
            ]);
            break;
          case 2: // delete a range
            bytes = Buffer.concat([
              bytes.subarray(0, at),
              bytes.subarray(at + 1 + Math.floor(random() * 16)),
            ]);
            break;
          case 3: // repeat a range
            bytes = Buffer.concat([
              bytes.subarray(0, at),
              bytes.subarray(at, at + 32),
              bytes.subarray(at),
            ]);
            break;
          default: // cut it short
            bytes = bytes.subarray(0, at);
        }
      }
      return bytes;
    };
    for (let i = 0; i < RANDOM_CASES; i++) {
      const bytes = mutate(pick(templates));
      const answer = await exchange(bytes, random() < 0.5);
      const status = statusOf(answer);
      if (status !== undefined) expect(status, `case ${i}`).toBeLessThan(600);
      await expectHealthy(
        `random case ${i}: ${JSON.stringify(bytes.toString('latin1').slice(0, 120))}`,
      );
    }
  });
});
