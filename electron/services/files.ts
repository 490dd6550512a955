/**
 * File access for datasets and outputs. Plain Node (no Electron), shared by the CLI, the
 * main process and the web host.
 */
import { createHash, randomBytes } from 'node:crypto';
import { open, readFile, rename, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { DataError } from '../../shared/data/errors';

export interface FileBytes {
  path: string;
  fileName: string;
  bytes: Uint8Array;
  sha256: string;
}

const READ_PROBLEMS: Record<string, string> = {
  ENOENT: 'There is no such file. Check the path and spelling.',
  EISDIR: 'This is a folder, not a file. Choose a CSV file inside it.',
  EACCES: 'You do not have permission to read it. Check the file permissions.',
  EPERM: 'You do not have permission to read it. Check the file permissions.',
};

export async function readFileBytes(path: string): Promise<FileBytes> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? '';
    throw new DataError(
      `Cannot read the file.`,
      { file: path },
      READ_PROBLEMS[code] ?? `The system said: ${(error as Error).message}.`,
    );
  }
  return {
    path,
    fileName: basename(path),
    bytes,
    sha256: createHash('sha256').update(bytes).digest('hex'),
  };
}

/**
 * Write a file so that readers see either the old content or the new, never a torn one:
 * write a temporary file beside it, flush it to disk, then rename it over the target.
 * `beforeRename` exists so tests can simulate a crash between the write and the rename.
 */
export async function writeFileAtomic(
  path: string,
  content: string | Uint8Array,
  hooks: { beforeRename?: () => void | Promise<void> } = {},
): Promise<void> {
  const temporary = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  const handle = await open(temporary, 'wx');
  try {
    try {
      await handle.writeFile(content);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await hooks.beforeRename?.();
    await rename(temporary, path);
  } catch (error) {
    await unlink(temporary).catch(() => undefined);
    throw error;
  }
}
