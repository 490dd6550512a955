/** The CLI as a child process, from source, as `npm run cli` runs it (for signals and e2e tests). */
import { type SpawnSyncReturns, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

/** Node's arguments that run the CLI with `args`, from the repository root. */
export function cliProcessArgs(...args: string[]): string[] {
  return ['electron/cli/start.mjs', ...args];
}

export function runCliProcess(...args: string[]): SpawnSyncReturns<string> {
  return spawnSync(process.execPath, cliProcessArgs(...args), { cwd: repoRoot, encoding: 'utf8' });
}
