/**
 * The production renderer as the desktop app ships it: the built index.html loaded from
 * file:// under its own Content-Security-Policy, with the network blocked. It must start
 * without a single CSP violation or error.
 */
import { existsSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { expect, test } from '@playwright/test';
import { repoRoot } from './fixtures';

const index = `${repoRoot}out/renderer/index.html`;

test('the built renderer runs from file:// under the production CSP, offline', async ({ page }) => {
  expect(existsSync(index), 'run `npm run build` first').toBe(true);
  const problems: string[] = [];
  const requests: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error' || /Content Security Policy/i.test(message.text()))
      problems.push(message.text());
  });
  page.on('pageerror', (error) => problems.push(error.message));
  await page.route('**/*', (route) => {
    requests.push(route.request().url());
    return route.request().url().startsWith('file:') ? route.continue() : route.abort();
  });
  await page.goto(pathToFileURL(index).href);
  await expect(page.getByRole('heading', { name: 'Shrinkage' })).toBeVisible();
  await expect(page.getByText('The analysis engine is not connected.')).toBeVisible();
  // The stylesheet applied (it is a file, not an injected style element).
  const background = await page.evaluate(() =>
    getComputedStyle(document.documentElement).getPropertyValue('--bg').trim(),
  );
  expect(background).toBe('#f7f8fa');
  const csp = await page
    .locator('meta[http-equiv="Content-Security-Policy"]')
    .getAttribute('content');
  expect(csp).toContain("script-src 'self'");
  expect(requests.every((url) => url.startsWith('file:'))).toBe(true);
  expect(problems).toEqual([]);
});
