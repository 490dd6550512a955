/**
 * File access for datasets and outputs. Plain Node (no Electron), shared by the CLI, the
 * main process and the web host.
 */
import { createHash, randomBytes } from 'node:crypto';
import { type BigIntStats, createReadStream, type Stats } from 'node:fs';
import { lstat, open, readdir, realpath, rename, stat, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { DataError } from '../../shared/data/errors';

/** What a path that is not a regular file is, in words ("a folder", "a named pipe (FIFO)"…). */
export function describeNonFile(info: Stats | BigIntStats): string | undefined {
  if (info.isFile()) return undefined;
  if (info.isDirectory()) return 'a folder';
  if (info.isFIFO()) return 'a named pipe (FIFO)';
  if (info.isCharacterDevice()) return 'a device (such as /dev/null or a terminal)';
  if (info.isBlockDevice()) return 'a disk device';
  if (info.isSocket()) return 'a socket';
  return 'not a regular file';
}

/**
 * What tells one state of a file from another: which file the path names (a file saved by
 * writing a copy and renaming it over the old one is another inode) and its size and time of
 * last change. Equal before and after a read, the read saw one file, unchanged.
 */
export interface FileVersion {
  dev: bigint;
  ino: bigint;
  size: bigint;
  mtimeNs: bigint;
}

/** The path's file's version now (stat with nanosecond times). */
export const fileVersion = (path: string): Promise<FileVersion> => stat(path, { bigint: true });

const sameVersion = (a: FileVersion, b: FileVersion) =>
  a.dev === b.dev && a.ino === b.ino && a.size === b.size && a.mtimeNs === b.mtimeNs;

/**
 * Refuses a read during which the file changed or was replaced (`before`: its version when the
 * read began): readers that open the path more than once (the CSV reader and its file thread,
 * the streaming fit's two passes) would otherwise have read parts of different files as one.
 */
export async function refuseChanged(path: string, before: FileVersion): Promise<void> {
  const after = await fileVersion(path).catch(() => undefined);
  if (!after || !sameVersion(before, after)) throw fileChangedError(path);
}

/** The refusal of a read that saw the file change (refuseChanged, or a reader that noticed it itself). */
export function fileChangedError(path: string): DataError {
  return new DataError(
    'The file changed while it was being read, so what was read is not one version of it.',
    { file: path },
    'Open it again once the program writing it has finished; if it is written continuously, open a copy.',
  );
}

/** `.name.<12 hex>.tmp`: the temporary files writeFileAtomic makes beside `name`. */
function temporaryPattern(name: string): RegExp {
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`^\\.${escaped}\\.[0-9a-f]{12}\\.tmp$`);
}

/** Temporaries older than this are from a write that was killed, never one still running. */
const STALE_AFTER_MS = 60_000;

/**
 * Remove the temporary files a killed writeFileAtomic left beside `path` (ours only: the
 * exact name pattern, and old enough that no write can still be using them).
 */
export async function removeStaleTemporaries(path: string, now = Date.now()): Promise<void> {
  // Beside the file itself: a symlink's temporaries are made next to its target.
  await removeStaleBeside(await realpath(path).catch(() => path), now);
}

/** removeStaleTemporaries for a path already resolved (never followed again). */
async function removeStaleBeside(file: string, now = Date.now()): Promise<void> {
  const folder = dirname(file);
  const pattern = temporaryPattern(basename(file));
  let names: string[];
  try {
    names = await readdir(folder);
  } catch {
    return;
  }
  for (const name of names) {
    if (!pattern.test(name)) continue;
    const candidate = join(folder, name);
    try {
      const info = await stat(candidate);
      if (info.isFile() && now - info.mtimeMs > STALE_AFTER_MS) await unlink(candidate);
    } catch {
      // Gone already, or not ours to remove: leave it.
    }
  }
}

/**
 * The file a write to `path` should replace, with its permissions: a symlink's target (so
 * the link stays a link) when `followSymlink`, otherwise the path itself (a link there is
 * replaced by the new file; its target is never touched). Never a folder, device or pipe:
 * renaming a file over /dev/null (as root) would replace the device itself.
 */
async function writeTarget(
  path: string,
  followSymlink: boolean,
): Promise<{ target: string; mode: number | undefined }> {
  let target: string;
  let info: Stats;
  try {
    target = followSymlink ? await realpath(path) : path;
    info = followSymlink ? await stat(target) : await lstat(target);
  } catch {
    return { target: path, mode: undefined };
  }
  // A link being replaced: the new file gets the default permissions, not the link's.
  if (info.isSymbolicLink()) return { target, mode: undefined };
  const kind = describeNonFile(info);
  if (kind) {
    throw new DataError(
      `Cannot write here: this is ${kind}, not a file.`,
      { file: path },
      'Choose a file name to write to.',
    );
  }
  return { target, mode: info.mode & 0o7777 };
}

export interface AtomicWriteOptions {
  /**
   * Write through a symlink at `path` (true, the default: a project the user saved through a
   * link stays a link) or replace the link itself (false: for outputs named on a command
   * line, where a link planted in a shared folder such as /tmp must never redirect the
   * write onto another file).
   */
  followSymlink?: boolean;
  /** Lets tests simulate a crash between the write and the rename. */
  beforeRename?: () => void | Promise<void>;
}

/**
 * Write a file so that readers see either the old content or the new, never a torn one:
 * write a temporary file beside it, flush it to disk, then rename it over the target (a
 * rename onto a symlink replaces the link). An existing file keeps its permissions, and
 * temporaries left by an earlier killed write are cleaned up.
 */
export async function writeFileAtomic(
  path: string,
  content: string | Uint8Array,
  { followSymlink = true, beforeRename }: AtomicWriteOptions = {},
): Promise<void> {
  const { target, mode } = await writeTarget(path, followSymlink);
  await removeStaleBeside(target);
  const temporary = join(
    dirname(target),
    `.${basename(target)}.${randomBytes(6).toString('hex')}.tmp`,
  );
  // 'wx' (O_CREAT | O_EXCL) never opens through a link planted at the temporary's name.
  const handle = await open(temporary, 'wx');
  try {
    try {
      // The old file's permissions (a private 0600 project stays private), set before any content.
      if (mode !== undefined) await handle.chmod(mode);
      await handle.writeFile(content);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await beforeRename?.();
    await rename(temporary, target);
  } catch (error) {
    await unlink(temporary).catch(() => undefined);
    throw error;
  }
}

/** The SHA-256 of a file's bytes, streamed (nothing is parsed or kept). */
export async function hashFile(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) {
    hash.update(chunk as Buffer);
  }
  return hash.digest('hex');
}
