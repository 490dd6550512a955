/**
 * Where the CLI writes: never onto an input (by any name), never two outputs onto one file,
 * standard output when asked with `-`, and clear errors for missing folders, devices and
 * pipes, never "unexpected failure".
 */
import { execFileSync } from 'node:child_process';
import {
  copyFileSync,
  linkSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkOutputTargets } from '../../electron/cli/outputTargets';
import { cli, scratchDir } from '../helpers/cli';
import { examplesDir } from '../helpers/fixtures';

function workspace() {
  const dir = scratchDir();
  const data = join(dir, 'x.csv');
  copyFileSync(join(examplesDir, 'diabetes.csv'), data);
  return { dir, data, before: readFileSync(data) };
}

function expectRefused(run: { code: number; stderr: string }, message: RegExp) {
  expect(run.code).toBe(2);
  expect(run.stderr.split('\n')).toHaveLength(1);
  expect(run.stderr).toMatch(/^error: /);
  expect(run.stderr).toMatch(message);
  expect(run.stderr).not.toMatch(/unexpected failure|Please report/);
}

describe('an output is never an input', () => {
  it.each(['json', 'report', 'model'])('fit --%s onto --data is refused', async (flag) => {
    const ws = workspace();
    const run = await cli('fit', '--data', ws.data, '--target', 'y', `--${flag}`, ws.data);
    expectRefused(run, new RegExp(`--${flag} .*x\\.csv is the same file as --data`));
    expect(readFileSync(ws.data)).toEqual(ws.before);
    expect(readdirSync(ws.dir)).toEqual(['x.csv']);
  });

  it('sees the same file through a relative path, a symlink and a hard link', async () => {
    const ws = workspace();
    symlinkSync(ws.data, join(ws.dir, 'link.csv'));
    linkSync(ws.data, join(ws.dir, 'hard.csv'));
    const names = [join(ws.dir, '.', 'sub', '..', 'x.csv'), join(ws.dir, 'link.csv')];
    names.push(join(ws.dir, 'hard.csv'));
    for (const name of names) {
      const run = await cli('fit', '--data', ws.data, '--target', 'y', '--json', name);
      expectRefused(run, /is the same file as --data/);
    }
    // And the other way round: the data named through the link, the output the file itself.
    const viaLink = await cli('inspect', '--data', join(ws.dir, 'link.csv'), '--json', ws.data);
    expectRefused(viaLink, /is the same file as --data/);
    expect(readFileSync(ws.data)).toEqual(ws.before);
    expect(statSync(ws.data).nlink).toBe(2);
  });

  it('predict --out onto --model or --data is refused', async () => {
    const ws = workspace();
    const model = join(ws.dir, 'model.json');
    expect((await cli('fit', '--data', ws.data, '--target', 'y', '--model', model)).code).toBe(0);
    const modelBefore = readFileSync(model);
    for (const out of [model, ws.data]) {
      const run = await cli('predict', '--model', model, '--data', ws.data, '--out', out);
      expectRefused(run, /--out .* is the same file as --(model|data)/);
    }
    expect(readFileSync(model)).toEqual(modelBefore);
    expect(readFileSync(ws.data)).toEqual(ws.before);
  });

  it('two outputs onto one file are refused', async () => {
    const ws = workspace();
    const out = join(ws.dir, 'out.json');
    const run = await cli(
      ...['fit', '--data', ws.data, '--target', 'y', '--json', out],
      ...['--model', join(ws.dir, 'sub', '..', 'out.json')],
    );
    expectRefused(run, /--model and --json both write/);
    expect(readdirSync(ws.dir)).toEqual(['x.csv']);
  });
});

