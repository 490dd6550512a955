/**
 * The CLI's progress line. On a terminal: one line on stderr, rewritten in place at most
 * eight times a second and cleared before any other output, saying what is being done and how
 * far along it is (reading: megabytes; preparing, fitting and CV: the analysis's own progress
 * messages; scoring; writing outputs). Anywhere else (a pipe, a file, a CI log) nothing at all,
 * so that scripted output stays byte for byte what it was.
 */
import { markHidden } from '../../shared/report/unicode';

export interface Progress {
  /** What is happening now, with the fraction done (0 … 1) when it is known. */
  show(what: string, fraction?: number): void;
  /** Remove the line: before other output, and when the command ends. */
  clear(): void;
}

export const NO_PROGRESS: Progress = { show() {}, clear() {} };

/** Redraws closer together than this are skipped (the last state is drawn on the next one). */
const REDRAW_MS = 125;
/** Erase the whole line and return to its start. */
const ERASE = '\r\x1b[2K';

/** The progress line on a terminal stream (its width read at each redraw; narrower lines are cut with …). */
export function terminalProgress(
  stream: Pick<NodeJS.WriteStream, 'write' | 'columns'>,
  now: () => number = () => performance.now(),
): Progress {
  let shown = false;
  let drawnAt = -Infinity;
  return {
    show(what, fraction) {
      const time = now();
      if (time - drawnAt < REDRAW_MS) return;
      drawnAt = time;
      const percent =
        fraction === undefined ? '' : ` ${Math.floor(Math.min(1, Math.max(0, fraction)) * 100)}%`;
      let line = `${markHidden(what)}${percent}`;
      // A terminal that reports no width (0, as under `script` or some CI runners) is taken as 80.
      const width = Math.max(20, (stream.columns || 80) - 1);
      if (line.length > width) line = `${line.slice(0, width - 1)}…`;
      stream.write(`${ERASE}${line}`);
      shown = true;
    },
    clear() {
      if (!shown) return;
      stream.write(ERASE);
      shown = false;
      drawnAt = -Infinity;
    },
  };
}

/** The process's progress line: on stderr when it is a terminal, otherwise none. */
export function processProgress(): Progress {
  return process.stderr.isTTY ? terminalProgress(process.stderr) : NO_PROGRESS;
}

const megabytes = (bytes: number) => (bytes / 1e6).toFixed(bytes < 1e7 ? 1 : 0);

/** A reader's onProgress(bytesRead, totalBytes) shown as "reading NAME: 12 of 240 MB 5%". */
export function readingProgress(progress: Progress, verb: string, fileName: string) {
  return (done: number, total: number) =>
    progress.show(
      `${verb} ${fileName}: ${megabytes(done)} of ${megabytes(total)} MB`,
      total > 0 ? done / total : undefined,
    );
}
