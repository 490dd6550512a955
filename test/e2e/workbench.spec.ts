/**
 * The workbench as an analyst uses it, in Chromium through the web host: open a CSV, choose
 * the model, run, read the charts and the table at the chosen λ, cancel, and see errors.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { runCliProcess } from '../helpers/cliProcess';
import { expect, repoRoot, screenshotDir, test } from './fixtures';

const diabetes = join(repoRoot, 'examples/diabetes.csv');

async function openCsv(page: Page, file: string) {
  await page.getByLabel('CSV file', { exact: true }).setInputFiles(file);
}

async function runAndWait(page: Page) {
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(page.getByRole('figure', { name: 'Coefficient path' })).toBeVisible({
    timeout: 60_000,
  });
}

/** The CLI's own answer for the same settings: the nonzero features at λ_1se. */
function cliFeaturesAt1se(): string[] {
  const out = join(mkdtempSync(join(tmpdir(), 'shrinkage-e2e-')), 'fit.json');
  const run = runCliProcess(
    ...['fit', '--data', diabetes, '--target', 'y', '--penalty', 'lasso'],
    ...['--cv', '10', '--seed', '1', '--json', out],
  );
  expect(run.status, run.stderr).toBe(0);
  const json = JSON.parse(readFileSync(out, 'utf8'));
  const k = json.cv.index1se;
  return json.columns.filter((_: string, j: number) => json.path.beta[k][j] !== 0).sort();
}

test('an analyst fits a cross-validated lasso to diabetes.csv and reads it at λ_1se', async ({
  app: page,
}) => {
  await openCsv(page, diabetes);
  await expect(page.getByRole('heading', { name: 'diabetes.csv' })).toBeVisible();
  await expect(page.getByRole('table', { name: 'Columns' })).toBeVisible();
  await page.screenshot({ path: `${screenshotDir}/01-dataset.png` });

  await expect(page.getByLabel('Target')).toHaveValue('y');
  await page.getByRole('radio', { name: /Lasso/ }).check();
  await page.getByLabel('Folds', { exact: true }).fill('10');
  await runAndWait(page);

  const path = page.getByRole('figure', { name: 'Coefficient path' });
  await expect(path.locator('path.recharts-line-curve')).toHaveCount(10);
  const cv = page.getByRole('figure', { name: 'Cross-validation error' });
  // One bar per λ, drawn as one path (a stem and two caps each).
  const bars = cv.locator('path.cv-error-bars');
  await expect(bars).toBeVisible();
  expect(Number(await bars.getAttribute('data-bars'))).toBeGreaterThan(20);
  expect((await bars.getAttribute('d'))?.match(/V/g)?.length).toBeGreaterThan(20);

  // λ_1se is selected by default, and its features are the CLI's.
  const slider = page.getByRole('slider', { name: 'λ' });
  await expect(slider).toHaveAttribute('aria-valuetext', /λ_1se/);
  const table = page.getByRole('table', { name: 'Selected features' });
  const shown = (await table.locator('tbody th').allTextContents()).sort();
  expect(shown).toEqual(cliFeaturesAt1se());
  await expect(page.getByRole('figure', { name: /Predicted vs actual/ })).toBeVisible();
  await page.screenshot({ path: `${screenshotDir}/02-results-lambda-1se.png`, fullPage: true });

  // Keyboard: the slider runs like the charts' log-λ axis, so Home is the smallest λ
  // (everything selected) and End the largest (nothing).
  await slider.focus();
  await page.keyboard.press('End');
  await expect(table.getByText('No features selected at this λ')).toBeVisible();
  await page.keyboard.press('Home');
  await expect(table.locator('tbody tr')).toHaveCount(10);
  await page.keyboard.press('ArrowRight');
  await expect(slider).toHaveValue('1');
  await page.getByRole('button', { name: 'λ_min', exact: true }).click();
  await expect(slider).toHaveAttribute('aria-valuetext', /λ_min/);

  // Clicking the CV chart selects a λ too.
  const box = await cv.locator('.recharts-surface').first().boundingBox();
  await page.mouse.move(box!.x + box!.width * 0.2, box!.y + box!.height / 2);
  await page.mouse.move(box!.x + box!.width * 0.15, box!.y + box!.height / 2, { steps: 4 });
  await page.mouse.down();
  await page.mouse.up();
  await expect(slider).not.toHaveAttribute('aria-valuetext', /λ_min/);
});

