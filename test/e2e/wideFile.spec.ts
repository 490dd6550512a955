/**
 * A wide file stays light in the page (issue 16, item 17: no long main-thread task while
 * loading or running). Speed itself is npm run bench:ui's; these check the structure that
 * made the long tasks: one <option> per column in each column menu (60 000 DOM nodes for a
 * 20 000-column file, a 1 s task to mount them), and a path chart fed every column.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, screenshotDir, test } from './fixtures';

const FEATURES = 5000;

/** FEATURES numeric columns x1… and y (depending on x1…x5), 60 rows, seeded. */
function wideCsv(): string {
  let seed = 5;
  const random = () => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed / 2147483648 - 0.5;
  };
  const lines = [[...Array.from({ length: FEATURES }, (_, j) => `x${j + 1}`), 'y'].join(',')];
  for (let i = 0; i < 60; i++) {
    const x = Array.from({ length: FEATURES }, random);
    const y = 3 * x[0]! - 2 * x[1]! + x[2]! + x[3]! - x[4]! + 0.1 * random();
    lines.push([...x.map((v) => v.toFixed(3)), y.toFixed(3)].join(','));
  }
  const file = join(mkdtempSync(join(tmpdir(), 'shrinkage-e2e-')), `wide${FEATURES}.csv`);
  writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}

const elements = (page: Page) => page.evaluate(() => document.getElementsByTagName('*').length);

test('a 5000-column file: column menus are search boxes, the page stays small', async ({
  app: page,
}) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.getByLabel('CSV file', { exact: true }).setInputFiles(wideCsv());
  const target = page.getByRole('combobox', { name: 'Target' });
  await expect(target).toHaveValue('y', { timeout: 60_000 });
  // Before: three <select>s of 5000 options each (Target, weights, offset), ~16 000 elements.
  expect(await page.locator('option').count()).toBeLessThan(50);
  expect(await elements(page)).toBeLessThan(4000);

  // The search box: typing narrows the list, arrows and Enter choose, the form follows.
  await target.fill('x499');
  const list = page.getByRole('listbox', { name: 'Target columns' });
  await expect(list.getByRole('option')).toHaveCount(11);
  await expect(list.getByRole('option').first()).toHaveText('x499');
  await expect(page.getByText('11 columns match.')).toBeVisible();
  await page.screenshot({ path: `${screenshotDir}/wide-target-search-1440x900.png` });
  await target.press('ArrowDown');
  await target.press('Enter');
  await expect(target).toHaveValue('x4990');
  await expect(list).toBeHidden();
  await expect(page.locator('.features .count')).toHaveText(`${FEATURES} of ${FEATURES}`);
  // Opening it without typing shows the first columns and says how many there are.
  await target.click();
  // The 'none' choice, then the first 50 columns.
  await expect(list.getByRole('option')).toHaveCount(51);
  await expect(list.getByRole('option').first()).toHaveText('Choose the column to predict…');
  await expect(
    page.getByText(`50 of ${(FEATURES + 1).toLocaleString('en-US')} columns shown`),
  ).toBeVisible();
  await target.press('Escape');
  await expect(list).toBeHidden();
  await expect(target).toHaveValue('x4990');
  // A name typed in full and left with Tab is taken; one that names nothing is not.
  await target.fill('nonsense');
  await expect(page.getByText('No column matches “nonsense”.')).toBeVisible();
  await target.press('Tab');
  await expect(target).toHaveValue('x4990');
  await target.fill('Y');
  await target.press('Tab');
  await expect(target).toHaveValue('y');

  // Weights and offset are search boxes too, with None as their first choice.
  const weights = page.getByRole('combobox', { name: 'Observation weights' });
  await expect(weights).toHaveValue('');
  await weights.click();
  await expect(
    page.getByRole('listbox', { name: 'Weight columns' }).getByRole('option').first(),
  ).toHaveText('None');
  await weights.press('Escape');

  await page.getByLabel('Folds', { exact: true }).fill('5');
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  const path = page.getByRole('figure', { name: 'Coefficient path' });
  await expect(path).toBeVisible({ timeout: 120_000 });
  // The path chart gets the lines it draws, not 5000 series (each one a pass over the path).
  const lines = await path.locator('path.recharts-line-curve').count();
  expect(lines).toBeGreaterThan(0);
  expect(lines).toBeLessThanOrEqual(60);
  expect(await elements(page)).toBeLessThan(6000);
  await page.screenshot({ path: `${screenshotDir}/wide-results-1440x900.png` });
  await page.setViewportSize({ width: 1280, height: 720 });
  await target.click();
  await target.fill('x12');
  await page.screenshot({ path: `${screenshotDir}/wide-target-search-1280x720.png` });
});
