/** A web host per test worker (real renderer, real services), and a guard against page errors. */
import { test as base, expect, type Page } from '@playwright/test';
import { repoRoot } from '../helpers/cliProcess';
import { startWebHostProcess } from '../helpers/webHostProcess';

export { repoRoot };
export const screenshotDir = `${repoRoot}test-results/screenshots`;

export const test = base.extend<{ app: Page; pageErrors: string[] }, { hostUrl: string }>({
  hostUrl: [
    // biome-ignore lint/correctness/noEmptyPattern: Playwright fixtures take their dependencies by destructuring
    async ({}, use) => {
      const { url, child } = await startWebHostProcess(repoRoot);
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

/** Opens the bundled diabetes data (its target `y` proposed by name) and runs the default analysis. */
export async function runDiabetes(page: Page): Promise<void> {
  await page
    .getByLabel('CSV file', { exact: true })
    .setInputFiles(`${repoRoot}examples/diabetes.csv`);
  await expect(page.getByLabel('Target')).toHaveValue('y');
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(page.getByRole('figure', { name: 'Coefficient path' })).toBeVisible({
    timeout: 60_000,
  });
}

/** Elements that stick out of the panel or chart they are in (scrolling areas excepted). */
export function overflowing(page: Page) {
  return page.evaluate(() => {
    const out: string[] = [];
    for (const box of document.querySelectorAll<HTMLElement>('.panel, .chart, .summary')) {
      const edge = box.getBoundingClientRect();
      for (const el of box.querySelectorAll<HTMLElement>('*')) {
        if (el.closest('.table-scroll, .virtual-list, .run-message, svg, [role="tooltip"]'))
          continue;
        const r = el.getBoundingClientRect();
        if (r.width === 0 || r.height === 0) continue;
        if (r.right > edge.right + 1 || r.left < edge.left - 1)
          out.push(`${el.tagName.toLowerCase()}.${el.className} "${el.textContent?.slice(0, 30)}"`);
      }
    }
    // Labels cut short by their own box.
    for (const el of document.querySelectorAll<HTMLElement>('label, legend, figcaption span'))
      if (el.scrollWidth > el.clientWidth + 1 && getComputedStyle(el).overflow === 'hidden')
        out.push(`clipped: ${el.textContent?.slice(0, 30)}`);
    return out;
  });
}
