/**
 * Messages on the HTTP transport (Electron's IPC clones Uint8Array natively and needs none of
 * this). A message is the JSON of the value with every Uint8Array in it replaced by null; when
 * there are any, a newline, the JSON list of where each goes and its length, another newline,
 * and their raw bytes one after another:
 *
 *   {"fileName":"a.csv","bytes":null}\n[[["bytes"],1234]]\n<1234 bytes>
 *
 * The bytes never pass through a string (a 500 MB upload as base64 JSON would exceed V8's
 * string limit), and a reader fed the message chunk by chunk puts each run of bytes into its
 * own buffer, so a received file is held once, in exactly its size. A plain JSON body without
 * binary is a message too. The placement line is small by construction (MAX_RUNS entries
 * within MAX_PLACEMENT_BYTES) and refused beyond, whatever the limits on the rest.
 */

/** Where a run of bytes goes in the value (a path of keys) and how long it is. */
type Placement = [path: (string | number)[], length: number];

/** Why a message was refused: malformed, or over the reader's limits. */
export class WireError extends Error {
  override readonly name = 'WireError';
  constructor(
    readonly reason: 'malformed' | 'too-large',
    message: string,
  ) {
    super(message);
  }
}

export interface WireLimits {
  /** The longest JSON line (the value, or the list of placements). */
  maxJsonBytes: number;
  /** The most bytes in all the runs together. */
  maxBinaryBytes: number;
}

const NEWLINE = 0x0a;
const MAX_PATH_DEPTH = 32;
/**
 * A message carries at most this many runs of bytes (the contract's calls carry one file each),
 * and its placement line is at most MAX_PLACEMENT_BYTES long. Both are checked before the line
 * is parsed: a placement line of millions of empty runs, well within maxJsonBytes, would
 * otherwise hold the event loop for a minute and take gigabytes.
 */
export const MAX_RUNS = 16;
export const MAX_PLACEMENT_BYTES = 4096;

/** The message as parts to send in order (a Blob's parts in the browser, writes in Node). */
export function encodeWire(value: unknown): (string | Uint8Array)[] {
  const paths = new Map<object, string[]>();
  const runs: Uint8Array[] = [];
  const placements: Placement[] = [];
  const json = JSON.stringify(value, function (this: object, key: string, item: unknown) {
    const parent = paths.get(this);
    const path = parent ? [...parent, key] : [];
    if (item instanceof Uint8Array) {
      runs.push(item);
      placements.push([path, item.byteLength]);
      return null;
    }
    if (item !== null && typeof item === 'object') paths.set(item, path);
    return item;
  });
  if (runs.length === 0) return [json ?? ''];
  return [`${json ?? 'null'}\n${JSON.stringify(placements)}\n`, ...runs];
}

/** The message as a request body (a Blob joins the parts without copying them into a string). */
export function wireBody(value: unknown): Blob {
  return new Blob(encodeWire(value) as (string | Uint8Array<ArrayBuffer>)[]);
}

/** Bytes copied into a request body per slice (wireBodyInSlices). */
export const BODY_SLICE_BYTES = 4 * 1024 * 1024;

/**
 * wireBody for a request, built a slice at a time with `pause()` after each slice. Making a
 * Blob copies its byte parts there and then: one Blob of a 30 MB upload held the page's main
 * thread for 180 ms, of a 100 MB one for over half a second. Each slice becomes a Blob of its
 * own, and the body a Blob of those, which refers to them without copying. A message without
 * bytes is its JSON text: no Blob at all (each one is a round trip to the browser process,
 * tens of ms on a busy machine, on every λ step's request for predictions).
 */
export async function wireBodyInSlices(
  value: unknown,
  pause: () => Promise<void>,
  sliceBytes = BODY_SLICE_BYTES,
): Promise<Blob | string> {
  const parts = encodeWire(value) as (string | Uint8Array<ArrayBuffer>)[];
  if (parts.length === 1 && typeof parts[0] === 'string') return parts[0];
  const pieces: (string | Uint8Array<ArrayBuffer> | Blob)[] = [];
  for (const part of parts) {
    if (typeof part === 'string' || part.byteLength <= sliceBytes) {
      pieces.push(part);
      continue;
    }
    for (let at = 0; at < part.byteLength; at += sliceBytes) {
      pieces.push(new Blob([part.subarray(at, at + sliceBytes)]));
      await pause();
    }
  }
  return new Blob(pieces);
}

/** Places each run into the value; a placement must name a null slot that the value has. */
function place(value: unknown, placements: Placement[], runs: Uint8Array[]): unknown {
  let root = value;
  placements.forEach(([path], index) => {
    const run = runs[index]!;
    if (path.length === 0) {
      if (root !== null) throw new WireError('malformed', 'The message places bytes twice.');
      root = run;
      return;
    }
    let holder: unknown = root;
    for (const key of path.slice(0, -1)) {
      if (holder === null || typeof holder !== 'object' || !Object.hasOwn(holder, key))
        throw new WireError('malformed', 'The message places bytes where its value has nothing.');
      holder = (holder as Record<string, unknown>)[key];
    }
    const last = path.at(-1)!;
    if (
      holder === null ||
      typeof holder !== 'object' ||
      !Object.hasOwn(holder, last) ||
      (holder as Record<string, unknown>)[last] !== null
    )
      throw new WireError(
        'malformed',
        'The message places bytes where its value has no empty slot.',
      );
    (holder as Record<string, unknown>)[last] = run;
  });
  return root;
}

