/**
 * The convergence certificate in the app (issue 17, item 6): longley at the default thresh
 * shows the far-from-optimal warning with a "Tighten these λ" button; the button reruns with
 * tightening, and the warning is gone.
 */
import { expect, repoRoot, test } from './fixtures';

test('"Tighten these λ" reruns the λ far from optimal and the warning goes', async ({
  app: page,
}) => {
  await page
    .getByLabel('CSV file', { exact: true })
    .setInputFiles(`${repoRoot}test/fixtures/data/longley.csv`);
  await page.getByLabel('Target').selectOption('Employed');
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(page.getByRole('figure', { name: 'Coefficient path' })).toBeVisible({
    timeout: 60_000,
  });
  const warnings = page.getByRole('list', { name: 'Warnings' });
  await expect(warnings).toContainText('may be far from optimal');
  await warnings.getByRole('button', { name: 'Tighten these λ' }).click();
  await expect(page.getByRole('status', { name: 'Convergence certificate' })).toContainText(
    /within .* at every λ .*; tightened \d+ λ down to thresh 1e-\d+/,
    { timeout: 60_000 },
  );
  await expect(warnings).not.toContainText('may be far from optimal', { timeout: 60_000 });
  await expect(page.getByRole('button', { name: 'Tighten these λ' })).toHaveCount(0);
});
