/** Files over the upload limit are refused by the page before they are read. */
import { describe, expect, it } from 'vitest';
import { uploadProblem } from '../../../renderer/lib/upload';
import { MAX_UPLOAD_BYTES } from '../../../shared/ipc/contract';

describe('uploads', () => {
  it('names a file over the limit, its size, the limit and what to do instead', () => {
    expect(uploadProblem({ name: 'big.csv', size: MAX_UPLOAD_BYTES + 1 })).toMatch(
      /^big\.csv is too large to upload \(513 MB; the limit is 512 MB\)\. Files this large must be read from disk/,
    );
  });

  it('accepts a file within the limit', () => {
    expect(uploadProblem({ name: 'a.csv', size: MAX_UPLOAD_BYTES })).toBeUndefined();
  });
});