test('a long fit can be cancelled and the workbench stays usable', async ({ app: page }) => {
  const dir = mkdtempSync(join(tmpdir(), 'shrinkage-e2e-'));
  const file = join(dir, 'wide.csv');
  // Long enough to cancel on a fast machine: 3000 × 500, three α compared on 10 folds (33 fits).
  const rows = 3000;
  const p = 500;
  const lines = [[...Array.from({ length: p }, (_, j) => `x${j + 1}`), 'y'].join(',')];
  let seed = 7;
  const random = () => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed / 2147483648 - 0.5;
  };
  for (let i = 0; i < rows; i++) {
    const xs = Array.from({ length: p }, () => random());
    lines.push(
      [...xs.map((x) => x.toFixed(5)), (xs[0]! * 3 - xs[1]! + random()).toFixed(5)].join(','),
    );
  }
  writeFileSync(file, lines.join('\n'));
  await openCsv(page, file);
  await expect(page.getByText('wide.csv · 3,000 rows')).toBeVisible();
  await expect(page.getByLabel('Target')).toHaveValue('y');
  await page.getByLabel('Compare α values on the same folds').check();
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  const progress = page.getByRole('progressbar', { name: 'Analysis progress' });
  await expect(progress).toBeVisible();
  await page.screenshot({ path: `${screenshotDir}/03-running.png` });
  // The page stays responsive while the engine works.
  await page.getByText('Advanced', { exact: true }).click();
  await expect(page.getByLabel('Fit an intercept')).toBeVisible();
  await page.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByText('The analysis was cancelled.')).toBeVisible({ timeout: 5_000 });
  await expect(progress).toBeHidden();
  await expect(page.getByRole('button', { name: 'Run', exact: true })).toBeEnabled();
});

test('a bad file shows what is wrong and how to fix it', async ({ app: page }) => {
  await openCsv(page, join(repoRoot, 'test/fixtures/csv/bad/excel-workbook.csv'));
  const alert = page.getByRole('alert');
  await expect(alert).toContainText('This file cannot be used.');
  await expect(alert).toContainText('ZIP archive (an Excel .xlsx workbook is one)');
  await expect(alert).toContainText('Save As');
  await page.screenshot({ path: `${screenshotDir}/04-bad-file.png` });
  // A column problem surfaces when the run starts, naming row and column.
  await openCsv(page, join(repoRoot, 'test/fixtures/csv/bad/text-in-numeric.csv'));
  await expect(page.getByRole('alert')).toHaveCount(0);
  await expect(page.getByRole('checkbox', { name: /bmi/ })).toBeDisabled();
});

test('every control has an accessible name, and the keyboard alone can run an analysis', async ({
  app: page,
}) => {
  await openCsv(page, diabetes);
  await expect(page.getByLabel('Target')).toHaveValue('y');
  await page.getByLabel('Folds', { exact: true }).fill('5');
  const run = page.getByRole('button', { name: 'Run', exact: true });
  await run.focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('figure', { name: 'Coefficient path' })).toBeVisible({
    timeout: 60_000,
  });
  const unnamed = await page.evaluate(() => {
    const controls = [
      ...document.querySelectorAll<HTMLElement>(
        'button, input, select, [role="slider"], [role="progressbar"]',
      ),
    ];
    return controls
      .filter((el) => {
        const labelled =
          (el as HTMLInputElement).labels?.length ||
          el.getAttribute('aria-label') ||
          el.getAttribute('aria-labelledby');
        const text = el.tagName === 'BUTTON' && el.textContent?.trim();
        return !labelled && !text && el.getAttribute('type') !== 'hidden';
      })
      .map((el) => el.outerHTML.slice(0, 120));
  });
  expect(unnamed).toEqual([]);
  // Tab reaches the λ slider and the arrow keys move it.
  const slider = page.getByRole('slider', { name: 'λ' });
  for (let i = 0; i < 80 && !(await slider.evaluate((el) => el === document.activeElement)); i++)
    await page.keyboard.press('Tab');
  await expect(slider).toBeFocused();
  const before = await slider.inputValue();
  await page.keyboard.press('ArrowRight');
  await expect(slider).not.toHaveValue(before);
});

