/**
 * npm run web -- [--port P]
 *
 * Serves the renderer with the real services on http://127.0.0.1:P (builds the renderer first
 * if it is missing or older than its sources), prints one line with the URL and its random
 * token, and runs until stopped.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createServices } from '../services';
import { AnalysisPool, defaultThreads } from '../workers/analysisPool';
import { startWebHost } from './server';

const root = join(import.meta.dirname, '../..');
const rendererDir = join(root, 'out/renderer');

function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSource(path) : statSync(path).mtimeMs);
  }
  return newest;
}

function buildIfNeeded(): void {
  const index = join(rendererDir, 'index.html');
  const built = existsSync(index) ? statSync(index).mtimeMs : 0;
  if (built >= Math.max(newestSource(join(root, 'renderer')), newestSource(join(root, 'shared'))))
    return;
  process.stderr.write('Building the renderer…\n');
  const build = spawnSync(
    process.execPath,
    [join(root, 'node_modules/electron-vite/bin/electron-vite.js'), 'build'],
    {
      cwd: root,
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  );
  if (build.status !== 0) {
    process.stderr.write('error: the renderer build failed (see above).\n');
    process.exit(1);
  }
}

const { values } = parseArgs({ options: { port: { type: 'string', default: '0' } }, strict: true });
const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  process.stderr.write(
    `error: --port must be a whole number from 0 to 65535; got '${values.port}'.\n`,
  );
  process.exit(2);
}
buildIfNeeded();
const threads = defaultThreads();
const pool = new AnalysisPool({ threads });
// Every page session gets services of its own over the one worker pool.
const host = await startWebHost({
  openSession: (emit) =>
    createServices({ executor: pool, loader: pool, emit, host: { kind: 'web' }, threads }),
  rendererDir,
  port,
});
process.stdout.write(`${host.url}\n`);
const stop = async () => {
  await host.close();
  await pool.close();
  process.exit(0);
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
