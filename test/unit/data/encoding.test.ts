/** Invalid UTF-8 is reported at the byte where it is, in memory and when streamed in chunks. */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadDatasetFile } from '../../../electron/services/datasets';
import { decodeBytes, invalidUtf8Offset } from '../../../shared/data/encoding';
import { fixturesDir } from '../../helpers/fixtures';

const dir = mkdtempSync(join(tmpdir(), 'shrinkage-utf8-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A CSV of about `size` bytes of valid UTF-8 (with é, € and 😀 throughout), then `tail`. */
function csvBytes(size: number, tail: number[]): Uint8Array {
  const lines = ['name,x,y'];
  for (let i = 0, length = 9; length < size; i++) {
    const line = `é€😀${i},${i % 7},${i % 5}`;
    lines.push(line);
    length += Buffer.byteLength(line) + 1;
  }
  const body = Buffer.from(`${lines.join('\n')}\n`);
  return new Uint8Array([...body, ...tail]);
}

describe('the offset of invalid UTF-8', () => {
  it('finds the first bad sequence, and cut-off ones only at the end', () => {
    const text = (s: string) => [...Buffer.from(s)];
    expect(invalidUtf8Offset(new Uint8Array(text('aé€😀')))).toBe(-1);
    expect(invalidUtf8Offset(new Uint8Array([...text('abc'), 0xe9, 0x0a]))).toBe(3);
    expect(invalidUtf8Offset(new Uint8Array([0x61, 0xc0, 0x80]))).toBe(1); // overlong
    expect(invalidUtf8Offset(new Uint8Array([0x61, 0xed, 0xa0, 0x80]))).toBe(1); // surrogate
    expect(invalidUtf8Offset(new Uint8Array([0x61, 0xe2, 0x82]))).toBe(1);
    expect(invalidUtf8Offset(new Uint8Array([0x61, 0xe2, 0x82]), false)).toBe(-1);
  });

  it('in bytes decoded at once, names the byte of the bad sequence', () => {
    const bytes = csvBytes(70_000, [0x61, 0xe9, 0x0a]);
    expect(() => decodeBytes(bytes, 'late.csv')).toThrow(`near byte ${bytes.length - 2}`);
  });

  it('in a file read in 1 MiB chunks, names the byte, not the start of its chunk', async () => {
    for (const size of [3_000_000, 200_000]) {
      const bytes = csvBytes(size, [0x61, 0xe9, 0x0a]);
      const path = join(dir, `late-${size}.csv`);
      writeFileSync(path, bytes);
      await expect(loadDatasetFile(path)).rejects.toThrow(`near byte ${bytes.length - 2}`);
    }
  });

  it('a character cut off at the end of the file is named too', async () => {
    const bytes = csvBytes(1_100_000, [0x61, 0xe2, 0x82]);
    const path = join(dir, 'cut.csv');
    writeFileSync(path, bytes);
    await expect(loadDatasetFile(path)).rejects.toThrow(`near byte ${bytes.length - 2}`);
  });

  it('the corpus file with a Latin-1 byte after 64 KiB names that byte', async () => {
    const path = join(fixturesDir, 'csv/bad/invalid-utf8-late.csv');
    const at = readFileSync(path).indexOf(0xe9);
    expect(at).toBeGreaterThan(65536);
    await expect(loadDatasetFile(path)).rejects.toThrow(`near byte ${at}`);
  });
});
