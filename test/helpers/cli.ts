import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../electron/cli/main';
import type { AnalysisResult } from '../../shared/analysis/result';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Run the CLI in-process with captured output (the same code path `npm run cli` takes). */
export async function cli(...argv: string[]): Promise<CliRun> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, { out: (t) => out.push(t), err: (t) => err.push(t) });
  return { code, stdout: out.join('\n'), stderr: err.join('\n') };
}

export function scratchDir(): string {
  return mkdtempSync(join(tmpdir(), 'shrinkage-test-'));
}

/** `fit …args --json <scratch file>`: the run, and the parsed JSON when it succeeded. */
export async function fitJson<T = AnalysisResult>(
  ...argv: string[]
): Promise<{ run: CliRun; json: T }> {
  const out = join(scratchDir(), 'fit.json');
  const run = await cli('fit', ...argv, '--json', out);
  const json = run.code === 0 ? (JSON.parse(readFileSync(out, 'utf8')) as T) : (undefined as T);
  return { run, json };
}