test('a reload keeps the data and the results, and the project can be saved', async ({
  app: page,
}) => {
  await openCsv(page, diabetes);
  await page.getByLabel('Folds', { exact: true }).fill('5');
  await runAndWait(page);
  const before = await page
    .getByRole('table', { name: 'Selected features' })
    .locator('tbody th')
    .allTextContents();
  // The engine holds the data; a reload (as after a renderer crash) shows it all again.
  await page.reload();
  await expect(page.getByRole('figure', { name: 'Coefficient path' })).toBeVisible();
  await expect(page.getByText('diabetes.csv · 442 rows')).toBeVisible();
  expect(
    await page
      .getByRole('table', { name: 'Selected features' })
      .locator('tbody th')
      .allTextContents(),
  ).toEqual(before);
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Save project' }).click();
  const file = await (await download).path();
  const project = JSON.parse(readFileSync(file, 'utf8'));
  expect(project).toMatchObject({
    format: 'shrinkage-project',
    formatVersion: 2,
    data: { fileName: 'diabetes.csv', path: null },
  });
  expect(project.settings.cv.nfolds).toBe(5);
  expect(project.result.columns).toHaveLength(10);
});

test('two tabs on one host each keep their own data and results', async ({
  app: page,
  context,
}) => {
  const features = () =>
    page.getByRole('table', { name: 'Selected features' }).locator('tbody th').allTextContents();
  await openCsv(page, diabetes);
  await runAndWait(page);
  const before = await features();
  // The second tab opens other data (the same rows under another name) and runs it.
  const second = join(mkdtempSync(join(tmpdir(), 'shrinkage-e2e-')), 'second.csv');
  writeFileSync(second, readFileSync(diabetes));
  const other = await context.newPage();
  await other.goto(page.url());
  await openCsv(other, second);
  await expect(other.getByText('second.csv · 442 rows')).toBeVisible();
  await runAndWait(other);
  // The engine keeps each tab's work apart: the first tab, reloaded, shows its own.
  await page.reload();
  await expect(page.getByText('diabetes.csv · 442 rows')).toBeVisible();
  await expect(page.getByRole('figure', { name: 'Coefficient path' })).toBeVisible();
  expect(await features()).toEqual(before);
  await other.close();
});

test('a tab opened from another (with a copy of its session storage) has a session of its own', async ({
  app: page,
}) => {
  await openCsv(page, diabetes);
  await expect(page.getByText('diabetes.csv · 442 rows')).toBeVisible();
  const second = join(mkdtempSync(join(tmpdir(), 'shrinkage-e2e-')), 'second.csv');
  writeFileSync(second, readFileSync(diabetes));
  const popup = page.waitForEvent('popup');
  await page.evaluate(() => void window.open(window.location.href));
  const duplicate = await popup;
  await expect(duplicate.getByLabel('CSV file', { exact: true })).toBeAttached();
  await openCsv(duplicate, second);
  await expect(duplicate.getByText('second.csv · 442 rows')).toBeVisible();
  await page.reload();
  await expect(page.getByText('diabetes.csv · 442 rows')).toBeVisible();
  await duplicate.close();
});

