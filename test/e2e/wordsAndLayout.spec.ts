/**
 * Words and layout in Chromium through the web host (issue 16, items 14 and 15): "?" help for
 * the jargon, ridge results titled as coefficients, counts in words; a layout that holds at
 * 1280×720 and 1024×768, a sticky Run bar that hides no field, hidden file inputs that are not
 * Tab stops, and a dark theme that follows the system setting.
 */
import { join } from 'node:path';
import { expect, overflowing, repoRoot, runDiabetes, screenshotDir, test } from './fixtures';

const diabetes = join(repoRoot, 'examples/diabetes.csv');

test('the jargon has keyboard-operable "?" help, and counts read "10 columns"', async ({
  app: page,
}) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await runDiabetes(page);
  for (const term of ['λ_min', 'λ_1se', 'In folds', 'deviance explained', 'Entered at λ']) {
    const help = page.getByRole('button', { name: `What is ${term}?` });
    await expect(help).toHaveAttribute('aria-expanded', 'false');
    await help.focus();
    await page.keyboard.press('Enter');
    await expect(help).toHaveAttribute('aria-expanded', 'true');
    const tip = page.getByRole('tooltip');
    await expect(tip).toBeVisible();
    await expect(tip).toContainText(term, { ignoreCase: true });
    expect(await help.getAttribute('aria-describedby')).toBe(await tip.getAttribute('id'));
    if (term === 'In folds')
      await page.screenshot({ path: `${screenshotDir}/words-help-1440x900.png` });
    await page.keyboard.press('Escape');
    await expect(tip).toHaveCount(0);
    await expect(help).toHaveAttribute('aria-expanded', 'false');
    await expect(help).toBeFocused();
  }
  const summary = page.getByRole('region', { name: 'Model summary' });
  await expect(summary).toContainText('442 rows');
  await expect(summary).toContainText('10 columns');
  await expect(page.locator('body')).not.toContainText('(s)');
  await expect(page.locator('.features-table caption')).toHaveText('Selected features');
});

test('ridge results are "Coefficients", with no "Entered at λ"', async ({ app: page }) => {
  await page.getByLabel('CSV file', { exact: true }).setInputFiles(diabetes);
  await expect(page.getByLabel('Target')).toHaveValue('y');
  await page.getByRole('radio', { name: /^Ridge/ }).check();
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  const table = page.locator('.features-table');
  await expect(table.locator('caption')).toHaveText('Coefficients', { timeout: 60_000 });
  await expect(table.getByRole('columnheader', { name: /Coefficient/ }).first()).toBeVisible();
  await expect(table.getByRole('columnheader', { name: /Entered at/ })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'What is Entered at λ?' })).toHaveCount(0);
});

for (const [width, height] of [
  [1280, 720],
  [1024, 768],
] as const) {
  test(`at ${width}×${height}: one-line chart headers, nothing outside its panel, Run hides no field`, async ({
    app: page,
  }) => {
    await page.setViewportSize({ width, height });
    await runDiabetes(page);
    await page.screenshot({ path: `${screenshotDir}/layout-results-${width}x${height}.png` });
    // Each chart header on one line: its parts share a row, no taller than one control.
    for (const head of await page.locator('.chart-head').all()) {
      const boxes = await head.evaluate((el) =>
        [...el.children].map((c) => {
          const r = c.getBoundingClientRect();
          return { top: r.top, bottom: r.bottom };
        }),
      );
      const top = Math.min(...boxes.map((b) => b.top));
      const bottom = Math.max(...boxes.map((b) => b.bottom));
      expect(bottom - top, (await head.textContent()) ?? '').toBeLessThan(32);
    }
    await expect.poll(() => overflowing(page)).toEqual([]);
    // Every field in the settings can be seen and reached: none sits under the sticky Run bar.
    const hidden = await page.evaluate(() => {
      const out: string[] = [];
      const fields = document.querySelectorAll<HTMLElement>(
        '.sidebar input:not(.visually-hidden), .sidebar select, .sidebar button',
      );
      for (const field of fields) {
        // Skipped: the bar itself, and fields not shown (a closed <details>).
        if (field.closest('.run') || !field.checkVisibility()) continue;
        field.scrollIntoView({ block: 'nearest' });
        const r = field.getBoundingClientRect();
        const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
        if (!hit || !(field === hit || field.contains(hit) || hit.contains(field)))
          out.push(
            `${field.tagName} ${field.getAttribute('aria-label') ?? field.id} under ${hit?.className}`,
          );
      }
      return out;
    });
    expect(hidden).toEqual([]);
  });
}

test('Tab never stops on a hidden file input', async ({ app: page }) => {
  await runDiabetes(page);
  const inputs = page.locator('input[type="file"]');
  expect(await inputs.count()).toBeGreaterThan(0);
  for (const input of await inputs.all()) await expect(input).toHaveAttribute('tabindex', '-1');
  await page.locator('body').focus();
  const stops: string[] = [];
  for (let i = 0; i < 80; i++) {
    await page.keyboard.press('Tab');
    stops.push(await page.evaluate(() => (document.activeElement as HTMLInputElement).type ?? ''));
  }
  expect(stops).not.toContain('file');
});

test('a dark theme follows the system setting, charts included', async ({ app: page }) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  const background = () =>
    page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor);
  await page.emulateMedia({ colorScheme: 'light' });
  expect(await background()).toBe('rgb(247, 248, 250)');
  await page.emulateMedia({ colorScheme: 'dark' });
  expect(await background()).toBe('rgb(13, 17, 23)');
  await runDiabetes(page);
  const panel = await page
    .locator('.chart')
    .first()
    .evaluate((el) => getComputedStyle(el).backgroundColor);
  expect(panel).toBe('rgb(22, 27, 34)');
  // The SVG grid reads the theme's variable; so do the canvas scatters (a light pixel of ink).
  const grid = page.locator('.recharts-cartesian-grid line').first();
  expect(await grid.evaluate((el) => getComputedStyle(el).stroke)).toBe('rgb(48, 54, 61)');
  await expect(page.locator('canvas.scatter-canvas').first()).toBeVisible({ timeout: 30_000 });
  await page.screenshot({ path: `${screenshotDir}/dark-results-1280x720.png` });
  const light = await page
    .locator('canvas.scatter-canvas')
    .first()
    .evaluate((canvas: HTMLCanvasElement) => {
      const g = canvas.getContext('2d')!;
      const data = g.getImageData(0, 0, canvas.width, canvas.height).data;
      let bright = 0;
      for (let i = 0; i < data.length; i += 4)
        if (data[i + 3]! > 200 && data[i]! > 150 && data[i + 1]! > 150) bright++;
      return bright;
    });
  // Axis labels drawn in the dark theme's light ink (the light theme's is dark grey).
  expect(light).toBeGreaterThan(20);
});