function isPlacements(value: unknown): value is Placement[] {
  return (
    Array.isArray(value) &&
    value.every(
      (entry) =>
        Array.isArray(entry) &&
        entry.length === 2 &&
        Array.isArray(entry[0]) &&
        entry[0].length <= MAX_PATH_DEPTH &&
        entry[0].every((key: unknown) => typeof key === 'string' || typeof key === 'number') &&
        Number.isSafeInteger(entry[1]) &&
        entry[1] >= 0,
    )
  );
}

/**
 * Reads a message fed chunk by chunk (as an HTTP body arrives), within limits: JSON lines are
 * collected up to maxJsonBytes, then each run is copied straight into a buffer of its own.
 * push() and finish() throw WireError.
 */
export class WireReader {
  private pending: Uint8Array[] = [];
  private pendingBytes = 0;
  private value: unknown;
  private stage: 'value' | 'placements' | 'runs' = 'value';
  private placements: Placement[] = [];
  private runs: Uint8Array[] = [];
  private run = 0;
  private filled = 0;

  constructor(private readonly limits: WireLimits) {}

  push(chunk: Uint8Array): void {
    let rest = chunk;
    while (rest.length > 0) {
      if (this.stage === 'runs') {
        rest = this.fill(rest);
        continue;
      }
      const newline = rest.indexOf(NEWLINE);
      const head = newline < 0 ? rest : rest.subarray(0, newline);
      if (this.stage === 'placements' && this.pendingBytes + head.length > MAX_PLACEMENT_BYTES)
        throw new WireError(
          'malformed',
          `The list of where the message's bytes go is over ${MAX_PLACEMENT_BYTES} bytes.`,
        );
      if (this.pendingBytes + head.length > this.limits.maxJsonBytes)
        throw new WireError(
          'too-large',
          `The JSON part of the message is over ${this.limits.maxJsonBytes} bytes.`,
        );
      this.pending.push(head);
      this.pendingBytes += head.length;
      if (newline < 0) return;
      this.endLine();
      rest = rest.subarray(newline + 1);
    }
  }

  /** The value with its bytes in place, once the whole message has been pushed. */
  finish(): unknown {
    if (this.stage === 'value') {
      if (this.pendingBytes === 0) return undefined;
      return this.parse(this.takeLine());
    }
    // A JSON value with a trailing newline and nothing after it is a whole message too.
    if (this.stage === 'placements' && this.pendingBytes === 0) return this.value;
    if (this.stage === 'placements' || this.run < this.runs.length)
      throw new WireError('malformed', 'The message ended before all its bytes arrived.');
    return place(this.value, this.placements, this.runs);
  }

  private takeLine(): string {
    const bytes = new Uint8Array(this.pendingBytes);
    let at = 0;
    for (const part of this.pending) {
      bytes.set(part, at);
      at += part.length;
    }
    this.pending = [];
    this.pendingBytes = 0;
    try {
      return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch {
      throw new WireError('malformed', 'The JSON part of the message is not valid UTF-8.');
    }
  }

  private parse(line: string): unknown {
    try {
      return JSON.parse(line);
    } catch {
      throw new WireError('malformed', 'The message is not valid JSON.');
    }
  }

  private endLine(): void {
    const parsed = this.parse(this.takeLine());
    if (this.stage === 'value') {
      this.value = parsed;
      this.stage = 'placements';
      return;
    }
    if (Array.isArray(parsed) && parsed.length > MAX_RUNS)
      throw new WireError('malformed', `The message carries over ${MAX_RUNS} runs of bytes.`);
    if (!isPlacements(parsed))
      throw new WireError('malformed', 'The message does not say where its bytes go.');
    const total = parsed.reduce((sum, [, length]) => sum + length, 0);
    if (total > this.limits.maxBinaryBytes)
      throw new WireError(
        'too-large',
        `The message carries ${total} bytes; at most ${this.limits.maxBinaryBytes} are accepted.`,
      );
    this.placements = parsed;
    this.runs = parsed.map(([, length]) => new Uint8Array(length));
    this.stage = 'runs';
    this.skipEmptyRuns();
  }

  private skipEmptyRuns(): void {
    while (this.run < this.runs.length && this.filled === this.runs[this.run]!.length) {
      this.run++;
      this.filled = 0;
    }
  }

  /** Copies bytes into the current run; returns what is left of the chunk. */
  private fill(chunk: Uint8Array): Uint8Array {
    if (this.run >= this.runs.length)
      throw new WireError('malformed', 'The message has more bytes than it announced.');
    const target = this.runs[this.run]!;
    const take = Math.min(chunk.length, target.length - this.filled);
    target.set(chunk.subarray(0, take), this.filled);
    this.filled += take;
    this.skipEmptyRuns();
    return chunk.subarray(take);
  }
}

/** A whole message at once (an answer already received). */
export function decodeWire(
  bytes: Uint8Array,
  limits: WireLimits = {
    maxJsonBytes: Number.POSITIVE_INFINITY,
    maxBinaryBytes: Number.POSITIVE_INFINITY,
  },
): unknown {
  const reader = new WireReader(limits);
  reader.push(bytes);
  return reader.finish();
}
