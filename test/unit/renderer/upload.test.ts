/** Files over the upload limit are refused by the page before they are read. */
import { describe, expect, it } from 'vitest';
import { readUpload } from '../../../renderer/lib/upload';
import { MAX_UPLOAD_BYTES } from '../../../shared/ipc/contract';

describe('uploads', () => {
  it('refuses a file over the limit without reading it, and says what to do', async () => {
    let read = false;
    const big = {
      name: 'big.csv',
      size: MAX_UPLOAD_BYTES + 1,
      arrayBuffer: async () => {
        read = true;
        return new ArrayBuffer(0);
      },
    };
    await expect(readUpload(big)).rejects.toThrow(
      /big\.csv is too large to upload \(513 MB; the limit is 512 MB\)\. Files this large must be read from disk/,
    );
    expect(read).toBe(false);
  });

  it('reads a file within the limit', async () => {
    const small = {
      name: 'a.csv',
      size: 3,
      arrayBuffer: async () => new Uint8Array([1, 2, 3]).buffer,
    };
    expect(await readUpload(small)).toEqual(new Uint8Array([1, 2, 3]));
  });
});
