/** The CLI's progress line (electron/cli/progress.ts): on a terminal only, cleared before output. */
import { spawnSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../electron/cli/main';
import { type Progress, readingProgress, terminalProgress } from '../../electron/cli/progress';
import { scratchDir } from '../helpers/cli';
import { cliProcessArgs, repoRoot } from '../helpers/cliProcess';

function fakeTerminal(columns = 80) {
  const written: string[] = [];
  let time = 0;
  const progress = terminalProgress(
    { write: (s: string) => written.push(s) > 0, columns },
    () => time,
  );
  return { written, progress, advance: (ms: number) => (time += ms) };
}

describe('the progress line', () => {
  it('redraws in place at most eight times a second, and clears only what it drew', () => {
    const { written, progress, advance } = fakeTerminal();
    progress.clear();
    expect(written).toEqual([]);
    progress.show('fitting', 0.123);
    progress.show('fitting', 0.5); // too soon: skipped
    advance(200);
    progress.show('fitting', 1.7);
    progress.clear();
    progress.clear();
    expect(written).toEqual(['\r\x1b[2Kfitting 12%', '\r\x1b[2Kfitting 100%', '\r\x1b[2K']);
  });

  it('fits the terminal width, and shows hidden characters of file names', () => {
    const { written, progress } = fakeTerminal(30);
    readingProgress(progress, 'reading', `very-long-name-of-a-data-file\u202e.csv`)(5e6, 2e7);
    expect(written[0]!.length).toBeLessThanOrEqual('\r\x1b[2K'.length + 29);
    expect(written[0]!.endsWith('…')).toBe(true);
    const { written: wide, progress: line } = fakeTerminal(200);
    readingProgress(line, 'reading', 'a\u202eb.csv')(5e6, 2e7);
    expect(wide[0]).not.toContain('\u202e');
    expect(wide[0]).toMatch(/reading a.*b\.csv: 5\.0 of 20 MB 25%$/);
    // A terminal that reports a width of 0 (unknown) gets 80 columns, not the narrowest line.
    const { written: unknown, progress: unsized } = fakeTerminal(0);
    readingProgress(unsized, 'reading', 'data.csv')(5e6, 2e7);
    expect(unknown[0]).toMatch(/reading data\.csv: 5\.0 of 20 MB 25%$/);
  });

  it('follows a fit with CV through reading and fitting, and is gone before the summary', async () => {
    const dir = scratchDir();
    const rows = Array.from({ length: 400 }, (_, i) => {
      const x = [i % 7, (i * 3) % 11, (i * 5) % 13];
      return `${x.join(',')},${x[0]! - x[1]! + ((i * 7) % 5)}`;
    });
    writeFileSync(join(dir, 'data.csv'), `a,b,c,y\n${rows.join('\n')}\n`);
    const events: string[] = [];
    const progress: Progress = {
      show: (what, fraction) => events.push(`show ${what} ${fraction ?? ''}`),
      clear: () => events.push('clear'),
    };
    const out: string[] = [];
    const code = await runCli(
      ['fit', '--data', join(dir, 'data.csv'), '--target', 'y', '--cv', '5'],
      { out: (t) => out.push(`${events.length}:${t}`), err: (t) => out.push(t), progress },
    );
    expect(code).toBe(0);
    expect(events.some((e) => e.startsWith('show reading data.csv: '))).toBe(true);
    expect(events.some((e) => /^show .*fold/.test(e))).toBe(true);
    // The summary is printed after the line was cleared.
    const printedAfter = Number(out[0]!.split(':')[0]);
    expect(events[printedAfter - 1]).toBe('clear');
  });

  it('writes nothing when stderr is not a terminal (pipes, files, CI logs)', () => {
    const dir = scratchDir();
    writeFileSync(join(dir, 'd.csv'), 'x,y\n1,2\n2,3.9\n3,6.1\n4,8.2\n5,9.8\n');
    const run = spawnSync(
      process.execPath,
      cliProcessArgs('fit', '--data', join(dir, 'd.csv'), '--target', 'y'),
      { cwd: repoRoot, encoding: 'utf8' },
    );
    expect(run.status).toBe(0);
    expect(run.stderr).not.toContain('\x1b');
    expect(run.stderr).not.toContain('\r');
    expect(run.stdout).not.toContain('\x1b');
    expect(run.stdout).not.toContain('\r');
  }, 60_000);

  it.runIf(existsSync('/usr/bin/script'))(
    'shows reading on a real terminal and erases it before the inspection is printed',
    () => {
      const dir = scratchDir();
      const line = (i: number) => `${i},${(i * 7) % 101},${(i * 13) % 97}.5\n`;
      writeFileSync(
        join(dir, 'big.csv'),
        `a,b,c\n${Array.from({ length: 60_000 }, (_, i) => line(i)).join('')}`,
      );
      // script(1) gives the CLI a pseudo-terminal, as an analyst's shell does.
      const command = [
        process.execPath,
        ...cliProcessArgs('inspect', '--data', join(dir, 'big.csv')),
      ]
        .map((arg) => `'${arg}'`)
        .join(' ');
      const run = spawnSync('/usr/bin/script', ['-qec', command, '/dev/null'], {
        cwd: repoRoot,
        encoding: 'utf8',
      });
      expect(run.status, run.stdout).toBe(0);
      const drawn = run.stdout.indexOf('\x1b[2Kreading big.csv: ');
      expect(drawn, run.stdout).toBeGreaterThanOrEqual(0);
      const erased = run.stdout.lastIndexOf('\r\x1b[2K');
      const summary = run.stdout.indexOf('60000');
      expect(summary).toBeGreaterThan(erased);
    },
    60_000,
  );
});
