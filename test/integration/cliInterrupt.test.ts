/** Ctrl-C in the CLI: stops within a second, says so, writes nothing. */
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { denseProblem, problemCsv } from '../../bench/problems';
import { scratchDir } from '../helpers/cli';
import { cliProcessArgs, repoRoot } from '../helpers/cliProcess';

describe('CLI interrupt', () => {
  it('cancels a running cross-validation on SIGINT within 1 s, with no output file', async () => {
    const dir = scratchDir();
    const data = join(dir, 'big.csv');
    writeFileSync(data, problemCsv(denseProblem(3000, 500)));
    const out = join(dir, 'result.json');
    const child = spawn(
      process.execPath,
      cliProcessArgs(
        'fit',
        '--data',
        data,
        '--target',
        'y',
        '--cv',
        '10',
        // Three α on 10 folds: long enough to interrupt mid-way on a fast machine.
        '--alpha',
        '0,0.5,1',
        '--json',
        out,
      ),
      { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let stderr = '';
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    const exited = new Promise<number | null>((resolve) =>
      child.on('exit', (code) => resolve(code)),
    );
    // Let it load the file and start fitting, then interrupt.
    await new Promise((resolve) => setTimeout(resolve, 3500));
    expect(child.exitCode).toBeNull();
    const interrupted = performance.now();
    child.kill('SIGINT');
    const code = await exited;
    const latency = performance.now() - interrupted;
    expect(latency).toBeLessThan(1000);
    expect(code).toBe(130);
    expect(stderr.trim()).toMatch(/^cancelled: the fit was stopped and no output was written\.$/m);
    expect(existsSync(out)).toBe(false);
    expect(readdirSync(dir)).toEqual(['big.csv']);
  }, 30_000);
});
