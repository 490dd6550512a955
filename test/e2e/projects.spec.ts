/**
 * Projects and shortcuts in Chromium through the web host (issue 16, item 10): the "Open
 * project…" button, a .shrinkage file dropped on the drop zone (alone or with its data), and
 * Ctrl+S, Ctrl+E, Ctrl+O, Ctrl+Shift+O and Ctrl+Enter bound in the page, never eating typing.
 * (In the desktop app the menu owns all but Ctrl+Enter: test/unit/electron/shortcuts.test.ts.)
 */
import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { expect, repoRoot, runDiabetes, screenshotDir, test } from './fixtures';

const diabetes = `${repoRoot}examples/diabetes.csv`;
const prostate = `${repoRoot}examples/prostate.csv`;

/** Run diabetes with 5 folds and α = 0.5, save it with Ctrl+S, and return the project's text. */
async function savedProject(page: Page): Promise<string> {
  await page.getByLabel('CSV file', { exact: true }).setInputFiles(diabetes);
  await expect(page.getByLabel('Target')).toHaveValue('y');
  await page.getByLabel('Folds', { exact: true }).fill('5');
  await page.getByRole('radio', { name: /Elastic net/ }).check();
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(page.getByRole('figure', { name: 'Coefficient path' })).toBeVisible({
    timeout: 60_000,
  });
  const download = page.waitForEvent('download');
  await page.keyboard.press('Control+s');
  const file = await download;
  expect(file.suggestedFilename()).toBe('diabetes.shrinkage');
  return readFileSync((await file.path())!, 'utf8');
}

/** Drop files (name → text) on the data panel's drop zone, as a file manager would. */
async function drop(page: Page, files: Record<string, string>): Promise<void> {
  await page.locator('.dropzone').evaluate((zone, files) => {
    const data = new DataTransfer();
    for (const [name, text] of Object.entries(files)) data.items.add(new File([text], name));
    zone.dispatchEvent(new DragEvent('dragover', { dataTransfer: data, bubbles: true }));
    zone.dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true }));
  }, files);
}

const notice = (page: Page) => page.locator('.notice[role="status"]').first();

/** The analysis ran here (not results read from the project): the engine exports its report. */
async function ranAgain(page: Page, folds: number): Promise<void> {
  await expect(page.getByRole('region', { name: 'Model summary' })).toContainText(
    `${folds}-fold cross-validation`,
    { timeout: 60_000 },
  );
  await expect(page.getByRole('progressbar')).toHaveCount(0, { timeout: 60_000 });
  const report = page.waitForEvent('download');
  await page.keyboard.press('Control+e');
  expect((await report).suggestedFilename()).toBe('diabetes-report.html');
}

test('Open project… reopens a saved project; its data, opened next, takes its settings and re-runs', async ({
  app: page,
}) => {
  const project = await savedProject(page);
  expect(JSON.parse(project).settings.cv.nfolds).toBe(5);
  // Other data replaces diabetes (the engine drops it), and the form goes back to defaults.
  await page.getByLabel('CSV file', { exact: true }).setInputFiles(prostate);
  await expect(page.getByLabel('Target')).not.toHaveValue('y');

  const open = page.getByRole('button', { name: 'Open project…' });
  await expect(open).toHaveAttribute('title', /\(Ctrl\+Shift\+O\)$/);
  const chooser = page.waitForEvent('filechooser');
  await open.click();
  await (await chooser).setFiles({
    name: 'diabetes.shrinkage',
    mimeType: 'application/json',
    buffer: Buffer.from(project),
  });
  // The saved results are shown; the data is not open, and the page says which file to open.
  await expect(notice(page)).toContainText('Open diabetes.csv');
  await expect(page.getByRole('region', { name: 'Model summary' })).toContainText('Elastic net');
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.screenshot({ path: `${screenshotDir}/project-awaiting-data-1440.png` });

  // Opening the project's data applies its settings (5 folds, elastic net) and re-runs.
  await page.getByLabel('CSV file', { exact: true }).setInputFiles(diabetes);
  await expect(notice(page)).toContainText('is the data of diabetes.shrinkage');
  await expect(page.getByLabel('Folds', { exact: true })).toHaveValue('5');
  await expect(page.getByRole('radio', { name: /Elastic net/ })).toBeChecked();
  await ranAgain(page, 5);
});

