/**
 * What kind of file is this, and how is its text encoded? Decided from the first bytes,
 * so that binary files are refused with a message saying what they seem to be.
 */

import { type Warning, warning } from '../warning';
import { DataError } from './errors';

export type TextEncodingName = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';

export interface SniffedEncoding {
  encoding: TextEncodingName;
  /** Bytes of byte-order mark to skip. */
  bomLength: number;
  /** Said to the user when the encoding was a guess. */
  warning?: Warning | undefined;
}

const SIGNATURES: [bytes: number[], what: string, fix: string][] = [
  [
    [0x50, 0x4b, 0x03, 0x04],
    'a ZIP archive (an Excel .xlsx workbook is one)',
    'Open it in your spreadsheet and use "Save As" → CSV.',
  ],
  [
    [0xd0, 0xcf, 0x11, 0xe0],
    'an old Excel (.xls) or other Office document',
    'Open it in your spreadsheet and use "Save As" → CSV.',
  ],
  [[0x25, 0x50, 0x44, 0x46], 'a PDF document', 'Export the table from its source as CSV.'],
  [[0x89, 0x50, 0x4e, 0x47], 'a PNG image', 'Choose the CSV file instead.'],
  [[0xff, 0xd8, 0xff], 'a JPEG image', 'Choose the CSV file instead.'],
  [
    [0x1f, 0x8b],
    'a gzip-compressed file',
    'Decompress it first (e.g. gunzip), then open the CSV inside.',
  ],
  [[0x53, 0x51, 0x4c, 0x69, 0x74, 0x65], 'an SQLite database', 'Export the table you need as CSV.'],
  [[0x50, 0x41, 0x52, 0x31], 'a Parquet file', 'Convert it to CSV first.'],
];

function startsWith(bytes: Uint8Array, prefix: number[]): boolean {
  return prefix.every((b, i) => bytes[i] === b);
}

/** Decode the head to judge it; a multi-byte character cut at the end is not an error. */
function isUtf8(head: Uint8Array): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(head.subarray(0, trimPartialUtf8(head)));
    return true;
  } catch {
    return false;
  }
}

function trimPartialUtf8(bytes: Uint8Array): number {
  const end = bytes.length;
  // Step back over at most 3 continuation bytes to the start of the last character.
  for (let k = 1; k <= 3 && end - k >= 0; k++) {
    const b = bytes[end - k]!;
    if ((b & 0xc0) === 0x80) continue;
    const needed = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
    return needed > k ? end - k : end;
  }
  return end;
}

export function sniffEncoding(head: Uint8Array, fileName: string): SniffedEncoding {
  const file = { file: fileName };
  if (head.length === 0) {
    throw new DataError(
      'The file is empty.',
      file,
      'Choose a CSV file with a header row and data rows.',
    );
  }
  if (startsWith(head, [0xef, 0xbb, 0xbf])) return { encoding: 'utf-8', bomLength: 3 };
  if (startsWith(head, [0xff, 0xfe])) return { encoding: 'utf-16le', bomLength: 2 };
  if (startsWith(head, [0xfe, 0xff])) return { encoding: 'utf-16be', bomLength: 2 };
  for (const [signature, what, fix] of SIGNATURES) {
    if (startsWith(head, signature))
      throw new DataError(`This is not a CSV file: it looks like ${what}.`, file, fix);
  }
  let zerosEven = 0;
  let zerosOdd = 0;
  let controls = 0;
  for (let i = 0; i < head.length; i++) {
    const b = head[i]!;
    if (b === 0) {
      if (i % 2 === 0) zerosEven++;
      else zerosOdd++;
    } else if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c) {
      controls++;
    }
  }
  const half = head.length / 2;
  if (zerosOdd > 0.3 * half && zerosEven < 0.05 * half) {
    return {
      encoding: 'utf-16le',
      bomLength: 0,
      warning: warning(
        'encoding-guessed',
        'The file has no byte-order mark; it was read as UTF-16 (little-endian) text.',
      ),
    };
  }
  if (zerosEven > 0.3 * half && zerosOdd < 0.05 * half) {
    return {
      encoding: 'utf-16be',
      bomLength: 0,
      warning: warning(
        'encoding-guessed',
        'The file has no byte-order mark; it was read as UTF-16 (big-endian) text.',
      ),
    };
  }
  if (zerosEven + zerosOdd > 0 || controls > Math.max(2, head.length * 0.01)) {
    throw new DataError(
      'This is not a text file: it contains binary data.',
      file,
      'Choose a CSV file (plain text, values separated by commas, semicolons, tabs or pipes).',
    );
  }
  if (isUtf8(head)) return { encoding: 'utf-8', bomLength: 0 };
  return {
    encoding: 'windows-1252',
    bomLength: 0,
    warning: warning(
      'encoding-guessed',
      'The file is not UTF-8; it was read as Windows-1252 (Western European). Save it as "CSV UTF-8" if any text looks wrong.',
    ),
  };
}

