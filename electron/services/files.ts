/**
 * File access for datasets and outputs. Plain Node (no Electron), shared by the CLI, the
 * main process and the web host.
 */
import { randomBytes } from 'node:crypto';
import { open, rename, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

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
