/**
 * The model form without surprises, in Chromium through the web host (issue 16, items 1–4):
 * a changed target gives the old one back to the features, a target is proposed only when a
 * name or the user's earlier choice says so (and marked), results fitted with other settings
 * are dimmed and their exports labelled, and re-opening a file keeps the form.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, repoRoot, screenshotDir, test } from './fixtures';

const diabetes = join(repoRoot, 'examples/diabetes.csv');
const dir = mkdtempSync(join(tmpdir(), 'shrinkage-form-'));

/** Files shaped like MASS::Cars93 (some of its columns) and R's airquality: no column named y. */
function cars93(): string {
  const lines = ['Manufacturer,Model,Type,Price,MPG.city,Horsepower,Weight'];
  const types = ['Small', 'Midsize', 'Compact', 'Large'];
  for (let i = 0; i < 40; i++) {
    const hp = 90 + ((i * 37) % 120);
    const weight = 2200 + ((i * 53) % 1800);
    const price = (8 + hp * 0.12 + weight * 0.002 + (i % 3)).toFixed(1);
    lines.push(`Make${i % 6},M${i},${types[i % 4]},${price},${18 + (i % 13)},${hp},${weight}`);
  }
  const file = join(dir, 'cars93.csv');
  writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}

function airquality(): string {
  const lines = ['Ozone,Solar.R,Wind,Temp,Month,Day'];
  for (let i = 0; i < 30; i++)
    lines.push(
      `${10 + ((i * 7) % 60)},${150 + ((i * 11) % 150)},${7 + (i % 5)},${60 + i},5,${i + 1}`,
    );
  const file = join(dir, 'airquality.csv');
  writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}

const openCsv = (page: Page, file: string) =>
  page.getByLabel('CSV file', { exact: true }).setInputFiles(file);
const feature = (page: Page, name: string) =>
  page
    .getByRole('group', { name: /Features/ })
    .getByRole('checkbox', { name: new RegExp(`^${name}\\b`) });
const runButton = (page: Page) => page.getByRole('button', { name: 'Run', exact: true });

async function runAndWait(page: Page) {
  await runButton(page).click();
  await expect(page.getByRole('figure', { name: 'Coefficient path' })).toBeVisible({
    timeout: 60_000,
  });
}

test('no target is guessed from position; a changed target gives the old one back', async ({
  app: page,
}) => {
  await openCsv(page, cars93());
  await expect(page.getByText('cars93.csv · 40 rows')).toBeVisible();
  const target = page.getByLabel('Target');
  await expect(target).toHaveValue('');
  await expect(runButton(page)).toBeDisabled();
  await expect(page.getByText('Choose the column to predict.')).toBeVisible();
  await page.screenshot({ path: `${screenshotDir}/19-no-target-proposed.png` });
  await expect(feature(page, 'Weight')).toBeChecked();

  await target.selectOption('Weight');
  await expect(feature(page, 'Weight')).toHaveCount(0);
  await target.selectOption('Price');
  // Weight is a feature again; Price is not a feature any more.
  await expect(feature(page, 'Weight')).toBeChecked();
  await expect(feature(page, 'Price')).toHaveCount(0);
  await expect(runButton(page)).toBeEnabled();

  // Other columns: nothing proposed. The same columns again: the user's choice, marked so.
  await openCsv(page, airquality());
  await expect(page.getByText('airquality.csv · 30 rows')).toBeVisible();
  await expect(target).toHaveValue('');
  await expect(feature(page, 'Day')).toBeChecked();
  await openCsv(page, cars93());
  await expect(page.getByText('cars93.csv · 40 rows')).toBeVisible();
  await expect(target).toHaveValue('Price');
  await expect(page.getByText('your earlier choice for these columns')).toBeVisible();
});

test('a target named like an outcome is proposed, and marked as a guess', async ({ app: page }) => {
  await openCsv(page, diabetes);
  await expect(page.getByLabel('Target')).toHaveValue('y');
  await expect(page.getByText('guessed from its name')).toBeVisible();
  await page.getByLabel('Target').selectOption('bmi');
  await expect(page.getByText('guessed from its name')).toHaveCount(0);
});

test('results fitted with other settings are dimmed, and Save/Export say they use them', async ({
  app: page,
}) => {
  await openCsv(page, diabetes);
  await expect(page.getByLabel('Target')).toHaveValue('y');
  await runAndWait(page);
  const heading = page.getByRole('region', { name: 'Model summary' }).getByRole('heading');
  await expect(heading).toHaveText(/^Lasso predicting y/);
  await expect(page.getByText('Settings changed — Run to update')).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Export report', exact: true })).toBeEnabled();

  await page.getByRole('radio', { name: /Ridge/ }).check();
  await expect(page.getByText(/Settings changed — Run to update.*penalty/)).toBeVisible();
  await expect(page.locator('.results.stale')).toHaveCount(1);
  await expect(heading).toHaveText(/^Fitted: Lasso predicting y/);
  await page.screenshot({ path: `${screenshotDir}/20-stale-results.png` });
  const exportButton = page.getByRole('button', { name: 'Export report (fitted settings)' });
  await expect(exportButton).toBeEnabled();
  await expect(page.getByRole('button', { name: 'Save project (fitted settings)' })).toBeEnabled();
  // The report and the project are the fitted lasso's, not the form's ridge.
  const report = page.waitForEvent('download');
  await exportButton.click();
  expect(readFileSync(await (await report).path(), 'utf8')).toMatch(/Lasso/);
  const project = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Save project (fitted settings)' }).click();
  const saved = JSON.parse(readFileSync(await (await project).path(), 'utf8'));
  expect(saved.settings.alpha).toBe(1);

  // Back to the fitted settings: nothing is stale. A new run: the new settings are shown.
  await page.getByRole('radio', { name: /Lasso/ }).check();
  await expect(page.getByText('Settings changed — Run to update')).toHaveCount(0);
  await page.getByRole('radio', { name: /Ridge/ }).check();
  await runButton(page).click();
  await expect(heading).toHaveText(/^Ridge predicting y/, { timeout: 60_000 });
  await expect(page.locator('.results.stale')).toHaveCount(0);
});

test('re-opening a file keeps the form, and the form is locked while a file is read', async ({
  app: page,
}) => {
  await openCsv(page, diabetes);
  await expect(page.getByLabel('Target')).toHaveValue('y');
  const folds = page.getByLabel('Folds', { exact: true });
  await folds.fill('5');
  await page.getByRole('radio', { name: /Ridge/ }).check();

  // Hold the upload until the lock has been seen.
  let release: () => void = () => undefined;
  const held = new Promise<void>((resolve) => {
    release = resolve;
  });
  await page.route(
    `**/api/call/${encodeURIComponent('workbench:datasets.openBytes')}`,
    async (route) => {
      await held;
      await route.continue();
    },
  );
  await openCsv(page, diabetes);
  await expect(folds).toBeDisabled();
  await expect(page.getByLabel('Target')).toBeDisabled();
  release();
  await expect(folds).toBeEnabled({ timeout: 30_000 });
  await expect(folds).toHaveValue('5');
  await expect(page.getByRole('radio', { name: /Ridge/ })).toBeChecked();
  await expect(page.getByLabel('Target')).toHaveValue('y');
});
