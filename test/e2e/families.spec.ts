/**
 * Logistic and Poisson in the app (issue 15, items 5 and 6): the family proposed from the
 * target with its reason, the measure, the ROC / confusion / calibration charts or the count
 * charts at the selected λ, odds or rate ratios, all following the λ control, and the report.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, overflowing, repoRoot, test } from './fixtures';

const data = (name: string) => join(repoRoot, 'test/fixtures/data', name);
const shots = '/tmp/shots';
mkdirSync(shots, { recursive: true });

async function open(page: Page, file: string, target: string) {
  await page.getByLabel('CSV file', { exact: true }).setInputFiles(file);
  await page.getByLabel('Target').selectOption(target);
}

async function run(page: Page) {
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(page.getByRole('figure', { name: 'Coefficient path' })).toBeVisible({
    timeout: 60_000,
  });
}

/** The λ the control shows, as the charts' captions print it ("0.1358"). */
async function shownLambda(page: Page): Promise<string> {
  const text = await page.locator('.lambda-value').textContent();
  return /λ = ([^ ,(]+)/.exec(text ?? '')![1]!;
}

/**
 * Moves the λ slider some steps with the keyboard and waits until the named figures are drawn
 * at the λ the control then shows; returns that λ.
 */
async function stepLambda(page: Page, key: string, figures: string[]): Promise<string> {
  const before = await shownLambda(page);
  const slider = page.getByRole('slider', { name: 'λ', exact: true });
  await slider.focus();
  for (let i = 0; i < 8; i++) await slider.press(key);
  const lambda = await shownLambda(page);
  expect(lambda).not.toBe(before);
  for (const name of figures)
    await expect(
      page.getByRole('figure', { name: new RegExp(name) }).locator('figcaption'),
    ).toHaveText(new RegExp(`at λ = ${lambda.replace('.', '\\.')}$`));
  return lambda;
}

test('pima: logistic proposed for `type`, AUC CV, ROC, confusion, calibration, odds ratios, report', async ({
  app: page,
}) => {
  await open(page, data('pima.csv'), 'type');
  const family = page.getByLabel('Family');
  await expect(family).toHaveValue('binomial');
  await expect(
    page.getByText('Proposed from the target: 2 levels: No, Yes → logistic'),
  ).toBeVisible();
  await expect(page.getByLabel('Modelled class (probability of)')).toHaveValue('Yes');
  await page
    .getByLabel('Validation error')
    .selectOption({ label: 'AUC (area under the ROC curve)' });
  await expect(page.getByLabel('Folds', { exact: true })).toHaveValue('10');
  await run(page);

  await expect(page.getByText('modelling P(type = Yes)')).toBeVisible();
  const cv = page.getByRole('figure', { name: 'Cross-validation error' });
  await expect(cv.getByRole('img', { name: /Cross-validated AUC/ })).toBeVisible();
  const roc = page.getByRole('figure', { name: /ROC curve/ });
  await expect(roc.getByText(/^AUC 0\.\d+$/)).toBeVisible();
  const auc = Number((await roc.getByText(/^AUC /).textContent())!.slice(4));
  expect(auc).toBeGreaterThan(0.7);

  // The confusion matrix counts every row used; the threshold slider moves its counts.
  const matrix = page.getByRole('figure', { name: /Confusion matrix/ });
  const cells = async () =>
    (await matrix.locator('tbody td').allTextContents()).map((t) => Number(t));
  const rowsUsed = Number(
    (await page
      .getByRole('region', { name: 'Model summary' })
      .getByText(/^\d+ rows/)
      .textContent())!.match(/^(\d+)/)![1],
  );
  const at05 = await cells();
  expect(at05.reduce((a, b) => a + b, 0)).toBe(rowsUsed);
  await expect(matrix.getByText(`total ${rowsUsed}`)).toBeVisible();
  const threshold = matrix.getByRole('slider', { name: /Threshold/ });
  await threshold.focus();
  for (let i = 0; i < 20; i++) await threshold.press('ArrowRight');
  await expect(matrix.locator('output')).toHaveText('0.70');
  const at07 = await cells();
  expect(at07.reduce((a, b) => a + b, 0)).toBe(rowsUsed);
  expect(at07[3]).toBeLessThan(at05[3]!); // fewer called Yes: fewer true positives
  // The threshold is marked on the ROC curve, and the calibration bins hold every row.
  await expect(roc.getByText('threshold 0.70')).toBeVisible();
  const calibration = page.getByRole('figure', { name: /Calibration/ });
  await calibration.getByText('The bins as a table').click();
  const binRows = (await calibration.locator('tbody td:last-child').allTextContents()).map(Number);
  expect(binRows.reduce((a, b) => a + b, 0)).toBe(rowsUsed);
  const table = page.locator('.features-table');
  await expect(table.getByRole('columnheader', { name: /Odds ratio \/ unit/ })).toBeVisible();
  await expect(table.getByRole('columnheader', { name: /Odds ratio \/ sd/ })).toBeVisible();
  await page.screenshot({ path: `${shots}/pima-logistic.png`, fullPage: true });

  // The λ control moves every chart: toward larger λ the model weakens.
  const oddsBefore = await table.locator('tbody').textContent();
  await stepLambda(page, 'ArrowRight', ['ROC curve', 'Confusion matrix', 'Calibration']);
  expect(await table.locator('tbody').textContent()).not.toBe(oddsBefore);
  await page.screenshot({ path: `${shots}/pima-larger-lambda.png`, fullPage: true });
  // The dark theme: the new charts draw in its colours (CSS variables).
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.getByRole('figure', { name: /Calibration/ }).scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${shots}/pima-dark.png` });
  await page.emulateMedia({ colorScheme: 'light' });
  // At a small window nothing sticks out of its chart.
  await page.setViewportSize({ width: 1024, height: 768 });
  await page.getByRole('figure', { name: /Confusion matrix/ }).scrollIntoViewIfNeeded();
  await expect.poll(() => overflowing(page)).toEqual([]);
  await page.screenshot({ path: `${shots}/pima-1024.png` });
  await page.setViewportSize({ width: 1440, height: 960 });

  const report = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export report', exact: true }).click();
  const html = readFileSync(await (await report).path(), 'utf8');
  expect(html).toMatch(
    /<svg[^>]*aria-label="ROC curve: true against false positive rate, AUC 0\.\d+"/,
  );
  expect(html).toMatch(/aria-label="Calibration: observed rate/);
  expect(html).toMatch(/family = (&quot;|")binomial(&quot;|")/);
  expect(html).toContain('Odds ratio per unit');
  // The other class modelled: the same fit mirrored, so the same AUC at λ_1se.
  await page.getByRole('button', { name: 'λ_1se', exact: true }).click();
  await expect(roc.locator('figcaption')).toHaveText(
    new RegExp(`at λ = ${(await shownLambda(page)).replace('.', '\\.')}$`),
  );
  const aucYes = await roc.getByText(/^AUC /).textContent();
  await page.getByLabel('Modelled class (probability of)').selectOption('No');
  await expect(page.getByText(/Settings changed — Run to update.*positive class/)).toBeVisible();
  await run(page);
  await expect(page.getByText('modelling P(type = No)')).toBeVisible();
  await expect(page.getByText(/Settings changed/)).toHaveCount(0);
  await expect(roc.getByText(/^AUC /)).toHaveText(aucYes!);
  await expect(
    roc.getByText('the chance a random No gets a higher P than a random Yes'),
  ).toBeVisible();
  const reportPage = await page.context().newPage();
  await reportPage.setContent(html);
  await reportPage.screenshot({ path: `${shots}/pima-report.png`, fullPage: true });
  await reportPage.close();
});

test('quine: Poisson proposed for `Days`, counts charts, rate ratios, report', async ({
  app: page,
}) => {
  await open(page, data('quine.csv'), 'Days');
  await expect(page.getByLabel('Family')).toHaveValue('poisson');
  await expect(
    page.getByText('Proposed from the target: whole numbers from 0 (counts) → Poisson'),
  ).toBeVisible();
  await expect(page.getByLabel('Modelled class (probability of)')).toHaveCount(0);
  await run(page);
  const cv = page.getByRole('figure', { name: 'Cross-validation error' });
  await expect(cv.getByRole('img', { name: /Cross-validated Poisson deviance/ })).toBeVisible();
  const counts = page.getByRole('figure', { name: /Predicted vs observed counts/ });
  await expect(
    counts.getByRole('img', { name: /Expected count against observed Days/ }),
  ).toBeVisible();
  await expect(counts.getByRole('img', { name: /deviance residuals/ })).toBeVisible();
  const table = page.locator('.features-table');
  await expect(table.getByRole('columnheader', { name: /Rate ratio \/ unit/ })).toBeVisible();
  await page.screenshot({ path: `${shots}/quine-poisson.png`, fullPage: true });
  await page.getByRole('button', { name: 'λ_min', exact: true }).click();
  const rateBefore = await table.locator('tbody').textContent();
  await stepLambda(page, 'ArrowLeft', ['Predicted vs observed counts']);
  expect(await table.locator('tbody').textContent()).not.toBe(rateBefore);
  await page.screenshot({ path: `${shots}/quine-larger-lambda.png`, fullPage: true });

  const report = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export report', exact: true }).click();
  const html = readFileSync(await (await report).path(), 'utf8');
  expect(html).toMatch(/family = (&quot;|")poisson(&quot;|")/);
  expect(html).toContain('Predicted vs observed');
  expect(html).toContain('Rate ratio per unit');
  expect(html).not.toContain('ROC curve');
  const reportPage = await page.context().newPage();
  await reportPage.setContent(html);
  await reportPage.screenshot({ path: `${shots}/quine-report.png` });
  await reportPage.close();
});
