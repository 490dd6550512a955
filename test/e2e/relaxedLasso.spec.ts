/**
 * The relaxed lasso (issue 17, item 7) in Chromium through the web host: turned on in the
 * form, run with the default 10 folds; the CV curve of every γ is drawn, the (λ, γ) of min and
 * 1se can be gone to, the γ selector and the λ slider both move the coefficients table, and
 * γ = 1 is the penalized fit; the exported report has the relaxed section with its chart.
 */
import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { expect, overflowing, repoRoot, screenshotDir, test } from './fixtures';

const relaxed = (page: Page) => page.getByRole('region', { name: 'Relaxed lasso' });
const caption = (page: Page) => relaxed(page).locator('table.relaxed-coefficients caption');

/** The coefficients table's rows as [relaxed, penalized], as shown. */
async function columns(page: Page) {
  const rows = relaxed(page).locator('table.relaxed-coefficients tbody tr');
  const out: [string, string][] = [];
  for (const row of await rows.all()) {
    const cells = await row.locator('td').allTextContents();
    out.push([cells[0]!, cells[1]!]);
  }
  return out;
}

test('relax on: γ curves drawn, (λ, γ) choices, γ and λ move the coefficients', async ({
  app: page,
}) => {
  await page
    .getByLabel('CSV file', { exact: true })
    .setInputFiles(`${repoRoot}examples/diabetes.csv`);
  await expect(page.getByLabel('Target')).toHaveValue('y');
  await page.getByLabel('Relaxed lasso').check();
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(page.getByRole('figure', { name: 'Coefficient path' })).toBeVisible({
    timeout: 90_000,
  });
  await expect(relaxed(page)).toBeVisible();
  const chart = page.getByRole('figure', { name: 'CV error of every γ' });
  await expect(chart).toBeVisible();
  // One curve per γ, named in the legend, and the two choices marked.
  for (const gamma of ['0', '0.25', '0.5', '0.75', '1'])
    await expect(chart.getByText(`γ = ${gamma}`, { exact: true })).toBeVisible();
  await expect(chart.locator('.gamma-curve path, path.gamma-curve')).toHaveCount(5);
  await expect(chart.locator('.relaxed-choice')).toHaveCount(2);

  // Go to min: the λ and γ of the choice, in the table's caption and on the slider.
  const goMin = relaxed(page).getByRole('button', { name: /^Go to min: λ = / });
  const label = (await goMin.textContent())!;
  const [, lambdaMin, gammaMin] = label.match(/λ = ([^,]+), γ = (.+)$/)!;
  await goMin.click();
  await expect(caption(page)).toContainText(`Coefficients at λ = ${lambdaMin}, γ = ${gammaMin}`);
  await expect(
    relaxed(page).getByRole('button', { name: `γ = ${gammaMin}`, exact: true }),
  ).toHaveAttribute('aria-pressed', 'true');
  await page.screenshot({ path: `${screenshotDir}/70-relaxed-lasso.png`, fullPage: true });

  // γ = 1 is the penalized fit: both columns agree.
  await relaxed(page).getByRole('button', { name: 'γ = 1', exact: true }).click();
  await expect(caption(page)).toContainText(`γ = 1`);
  for (const [r, p] of await columns(page)) expect(r).toBe(p);
  // γ = 0: the refit differs from the penalized coefficients (they are shrunk).
  await relaxed(page).getByRole('button', { name: 'γ = 0', exact: true }).click();
  const refit = await columns(page);
  expect(refit.slice(1).some(([r, p]) => r !== p)).toBe(true);

  // Moving λ (the slider, linked as every view) moves the relaxed table with it.
  const before = await caption(page).textContent();
  await page.getByRole('slider').focus();
  await page.keyboard.press('PageUp');
  await expect(caption(page)).not.toHaveText(before!);
  await expect(caption(page)).toContainText('γ = 0');
  await expect.poll(() => overflowing(page)).toEqual([]);

  // The report exported from here has the section, its γ curves and both choices.
  const download = page.waitForEvent('download');
  await page.keyboard.press('Control+e');
  const html = readFileSync((await (await download).path())!, 'utf8');
  const report = await page.context().newPage();
  await report.setContent(html);
  await expect(report.getByRole('heading', { name: 'Relaxed lasso' })).toBeVisible();
  await expect(
    report.locator('table', { hasText: 'The (λ, γ) chosen' }).locator('tbody tr'),
  ).toHaveCount(2);
  await expect(
    report.locator('svg', { hasText: 'CV error of every γ' }).locator('.alpha-rule-point'),
  ).toHaveCount(2);
  expect(html).toContain('relax = TRUE, gamma = c(0, 0.25, 0.5, 0.75, 1)');
});