/** Text that is clearly some other format once decoded. */
export function refuseNonCsvText(text: string, fileName: string): void {
  const start = text.slice(0, 200).trimStart().toLowerCase();
  const file = { file: fileName };
  if (start.startsWith('<!doctype html') || start.startsWith('<html')) {
    throw new DataError(
      'This is not a CSV file: it is an HTML web page (perhaps a download that failed).',
      file,
      'Download or export the data again as CSV.',
    );
  }
  if (start.startsWith('<?xml')) {
    throw new DataError('This is not a CSV file: it is XML.', file, 'Export the data as CSV.');
  }
  if (/^(\{|\[\s*[{["\d])/.test(start)) {
    throw new DataError(
      'This is not a CSV file: it looks like JSON.',
      file,
      'Export the data as CSV.',
    );
  }
}

/**
 * Offset of the first byte of the first sequence that is not valid UTF-8 (WHATWG's rules:
 * no overlong forms, surrogates or code points past U+10FFFF), or -1. A sequence cut off at
 * the end is invalid only when `final`.
 */
export function invalidUtf8Offset(bytes: Uint8Array, final = true): number {
  const n = bytes.length;
  let i = 0;
  while (i < n) {
    const b = bytes[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    let length: number;
    let low = 0x80;
    let high = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) length = 2;
    else if (b >= 0xe0 && b <= 0xef) {
      length = 3;
      if (b === 0xe0) low = 0xa0;
      if (b === 0xed) high = 0x9f;
    } else if (b >= 0xf0 && b <= 0xf4) {
      length = 4;
      if (b === 0xf0) low = 0x90;
      if (b === 0xf4) high = 0x8f;
    } else return i;
    for (let k = 1; k < length; k++) {
      if (i + k >= n) return final ? i : -1;
      const c = bytes[i + k]!;
      if (c < (k === 1 ? low : 0x80) || c > (k === 1 ? high : 0xbf)) return i;
    }
    i += length;
  }
  return -1;
}

/** The error for invalid UTF-8 at byte `offset` of the file (0-based, as hex editors count). */
export function invalidUtf8Error(fileName: string, offset: number): DataError {
  return new DataError(
    `The file is not valid UTF-8 text (a bad byte sequence near byte ${offset}).`,
    { file: fileName },
    'Save it from your spreadsheet as "CSV UTF-8".',
  );
}

/**
 * Where a UTF-8 stream stands, so that a decoding failure can name the file offset of the bad
 * sequence: the bytes fed so far, and the last character's bytes when it is not yet complete.
 */
export class Utf8Position {
  private pending = new Uint8Array(0);

  /** `offset`: the file offset of the first byte fed (after any byte-order mark). */
  constructor(private offset: number) {}

  /** `bytes` decoded without error. */
  accept(bytes: Uint8Array): void {
    const tail = bytes.length >= 3 ? bytes : concat(this.pending, bytes);
    this.offset += bytes.length;
    this.pending = tail.slice(trimPartialUtf8(tail));
  }

  /** The file offset of the bad sequence in `bytes` (the chunk that failed; empty at the end). */
  badOffset(bytes: Uint8Array): number {
    const start = this.offset - this.pending.length;
    const at = invalidUtf8Offset(concat(this.pending, bytes), bytes.length === 0);
    return start + Math.max(0, at);
  }
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const joined = new Uint8Array(a.length + b.length);
  joined.set(a);
  joined.set(b, a.length);
  return joined;
}

/** The whole file as text, in the encoding sniffed from its head; invalid UTF-8 later on is refused. */
export function decodeBytes(
  bytes: Uint8Array,
  fileName: string,
): { text: string; warning?: Warning | undefined } {
  const sniffed = sniffEncoding(bytes.subarray(0, 65536), fileName);
  try {
    const decoder = new TextDecoder(sniffed.encoding, { fatal: sniffed.encoding === 'utf-8' });
    return { text: decoder.decode(bytes.subarray(sniffed.bomLength)), warning: sniffed.warning };
  } catch {
    const at = invalidUtf8Offset(bytes.subarray(sniffed.bomLength));
    throw invalidUtf8Error(fileName, sniffed.bomLength + Math.max(0, at));
  }
}
