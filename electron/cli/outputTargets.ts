/**
 * Where the CLI's outputs go, checked before any work starts: never onto an input (the same
 * file by any name: a symlink, a hard link, `./x.csv`), never two outputs onto one file,
 * never into a folder that does not exist, a device or a pipe. `-` (or /dev/stdout) means
 * standard output.
 */
import type { Stats } from 'node:fs';
import { realpath, stat, unlink } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { DataError } from '../../shared/data/errors';
import { SolverCancelledError } from '../../shared/solver/errors';
import { describeNonFile, writeFileAtomic } from '../services/files';
import { UsageError } from './usage';

/** A path given on the command line, and the flag that gave it. */
export interface PathArgument {
  flag: string;
  path: string;
}

export interface OutputTarget extends PathArgument {
  /** Write to standard output instead of a file. */
  stdout: boolean;
}

const STDOUT_NAMES = new Set(['-', '/dev/stdout']);

interface Identity {
  /** The resolved real path (the folder's real path plus the name, for a file not yet there). */
  real: string;
  stats: Stats | undefined;
}

async function identify(path: string): Promise<Identity> {
  const absolute = resolve(path);
  try {
    const real = await realpath(absolute);
    return { real, stats: await stat(real) };
  } catch {
    try {
      return {
        real: join(await realpath(dirname(absolute)), basename(absolute)),
        stats: undefined,
      };
    } catch {
      return { real: absolute, stats: undefined };
    }
  }
}

function sameFile(a: Identity, b: Identity): boolean {
  if (a.real === b.real) return true;
  // Hard links (and paths realpath cannot unify) share device and inode.
  return (
    a.stats !== undefined &&
    b.stats !== undefined &&
    a.stats.ino !== 0 &&
    a.stats.dev === b.stats.dev &&
    a.stats.ino === b.stats.ino
  );
}

async function checkFolder(output: PathArgument): Promise<void> {
  const folder = dirname(resolve(output.path));
  let info: Stats;
  try {
    info = await stat(folder);
  } catch {
    throw new UsageError(
      `--${output.flag} ${output.path}: the folder ${folder} does not exist. Create it first, or choose a path in an existing folder.`,
    );
  }
  const kind = describeNonFile(info);
  if (kind !== 'a folder') {
    throw new UsageError(
      `--${output.flag} ${output.path}: ${folder} is ${kind ?? 'a file'}, not a folder. Choose a path in an existing folder.`,
    );
  }
}

/** Check every output against the inputs and each other; the targets to write, in order. */
export async function checkOutputTargets(
  inputs: readonly PathArgument[],
  outputs: readonly (PathArgument | { flag: string; path: undefined })[],
): Promise<OutputTarget[]> {
  const given = outputs.filter((o): o is PathArgument => o.path !== undefined);
  const toStdout = given.filter((o) => STDOUT_NAMES.has(o.path));
  if (toStdout.length > 1) {
    throw new UsageError(
      `Only one output can go to standard output; ${toStdout.map((o) => `--${o.flag}`).join(' and ')} both ask for it. Give the others a file path.`,
    );
  }
  const inputIds = await Promise.all(
    inputs.map(async (input) => ({ input, id: await identify(input.path) })),
  );
  const seen: { output: PathArgument; id: Identity }[] = [];
  const targets: OutputTarget[] = [];
  for (const output of given) {
    if (STDOUT_NAMES.has(output.path)) {
      targets.push({ ...output, stdout: true });
      continue;
    }
    const id = await identify(output.path);
    if (id.stats) {
      const kind = describeNonFile(id.stats);
      if (kind) {
        throw new UsageError(
          `--${output.flag} ${output.path} is ${kind}, not a file. Give the path of a file to write${kind === 'a folder' ? ' (inside that folder)' : ''}, or - for standard output.`,
        );
      }
    } else {
      await checkFolder(output);
    }
    const input = inputIds.find((entry) => sameFile(entry.id, id));
    if (input) {
      throw new UsageError(
        `--${output.flag} ${output.path} is the same file as --${input.input.flag} ${input.input.path}; writing it would replace that input. Choose another output path.`,
      );
    }
    const other = seen.find((entry) => sameFile(entry.id, id));
    if (other) {
      throw new UsageError(
        `--${output.flag} and --${other.output.flag} both write ${output.path}; one would replace the other. Give each output its own path.`,
      );
    }
    seen.push({ output, id });
    targets.push({ ...output, stdout: false });
  }
  return targets;
}

const WRITE_PROBLEMS: Record<string, string> = {
  EACCES: 'You do not have permission to write there. Choose another folder.',
  EPERM: 'You do not have permission to write there. Choose another folder.',
  ENOSPC: 'The disk is full. Free some space or choose another disk.',
  EROFS: 'That disk is read-only. Choose another folder.',
  ENOENT: 'Its folder no longer exists. Create it, or choose another path.',
};

async function writeOne(target: OutputTarget, content: string | Uint8Array): Promise<void> {
  try {
    // Never through a link at the output's name: one planted in /tmp must not redirect it.
    await writeFileAtomic(target.path, content, { followSymlink: false });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? '';
    throw new DataError(
      `Cannot write the --${target.flag} output.`,
      { file: target.path },
      WRITE_PROBLEMS[code] ?? `The system said: ${(error as Error).message}.`,
    );
  }
}

/**
 * Write each output (atomically, or to stdout), then say `wrote PATH` for each file: on
 * stdout, or on stderr when stdout carries an output itself. A failure is one clear error
 * naming the file. A signal that arrives meanwhile removes what was written (so a cancelled
 * command leaves no output file) and ends in SolverCancelledError.
 */
export async function writeOutputs(
  targets: readonly OutputTarget[],
  contentOf: (target: OutputTarget) => string | Uint8Array,
  io: { out: (text: string) => void; err: (text: string) => void },
  { note = '', signal }: { note?: string; signal?: AbortSignal | undefined } = {},
): Promise<void> {
  const written: string[] = [];
  for (const target of targets) {
    if (signal?.aborted) break;
    const content = contentOf(target);
    if (target.stdout) {
      io.out(typeof content === 'string' ? content.replace(/\n$/, '') : '');
      continue;
    }
    await writeOne(target, content);
    written.push(target.path);
  }
  if (signal?.aborted) {
    await Promise.all(written.map((path) => unlink(path).catch(() => undefined)));
    throw new SolverCancelledError();
  }
  const announce = targets.some((t) => t.stdout) ? io.err : io.out;
  for (const path of written) announce(`wrote ${path}${note}`);
}