test('a .shrinkage file dropped with its data re-runs at once; dropped alone it uses the open data', async ({
  app: page,
}) => {
  const project = await savedProject(page);
  await page.getByLabel('CSV file', { exact: true }).setInputFiles(prostate);
  await expect(page.getByLabel('Target')).not.toHaveValue('y');
  await expect(page.locator('.dropzone')).toContainText('or a .shrinkage project here');

  // Together: the data is uploaded, matched by fingerprint, and the project re-runs.
  await drop(page, {
    'study.shrinkage': project,
    'diabetes.csv': readFileSync(diabetes, 'utf8'),
  });
  await expect(notice(page)).toContainText('Opened study.shrinkage; re-running its analysis.');
  await expect(page.getByLabel('Folds', { exact: true })).toHaveValue('5');
  await ranAgain(page, 5);
  await expect(page.locator('.dataset-badge')).toContainText('diabetes.csv');

  // Alone, while its data is open: the open data is the project's, so it re-runs too.
  await page.getByLabel('Folds', { exact: true }).fill('7');
  await drop(page, { 'study.shrinkage': project });
  await expect(page.getByLabel('Folds', { exact: true })).toHaveValue('5');
  await expect(notice(page)).toContainText('re-running');

  // Not a project: refused, naming the file.
  await drop(page, { 'broken.shrinkage': '{ not json' });
  await expect(notice(page)).toContainText('broken.shrinkage could not be opened');
  await expect(notice(page)).toContainText('not valid JSON');
});

test('Ctrl+S, E, O, Shift+O and Enter act; typing is never taken', async ({ app: page }) => {
  await runDiabetes(page);
  // Tooltips name the shortcuts.
  await expect(page.getByRole('button', { name: /^Save project/ })).toHaveAttribute(
    'title',
    /\(Ctrl\+S\)$/,
  );
  await expect(page.getByRole('button', { name: /^Export report/ })).toHaveAttribute(
    'title',
    /\(Ctrl\+E\)$/,
  );
  await expect(page.getByRole('button', { name: 'Run', exact: true })).toHaveAttribute(
    'title',
    /\(Ctrl\+Enter\)$/,
  );
  await expect(page.getByRole('button', { name: 'Open CSV…' })).toHaveAttribute(
    'title',
    /\(Ctrl\+O\)$/,
  );

  // Ctrl+E: the report.
  const report = page.waitForEvent('download');
  await page.keyboard.press('Control+e');
  expect((await report).suggestedFilename()).toBe('diabetes-report.html');

  // Ctrl+O: a CSV file to open; Ctrl+Shift+O: a project.
  const csv = page.waitForEvent('filechooser');
  await page.keyboard.press('Control+o');
  expect(await (await csv).element().getAttribute('accept')).toContain('.csv');
  const projectChooser = page.waitForEvent('filechooser');
  await page.keyboard.press('Control+Shift+O');
  expect(await (await projectChooser).element().getAttribute('accept')).toContain('.shrinkage');

  // Plain letters typed in a field stay there: no save, no export.
  let downloads = 0;
  page.on('download', () => downloads++);
  const search = page.getByLabel('Search features');
  await search.click();
  await page.keyboard.type('seo');
  await expect(search).toHaveValue('seo');
  await search.fill('');

  // Ctrl+Enter runs, from a text field too, without changing what is typed there.
  const folds = page.getByLabel('Folds', { exact: true });
  await folds.fill('4');
  await folds.press('Control+Enter');
  await expect(folds).toHaveValue('4');
  await expect(page.getByRole('region', { name: 'Model summary' })).toContainText(
    '4-fold cross-validation',
    { timeout: 60_000 },
  );
  expect(downloads).toBe(0);
  // Ctrl+S in a text field saves (it types nothing there).
  const project = page.waitForEvent('download');
  await folds.press('Control+s');
  expect((await project).suggestedFilename()).toBe('diabetes.shrinkage');
  await expect(folds).toHaveValue('4');
  // Stale results lengthen Save and Export ("fitted settings"): every button stays in the bar.
  await folds.fill('6');
  for (const width of [1440, 1280]) {
    await page.setViewportSize({ width, height: width === 1440 ? 900 : 720 });
    const right = await page
      .locator('.topbar button, .topbar summary')
      .evaluateAll((els) => Math.max(...els.map((el) => el.getBoundingClientRect().right)));
    expect(right, `at ${width} px`).toBeLessThanOrEqual(width);
    await page.screenshot({ path: `${screenshotDir}/projects-topbar-${width}.png` });
  }
});
