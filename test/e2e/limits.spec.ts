/**
 * Coefficient bounds in the app: the Non-negative coefficients box under Advanced reaches the
 * fit (glmnet's lower.limits = 0), in Chromium through the web host.
 */
import { join } from 'node:path';
import { expect, repoRoot, test } from './fixtures';

test('Non-negative coefficients keeps every selected coefficient ≥ 0', async ({ app: page }) => {
  await page
    .getByLabel('CSV file', { exact: true })
    .setInputFiles(join(repoRoot, 'examples/diabetes.csv'));
  await expect(page.getByLabel('Target')).toHaveValue('y');
  await page.getByLabel('Folds', { exact: true }).fill('0');
  await page.getByText('Advanced', { exact: true }).click();
  const box = page.getByLabel('Non-negative coefficients');
  await expect(box).not.toBeChecked();
  await box.check();
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(page.getByRole('progressbar', { name: 'Analysis progress' })).toHaveCount(0, {
    timeout: 60_000,
  });
  const table = page.getByRole('table', { name: 'Selected features' });
  await expect(table).toBeVisible();
  // At the smallest λ the unbounded lasso gives sex −22.8 (and s1, s3 negative too).
  const coefficients = await table.locator('tbody tr td:first-of-type').allTextContents();
  expect(coefficients.length).toBeGreaterThan(2);
  for (const text of coefficients) expect(text).not.toMatch(/^[-−]/);
  await expect(table.getByRole('rowheader', { name: 'sex', exact: true })).toHaveCount(0);
});