test('the report, the coefficients and a chart can be exported from the results', async ({
  app: page,
}) => {
  await openCsv(page, diabetes);
  await expect(page.getByText('diabetes.csv · 442 rows')).toBeVisible();
  await page.getByLabel('Folds', { exact: true }).fill('5');
  await runAndWait(page);
  const saved = async (click: () => Promise<void>) => {
    const download = page.waitForEvent('download');
    await click();
    const file = await download;
    return { name: file.suggestedFilename(), text: readFileSync((await file.path())!, 'utf8') };
  };
  const report = await saved(() => page.getByRole('button', { name: 'Export report' }).click());
  expect(report.name).toBe('diabetes-report.html');
  expect(report.text).toMatch(/^<!doctype html>/);
  expect(report.text).toContain('Coefficient path');
  await page.getByText('More exports').click();
  const csv = await saved(() =>
    page.getByRole('button', { name: 'Coefficients along the path (CSV)' }).click(),
  );
  expect(csv.text.split('\n')[0]).toBe(
    'lambda,nonzero,dev_ratio,(intercept),age,sex,bmi,bp,s1,s2,s3,s4,s5,s6',
  );
  await page.getByText('More exports').click();
  const model = await saved(() =>
    page.getByRole('button', { name: 'Model at the selected λ (JSON)' }).click(),
  );
  expect(JSON.parse(model.text)).toMatchObject({ format: 'shrinkage-model', target: 'y' });
  const svg = await saved(() =>
    page.getByRole('button', { name: 'Save Coefficient path as SVG' }).click(),
  );
  expect(svg.name).toBe('coefficient-path.svg');
  expect(svg.text).toMatch(/^<svg[^>]*xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
  const png = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Save Cross-validation error as PNG' }).click();
  expect((await png).suggestedFilename()).toBe('cross-validation-error.png');
});

test('new rows are scored with the model at the selected λ, and problems are named', async ({
  app: page,
}) => {
  await openCsv(page, join(repoRoot, 'examples/prostate.csv'));
  await expect(page.getByText('prostate.csv · 97 rows')).toBeVisible();
  await page.getByLabel('Target').selectOption('lpsa');
  await runAndWait(page);
  const dir = mkdtempSync(join(tmpdir(), 'shrinkage-score-'));
  const fresh = join(dir, 'new-patients.csv');
  writeFileSync(
    fresh,
    'lcavol,lweight,age,lbph,svi,lcp,gleason,pgg45,note\n1.2,3.5,64,0.1,0,-0.5,6,10,a\n2.0,NA,70,1.2,1,0.5,7,40,b\n',
  );
  const download = page.waitForEvent('download');
  await page.getByLabel('CSV file to score').setInputFiles(fresh);
  const file = await download;
  expect(file.suggestedFilename()).toBe('new-patients-scored.csv');
  const lines = readFileSync((await file.path())!, 'utf8')
    .trim()
    .split('\n');
  expect(lines[0]).toBe('lcavol,lweight,age,lbph,svi,lcp,gleason,pgg45,note,predicted_lpsa');
  expect(Number(lines[1]!.split(',').at(-1))).toBeGreaterThan(0);
  expect(lines[2]!.endsWith(',')).toBe(true);
  const notice = page.getByRole('status').filter({ hasText: 'Scored' });
  await expect(notice).toContainText('Scored 1 of 2 rows of new-patients.csv');
  await expect(notice).toContainText('not used by the model: note');
});

test('observation weights and an offset chosen in the model panel give the CLI’s weighted fit', async ({
  app: page,
}) => {
  await openCsv(page, diabetes);
  await expect(page.getByLabel('Target')).toHaveValue('y');
  await page.getByLabel('Folds', { exact: true }).fill('0');
  await page.getByLabel('Observation weights').selectOption('sex');
  await page.getByLabel('Offset', { exact: true }).selectOption('s6');
  await runAndWait(page);
  const summary = page.getByRole('region', { name: 'Model summary' });
  await expect(summary).toContainText('weighted by sex');
  await expect(summary).toContainText('offset s6');
  await expect(summary).toContainText('8 columns');

  const out = join(mkdtempSync(join(tmpdir(), 'shrinkage-e2e-')), 'fit.json');
  const run = runCliProcess(
    ...['fit', '--data', diabetes, '--target', 'y', '--weights', 'sex', '--offset', 's6'],
    ...['--json', out],
  );
  expect(run.status, run.stderr).toBe(0);
  const json = JSON.parse(readFileSync(out, 'utf8'));
  await expect(summary).toContainText(`${json.path.lambda.length} λ values`);
});