describe('an output is never written through a symlink', () => {
  it('replaces a link at the output path, leaving its target untouched (the /tmp attack)', async () => {
    const ws = workspace();
    const home = join(ws.dir, 'home');
    mkdirSync(home);
    const victim = join(home, 'victim.rc');
    writeFileSync(victim, 'export PATH=/usr/bin\n', { mode: 0o600 });
    for (const flag of ['json', 'report', 'model']) {
      const out = join(ws.dir, `out.${flag}`);
      symlinkSync(victim, out);
      const run = await cli('fit', '--data', ws.data, '--target', 'y', `--${flag}`, out);
      expect(run.code).toBe(0);
      expect(lstatSync(out).isFile()).toBe(true);
      expect(readFileSync(out, 'utf8').length).toBeGreaterThan(100);
    }
    const scored = join(ws.dir, 'scored.csv');
    symlinkSync(victim, scored);
    const model = join(ws.dir, 'out.model');
    const run = await cli('predict', '--model', model, '--data', ws.data, '--out', scored);
    expect(run.code).toBe(0);
    expect(lstatSync(scored).isFile()).toBe(true);
    expect(readFileSync(victim, 'utf8')).toBe('export PATH=/usr/bin\n');
    expect(statSync(victim).mode & 0o777).toBe(0o600);
    expect(readdirSync(home)).toEqual(['victim.rc']);
  });

  it('still refuses a link that points at an input', async () => {
    const ws = workspace();
    const link = join(ws.dir, 'out.json');
    symlinkSync(ws.data, link);
    const run = await cli('fit', '--data', ws.data, '--target', 'y', '--json', link);
    expectRefused(run, /is the same file as --data/);
    expect(readlinkSync(link)).toBe(ws.data);
  });
});

describe('output paths that are not files', () => {
  it('writes to standard output with - (and /dev/stdout means the same)', async () => {
    const ws = workspace();
    const run = await cli('fit', '--data', ws.data, '--target', 'y', '--json', '-');
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout).n).toBe(442);
    expect(readdirSync(ws.dir)).toEqual(['x.csv']);
    // Checked without writing: a regression must never replace the real /dev/stdout.
    const [target] = await checkOutputTargets([], [{ flag: 'json', path: '/dev/stdout' }]);
    expect(target?.stdout).toBe(true);
    const both = await cli(
      ...['fit', '--data', ws.data, '--target', 'y', '--json', '-', '--model', '-'],
    );
    expectRefused(both, /Only one output can go to standard output/);
  });

  it('names a missing folder instead of failing unexpectedly', async () => {
    const ws = workspace();
    const missing = join(ws.dir, 'no-such-folder');
    const run = await cli(
      ...['fit', '--data', ws.data, '--target', 'y', '--json', join(missing, 'fit.json')],
    );
    expectRefused(run, new RegExp(`the folder ${missing} does not exist`));
  });

  it('says a device, a pipe or a folder is what it is, as output and as input', async () => {
    const ws = workspace();
    const fifo = join(ws.dir, 'pipe');
    execFileSync('mkfifo', [fifo]);
    const cases: [string, RegExp][] = [
      [fifo, /is a named pipe \(FIFO\)/],
      [ws.dir, /is a folder/],
    ];
    // A device of our own (a copy of /dev/null's node) when we may make one: a regression run
    // as root would otherwise rename a file over the system's /dev/null.
    const device = join(ws.dir, 'null');
    try {
      execFileSync('mknod', ['-m', '666', device, 'c', '1', '3'], { stdio: 'ignore' });
      cases.push([device, /is a device/]);
    } catch {
      if (process.getuid?.() !== 0) cases.push(['/dev/null', /is a device/]);
    }
    for (const [path, kind] of cases) {
      const out = await cli('inspect', '--data', ws.data, '--json', path);
      expectRefused(out, kind);
      const input = await cli('inspect', '--data', path);
      expect(input.code).toBe(1);
      expect(input.stderr).toMatch(kind);
      if (!kind.source.includes('folder')) expect(input.stderr).not.toMatch(/folder/);
    }
    expect(readFileSync(ws.data)).toEqual(ws.before);
  });
});
