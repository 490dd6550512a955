/**
 * Surprises that give a wrong model (issue 16): identifier-like text columns are not features by
 * default, show their level count and are flagged on their row when ticked (item 5); a feature
 * that leaks the target is named in a warning (item 7).
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, repoRoot, test } from './fixtures';

const leakCsv = join(repoRoot, 'test/fixtures/data/leak.csv');

test('an identifier column is unticked, shows its level count and warns when ticked', async ({
  app: page,
}) => {
  // mtcars-like: a name per row, a 3-level text column, numbers and the target y.
  const lines = ['car,gear,wt,y'];
  for (let i = 0; i < 32; i++) lines.push(`car${i},g${i % 3},${(i * 0.37) % 5},${20 + (i % 7)}`);
  const file = join(mkdtempSync(join(tmpdir(), 'shrinkage-e2e-')), 'cars.csv');
  writeFileSync(file, `${lines.join('\n')}\n`);
  await page.getByLabel('CSV file', { exact: true }).setInputFiles(file);
  await expect(page.getByLabel('Target')).toHaveValue('y');

  const list = page.getByRole('list', { name: 'Feature columns' });
  const car = list.getByRole('checkbox', { name: 'car' });
  await expect(car).not.toBeChecked();
  await expect(list.getByRole('checkbox', { name: 'gear' })).toBeChecked();
  await expect(list.getByRole('checkbox', { name: 'wt' })).toBeChecked();
  const row = (name: string) =>
    list
      .getByRole('listitem')
      .filter({ has: page.getByRole('checkbox', { name: new RegExp(`^${name} `) }) });
  const carRow = row('car');
  await expect(carRow).toContainText('32 levels');
  await expect(row('gear')).toContainText('3 levels');
  await expect(carRow).not.toContainText('too many levels');

  await car.check();
  await expect(carRow).toContainText('too many levels');
  await expect(carRow.locator('label')).toHaveAttribute('title', /32 levels in 32 rows/);
  await car.uncheck();
  await expect(carRow).not.toContainText('too many levels');
});

test('a feature that leaks the target is named in a warning on the results', async ({
  app: page,
}) => {
  await page.getByLabel('CSV file', { exact: true }).setInputFiles(leakCsv);
  await expect(page.getByLabel('Target')).toHaveValue('y');
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  const warnings = page.getByRole('list', { name: 'Warnings' });
  await expect(warnings).toContainText('copy is correlated above 0.99 with the target y', {
    timeout: 60_000,
  });
  await expect(warnings).toContainText(/Deviance explained reaches 99\.\d\d% with copy/);
});
