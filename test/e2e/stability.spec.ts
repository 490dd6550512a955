/**
 * Stability selection in Chromium through the web host: turned on in the form, run on the
 * worker pool, the stability path drawn with its threshold, and the selected set and its bound
 * following the λ control (Λ runs from the largest λ down to the selected one).
 */
import type { Page } from '@playwright/test';
import { expect, repoRoot, screenshotDir, test } from './fixtures';

async function runWithStability(page: Page): Promise<void> {
  await page
    .getByLabel('CSV file', { exact: true })
    .setInputFiles(`${repoRoot}examples/diabetes.csv`);
  await expect(page.getByLabel('Target')).toHaveValue('y');
  await page.getByLabel('Stability selection').check();
  await page.getByLabel('Pairs of half-samples').fill('20');
  await page.getByLabel('Selection threshold π').fill('0.7');
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(page.getByRole('region', { name: 'Stability selection' })).toBeVisible({
    timeout: 90_000,
  });
}

const markerX = (page: Page) =>
  page.locator('.stability-chart line.lambda-selected').getAttribute('x1');

test('the stability path and the selected set follow the λ control', async ({ app: page }) => {
  await runWithStability(page);
  const panel = page.getByRole('region', { name: 'Stability selection' });
  await expect(panel).toContainText('20 complementary pairs: 40 half-samples of 221 rows (seed 1)');
  await expect(panel).toContainText('threshold π = 0.7');
  const chart = panel.getByRole('figure', { name: 'Stability path' });
  await expect(chart).toBeVisible();
  await expect(chart.locator('.recharts-line')).not.toHaveCount(0);
  await expect(chart.locator('.stability-threshold')).toHaveCount(1);
  await expect(chart).toContainText('π = 0.7');

  // At λ_1se (the default selection with CV) Λ is wide: diabetes' strong columns are selected.
  const table = panel.getByRole('table', { name: 'Stable columns' });
  await expect(table).toContainText('bmi');
  await expect(table).toContainText('s5');
  const wide = await table.locator('tbody tr').count();
  await expect(panel).toContainText(/E\[V\] ≤ q² \/ \(\(2π − 1\)·p\) = [\d.]+/);
  await panel.getByText('What the bound assumes').click();
  await expect(panel).toContainText('Meinshausen & Bühlmann (2010, Theorem 1)');
  await expect(panel).toContainText('Shah & Samworth (2013');
  const before = await markerX(page);
  const boundBefore = await panel.locator('.stability-bound').textContent();

  // A large λ narrows Λ: fewer columns selected, a smaller bound, the marker moves.
  const typed = page.getByLabel('Go to λ');
  await typed.fill('30');
  await typed.press('Enter');
  await expect.poll(() => markerX(page)).not.toBe(before);
  await expect(panel.locator('.stability-range')).toContainText('down to 31');
  await expect(panel.locator('.stability-bound')).not.toHaveText(boundBefore ?? '');
  const narrow = await panel.locator('table[aria-label="Stable columns"] tbody tr').count();
  expect(narrow).toBeLessThan(wide);

  // The run's own range (the widest with a bound ≤ 1) is one click away, and moves the slider.
  const slider = page.getByRole('slider', { name: 'λ' });
  const position = await slider.inputValue();
  await panel.getByRole('button', { name: /Go to the widest range with a bound ≤ 1/ }).click();
  await expect(slider).not.toHaveValue(position);
  await expect(panel.getByRole('button', { name: /Go to the widest range/ })).toHaveCount(0);
  await page.screenshot({ path: `${screenshotDir}/stability.png`, fullPage: true });
});
