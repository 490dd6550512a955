/**
 * The web host as its own process (the real renderer and services), for the end-to-end tests
 * and the UI benchmark; and the one set of Chromium flags both launch with.
 */
import { type ChildProcess, spawn } from 'node:child_process';

/** Debian's Chromium (Playwright cannot download its own browser here). */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Headless as root, on a machine with no network: no sandbox, no GPU, no background traffic. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
];

/** Starts `electron/web/main.ts` on a free port; resolves with the URL it prints (token included). */
export async function startWebHostProcess(
  cwd: string,
): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'electron/web/main.ts', '--port', '0'],
    { cwd, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const url = await new Promise<string>((resolve, reject) => {
    let text = '';
    child.stdout!.on('data', (chunk) => {
      text += chunk;
      const line = text.split('\n').find((l) => l.startsWith('http://'));
      if (line) resolve(line.trim());
    });
    child.on('exit', (code) => reject(new Error(`web host exited with ${code}`)));
  });
  return { url, child };
}
