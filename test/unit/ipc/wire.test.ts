/** The HTTP transport's messages: JSON with raw bytes after it, read chunk by chunk within limits. */
import { describe, expect, it } from 'vitest';
import {
  decodeWire,
  encodeWire,
  MAX_PLACEMENT_BYTES,
  MAX_RUNS,
  WireError,
  WireReader,
  wireBody,
  wireBodyInSlices,
} from '../../../shared/ipc/wire';

const unlimited = { maxJsonBytes: 1e9, maxBinaryBytes: 1e9 };

function joined(value: unknown): Uint8Array {
  const parts = encodeWire(value).map((part) =>
    typeof part === 'string' ? new TextEncoder().encode(part) : part,
  );
  const bytes = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let at = 0;
  for (const part of parts) {
    bytes.set(part, at);
    at += part.length;
  }
  return bytes;
}

function readInChunks(bytes: Uint8Array, size: number, limits = unlimited): unknown {
  const reader = new WireReader(limits);
  for (let at = 0; at < bytes.length; at += size) reader.push(bytes.subarray(at, at + size));
  return reader.finish();
}

/** A message written by hand: its text, then raw bytes. */
const message = (text: string, ...bytes: number[]) =>
  new Uint8Array([...new TextEncoder().encode(text), ...bytes]);

describe('wire messages', () => {
  it('round-trips values with bytes anywhere, whatever the chunk size', () => {
    const value = {
      fileName: 'a.csv',
      bytes: new Uint8Array([0, 10, 13, 255, 34, 92]),
      nested: [{ more: new Uint8Array([1, 2, 3]) }, 'text\nwith a newline', null],
      empty: new Uint8Array(0),
      // A key that the old {"$bytes": …} escape would have taken for binary.
      penaltyFactor: { $bytes: 0 },
    };
    for (const size of [1, 2, 7, 1000]) expect(readInChunks(joined(value), size)).toEqual(value);
    expect(decodeWire(joined(new Uint8Array([9, 8])))).toEqual(new Uint8Array([9, 8]));
  });

  it('takes plain JSON as a message, with or without a final newline, and nothing as undefined', () => {
    const text = (body: string) => decodeWire(new TextEncoder().encode(body));
    expect(text('{"a":1}')).toEqual({ a: 1 });
    expect(text('{"a":1}\n')).toEqual({ a: 1 });
    expect(text('')).toBeUndefined();
  });

  it('puts every received run of bytes into a buffer of its own, exactly its size', () => {
    const value = { a: new Uint8Array(1000).fill(7), b: new Uint8Array(3).fill(1) };
    const read = readInChunks(joined(value), 64) as { a: Uint8Array; b: Uint8Array };
    for (const run of [read.a, read.b]) {
      expect(run.byteOffset).toBe(0);
      expect(run.buffer.byteLength).toBe(run.byteLength);
    }
  });

  it('refuses malformed messages with a reason', () => {
    const refusal = (bytes: Uint8Array) => {
      try {
        readInChunks(bytes, 5);
      } catch (error) {
        expect(error).toBeInstanceOf(WireError);
        return (error as WireError).reason;
      }
      return 'accepted';
    };
    expect(refusal(message('{"a":'))).toBe('malformed');
    expect(refusal(new Uint8Array([0x22, 0xff, 0x22]))).toBe('malformed');
    expect(refusal(message('{"a":null}\n[[["a"],3]]\n', 1, 2))).toBe('malformed'); // too few
    expect(refusal(message('{"a":null}\n[[["a"],1]]\n', 1, 2))).toBe('malformed'); // too many
    expect(refusal(message('{"a":5}\n[[["a"],1]]\n', 1))).toBe('malformed'); // slot not empty
    expect(refusal(message('{"a":null}\n[[["b"],1]]\n', 1))).toBe('malformed'); // no such slot
    expect(refusal(message('{"a":null}\n[[["__proto__","x"],1]]\n', 1))).toBe('malformed');
    expect(refusal(message('{"a":null}\n{"not":"a list"}\n'))).toBe('malformed');
    expect(refusal(message('{"a":null}\n[[["a"],-1]]\n'))).toBe('malformed');
    expect(refusal(message('{"a":null}\n[[["a"],1]]\n', 1))).toBe('accepted');
    expect(({} as Record<string, unknown>).x, 'no prototype was touched').toBeUndefined();
  });

  it('refuses JSON over maxJsonBytes and announced bytes over maxBinaryBytes before reading them', () => {
    const limits = { maxJsonBytes: 16, maxBinaryBytes: 100 };
    const reader = () => new WireReader(limits);
    expect(() => reader().push(new TextEncoder().encode(`"${'x'.repeat(20)}"`))).toThrow(
      expect.objectContaining({ reason: 'too-large' }),
    );
    const big = reader();
    expect(() => big.push(new TextEncoder().encode('{"a":null}\n[[["a"],101]]\n'))).toThrow(
      expect.objectContaining({ reason: 'too-large' }),
    );
  });

  it('refuses a placement line over MAX_PLACEMENT_BYTES while it arrives, and over MAX_RUNS runs', () => {
    const reader = new WireReader(unlimited);
    reader.push(new TextEncoder().encode('null\n['));
    // The unfinished line is refused as soon as it passes the cap, never collected or parsed.
    expect(() => reader.push(new Uint8Array(MAX_PLACEMENT_BYTES).fill(0x20))).toThrow(
      expect.objectContaining({ reason: 'malformed' }),
    );
    const keys = Array.from({ length: MAX_RUNS + 1 }, (_, i) => `k${i}`);
    const value = Object.fromEntries(keys.map((key) => [key, new Uint8Array(0)]));
    expect(() => decodeWire(joined(value))).toThrow(
      expect.objectContaining({ reason: 'malformed', message: expect.stringMatching(/runs/) }),
    );
    const most = Object.fromEntries(keys.slice(1).map((key) => [key, new Uint8Array([1])]));
    expect(decodeWire(joined(most))).toEqual(most);
  });
});

describe('a request body built in slices', () => {
  const bytesOf = async (body: Blob | string) =>
    new Uint8Array(await new Response(body).arrayBuffer());

  it('is the same message as wireBody, made with a pause after each slice of the bytes', async () => {
    const bytes = new Uint8Array(10 * 1024 + 7).map((_, i) => (i * 31) % 256);
    const value = { fileName: 'big.csv', bytes, options: { decimal: ',' } };
    let pauses = 0;
    const sliced = await wireBodyInSlices(value, async () => void pauses++, 1024);
    // 10 full slices and the rest: the page gets a turn after each.
    expect(pauses).toBe(11);
    const whole = new Uint8Array(await wireBody(value).arrayBuffer());
    expect(await bytesOf(sliced)).toEqual(whole);
    expect(decodeWire(await bytesOf(sliced))).toEqual(value);
  });

  it('is the JSON text itself for a message without bytes: no pause, no Blob', async () => {
    let pauses = 0;
    const body = await wireBodyInSlices({ jobId: 'j1', lambdaIndex: 3 }, async () => void pauses++);
    expect(pauses).toBe(0);
    expect(body).toBe('{"jobId":"j1","lambdaIndex":3}');
    expect(decodeWire(await bytesOf(body))).toEqual({ jobId: 'j1', lambdaIndex: 3 });
  });
});
