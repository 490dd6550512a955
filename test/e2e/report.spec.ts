/**
 * Reports as a colleague receives them: opened in Chromium with the network blocked, printed to
 * PDF, and safe when the data itself is hostile.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { expect, type Page, test } from '@playwright/test';
import { runCliProcess } from '../helpers/cliProcess';
import { HOSTILE_COLUMN, hostileCsv } from '../helpers/hostile';
import { repoRoot, screenshotDir } from './fixtures';

function report(data: string, target: string, extra: string[] = []): string {
  const out = join(mkdtempSync(join(tmpdir(), 'shrinkage-report-')), 'report.html');
  const run = runCliProcess('fit', '--data', data, '--target', target, '--report', out, ...extra);
  expect(run.status, run.stderr).toBe(0);
  return out;
}

async function openOffline(page: Page, file: string): Promise<string[]> {
  const problems: string[] = [];
  page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
  page.on('pageerror', (e) => problems.push(e.message));
  page.on('dialog', (d) => {
    problems.push(`dialog: ${d.message()}`);
    void d.dismiss();
  });
  await page.route('**/*', (route) =>
    route.request().url().startsWith('file:') ? route.continue() : route.abort(),
  );
  await page.goto(pathToFileURL(file).href);
  return problems;
}

test('the report opens offline with its charts as SVG, and prints to a PDF with the feature names', async ({
  page,
}) => {
  const file = report(join(repoRoot, 'examples/diabetes.csv'), 'y', ['--cv', '10']);
  const problems = await openOffline(page, file);
  await expect(page.getByRole('heading', { name: 'Lasso predicting y' })).toBeVisible();
  await expect(
    page.getByRole('img', { name: 'Coefficient path: coefficients against log λ' }),
  ).toBeVisible();
  await expect(
    page.getByRole('img', { name: /Cross-validation error with one standard error/ }),
  ).toBeVisible();
  expect(await page.locator('svg').count()).toBeGreaterThanOrEqual(3);
  await expect(page.getByRole('table', { name: /Nonzero coefficients/ })).toContainText('bmi');
  await expect(page.getByRole('heading', { name: 'R (glmnet)' })).toBeVisible();
  await page.screenshot({ path: `${screenshotDir}/05-report.png`, fullPage: true });
  expect(problems).toEqual([]);

  const pdf = await page.pdf({ format: 'A4', printBackground: true });
  expect(pdf.subarray(0, 4).toString()).toBe('%PDF');
  const pdfFile = join(mkdtempSync(join(tmpdir(), 'shrinkage-pdf-')), 'report.pdf');
  writeFileSync(pdfFile, pdf);
  const text = execFileSync('pdftotext', [pdfFile, '-'], { encoding: 'utf8' });
  for (const feature of ['bmi', 's5', 'bp']) expect(text).toContain(feature);
  expect(text).toContain('Lasso predicting y');
});

test('a column named like HTML appears as text in the report and runs nothing', async ({
  page,
}) => {
  const dir = mkdtempSync(join(tmpdir(), 'shrinkage-hostile-'));
  const data = join(dir, 'hostile.csv');
  writeFileSync(data, hostileCsv());
  const file = report(data, 'y', ['--cv', '4']);
  const problems = await openOffline(page, file);
  await expect(page.getByRole('table', { name: 'What was fitted' })).toContainText(HOSTILE_COLUMN);
  await expect(page.getByRole('table', { name: /Nonzero coefficients/ })).toContainText(
    HOSTILE_COLUMN,
  );
  expect(await page.locator('img').count()).toBe(0);
  expect(await page.locator('script').count()).toBe(0);
  await page.waitForTimeout(300);
  expect(problems).toEqual([]);
});
