/**
 * Two-level text features in the app (issue 16, item 6): coded as one 0/1 column by default,
 * which the Data panel states for the features chosen ("Sex is coded 1 for M, 0 for F"),
 * switchable to glmnet's column per level; the results and the report say which coding the
 * fit used; the option shows only while a chosen feature has two levels.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, overflowing, repoRoot, test } from './fixtures';

const quine = join(repoRoot, 'test/fixtures/data/quine.csv');
const shots = '/tmp/shots';
mkdirSync(shots, { recursive: true });

async function run(page: Page) {
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(page.locator('.results:not(.stale)')).toBeVisible({ timeout: 60_000 });
  await expect(page.getByRole('figure', { name: 'Coefficient path' })).toBeVisible();
}

test('quine: two-level features are one 0/1 column, stated, switchable to one-hot, and reported', async ({
  app: page,
}) => {
  await page.getByLabel('CSV file', { exact: true }).setInputFiles(quine);
  await page.getByLabel('Target').selectOption('Days');
  const coding = page.getByLabel('Two-level text features');
  await expect(coding).toHaveValue('single');
  const note = page.locator('.coding-note');
  await expect(note).toHaveText(
    'Eth is coded 1 for N, 0 for A; Sex is coded 1 for M, 0 for F; Lrn is coded 1 for SL, 0 for AL.',
  );
  await run(page);
  const summary = page.getByRole('region', { name: 'Model summary' });
  await expect(summary.locator('.coding-line')).toHaveText(
    'Two-level text features are one 0/1 column each: Eth is 1 for N, 0 for A; Sex is 1 for M, 0 for F; Lrn is 1 for SL, 0 for AL. Text features with more levels have one 0/1 column per level.',
  );
  // 1 + 1 + 4 + 1 design columns; no Sex=F.
  await expect(summary).toContainText('7 columns');
  await expect(page.locator('.features-table')).not.toContainText('Sex=F');
  for (const [width, height] of [
    [1440, 900],
    [1280, 720],
  ] as const) {
    await page.setViewportSize({ width, height });
    await expect.poll(() => overflowing(page)).toEqual([]);
    await page.screenshot({ path: `${shots}/two-level-single-${width}.png`, fullPage: true });
    await page
      .locator('.two-level-coding')
      .screenshot({ path: `${shots}/two-level-field-${width}.png` });
  }

  const report = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export report', exact: true }).click();
  const html = readFileSync(await (await report).path(), 'utf8');
  expect(html).toContain('<bdi>Sex</bdi> is 1 for <bdi>M</bdi>, 0 for <bdi>F</bdi>');
  expect(html).toContain('as.numeric(d[[&quot;Sex&quot;]] == &quot;M&quot;)');
  const reportPage = await page.context().newPage();
  await reportPage.setViewportSize({ width: 1280, height: 720 });
  await reportPage.setContent(html);
  await reportPage.getByRole('cell', { name: 'Text features' }).scrollIntoViewIfNeeded();
  await reportPage.screenshot({ path: `${shots}/two-level-report.png` });
  await reportPage.close();

  // glmnet's coding, for parity: the note and, once run, the results say so.
  await coding.selectOption('one-hot');
  await expect(note).toContainText('Sex gets two columns, Sex=F and Sex=M');
  await expect(note).toContainText('Each pair is collinear, so the lasso may split the effect');
  await expect(page.getByRole('status').filter({ hasText: 'Settings changed' })).toContainText(
    'two-level coding',
  );
  await page.setViewportSize({ width: 1440, height: 900 });
  await run(page);
  await expect(summary.locator('.coding-line')).toContainText(
    "Text features have one 0/1 column per level (glmnet's full one-hot coding)",
  );
  await expect(summary).toContainText('10 columns');
  await page.screenshot({ path: `${shots}/two-level-one-hot-1440.png`, fullPage: true });

  // Only Age (four levels) chosen: the option changes nothing, so it is not shown.
  const list = page.getByRole('list', { name: 'Feature columns' });
  for (const name of ['Eth', 'Sex', 'Lrn']) await list.getByRole('checkbox', { name }).uncheck();
  await expect(coding).toHaveCount(0);
  await list.getByRole('checkbox', { name: 'Sex' }).check();
  await expect(coding).toHaveValue('one-hot');
  await expect(note).toHaveText(
    'Sex gets two columns, Sex=F and Sex=M. Each pair is collinear, so the lasso may split the effect between them.',
  );
});
