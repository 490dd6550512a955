/** A web host per test worker (real renderer, real services), and a guard against page errors. */
import { type ChildProcess, spawn } from 'node:child_process';
import { test as base, expect, type Page } from '@playwright/test';
import { repoRoot } from '../helpers/cliProcess';

export { repoRoot };
export const screenshotDir = `${repoRoot}test-results/screenshots`;

async function startHost(): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'electron/web/main.ts', '--port', '0'],
    {
      cwd: repoRoot,
      stdio: ['ignore', 'pipe', 'inherit'],
    },
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

export const test = base.extend<{ app: Page; pageErrors: string[] }, { hostUrl: string }>({
  hostUrl: [
    // biome-ignore lint/correctness/noEmptyPattern: Playwright fixtures take their dependencies by destructuring
    async ({}, use) => {
      const { url, child } = await startHost();
      await use(url);
      child.kill('SIGTERM');
    },
    { scope: 'worker', timeout: 120_000 },
  ],
  pageErrors: async ({ page }, use) => {
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(`console: ${message.text()}`);
    });
    await use(errors);
    expect(errors, 'the page reported errors').toEqual([]);
  },
  app: async ({ page, hostUrl, pageErrors }, use) => {
    void pageErrors;
    await page.goto(hostUrl);
    await expect(page.getByRole('heading', { name: /Shrinkage/ })).toBeVisible();
    await use(page);
  },
});

export { expect };
