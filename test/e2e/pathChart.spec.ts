/**
 * The coefficient path and the prediction plots through the web host (issue 16, item 13): the
 * number of features along the top (as on the CV chart), optional end-of-line labels, the
 * standardized scale by default when original-scale coefficients differ by orders of
 * magnitude (saying why), and out-of-fold predictions (cv.glmnet keep = TRUE) on the plots.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { expect, overflowing, repoRoot, runDiabetes, screenshotDir, test } from './fixtures';

const LONG = 'distance_to_the_nearest_weather_station_km';
const MARKUP = '<b>mass_g</b>';

/** y depends on three features alike, written in units 10⁻³, 1 and 10: 10⁴ between coefficients. */
function unitsCsv(): string {
  const lines = [`${LONG},"${MARKUP}",ratio,y`];
  for (let i = 0; i < 120; i++) {
    const a = Math.sin(i * 1.3);
    const b = Math.cos(i * 0.7);
    const c = Math.sin(i * 0.37 + 1);
    const y = a + 0.8 * b - 0.6 * c + 0.3 * Math.sin(i * 5.1);
    lines.push([a * 1e-3, b * 10, c, y].map((v) => v.toPrecision(10)).join(','));
  }
  const file = join(mkdtempSync(join(tmpdir(), 'shrinkage-e2e-')), 'units.csv');
  writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}

async function runFile(page: Page, file: string) {
  await page.getByLabel('CSV file', { exact: true }).setInputFiles(file);
  await expect(page.getByLabel('Target')).toHaveValue('y');
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(page.getByRole('figure', { name: 'Coefficient path' })).toBeVisible({
    timeout: 60_000,
  });
}

/** The tick labels of a chart's top x axis (the one highest on the page). */
async function topAxisTicks(figure: Locator): Promise<string[]> {
  const axes = figure.locator('.recharts-xAxis-tick-labels');
  await expect(axes).toHaveCount(2);
  const tops = await axes.evaluateAll((els) => els.map((el) => el.getBoundingClientRect().top));
  const top = axes.nth(tops.indexOf(Math.min(...tops)));
  return top.locator('.recharts-cartesian-axis-tick-value').allTextContents();
}

test('the path chart has the feature count along the top, the same as the CV chart', async ({
  app: page,
}) => {
  await runDiabetes(page);
  const path = page.getByRole('figure', { name: 'Coefficient path' });
  const cv = page.getByRole('figure', { name: 'Cross-validation error' });
  const ticks = await topAxisTicks(path);
  expect(ticks.length).toBeGreaterThanOrEqual(6);
  for (const tick of ticks) expect(Number.isInteger(Number(tick)), tick).toBe(true);
  // Features only ever join along the path towards small λ (right to left): 0 at the right.
  const counts = ticks.map(Number);
  expect(Math.max(...counts)).toBeGreaterThanOrEqual(8);
  expect(counts).toContain(0);
  expect(await topAxisTicks(cv)).toEqual(ticks);
  await expect(path.getByText('Numbers along the top: features selected.')).toBeVisible();
  // Diabetes's raw units (years, mg/dL, 1/2 for sex) put 10³ between its coefficients.
  await expect(path.getByRole('button', { name: 'Standardized' })).toHaveAttribute(
    'aria-pressed',
    'true',
  );
  await expect(path.locator('.scale-note')).toHaveText(
    'Standardized scale: coefficients differ by 10³ on the original scale.',
  );
  // Ten lines ending close together: labelled, nudged apart, within the plot's height.
  await path.getByRole('button', { name: 'Labels' }).click();
  const labels = path.locator('.end-label text');
  await expect(labels).toHaveCount(10);
  const boxes = (
    await labels.evaluateAll((els) =>
      els.map((el) => el.getBoundingClientRect().toJSON() as DOMRect),
    )
  ).sort((a, b) => a.top - b.top);
  for (let k = 1; k < boxes.length; k++)
    expect(boxes[k]!.top).toBeGreaterThanOrEqual(boxes[k - 1]!.bottom - 1);
  for (const [width, height] of [
    [1440, 900],
    [1280, 720],
  ] as const) {
    await page.setViewportSize({ width, height });
    await path.scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${screenshotDir}/path-diabetes-labels-${width}x${height}.png` });
  }
});

test('end-of-line labels: toggled, apart, the largest |β|, names cut short and escaped', async ({
  app: page,
}) => {
  await runFile(page, unitsCsv());
  const path = page.getByRole('figure', { name: 'Coefficient path' });
  const toggle = path.getByRole('button', { name: 'Labels' });
  await expect(toggle).toHaveAttribute('aria-pressed', 'false');
  await expect(path.locator('.end-label')).toHaveCount(0);
  await toggle.click();
  await expect(toggle).toHaveAttribute('aria-pressed', 'true');
  const labels = path.locator('.end-label text');
  await expect(labels).toHaveCount(3);
  const texts = await labels.evaluateAll((els) =>
    els.map((el) => ({
      shown: [...el.childNodes]
        .filter((n) => n.nodeType === Node.TEXT_NODE)
        .map((n) => n.textContent)
        .join(''),
      title: el.querySelector('title')?.textContent ?? null,
      box: el.getBoundingClientRect().toJSON() as DOMRect,
    })),
  );
  // The long name is cut with an ellipsis, its full name in a tooltip; the markup is text.
  const long = texts.find((t) => t.title === LONG);
  expect(long?.shown).toMatch(/^distance_to_the…$/);
  expect(texts.map((t) => t.shown)).toContain(MARKUP);
  expect(await path.locator('.end-labels b').count()).toBe(0);
  // No two labels overlap, and all sit left of the plot, right of the chart's edge.
  const boxes = texts.map((t) => t.box).sort((a, b) => a.top - b.top);
  for (let k = 1; k < boxes.length; k++)
    expect(boxes[k]!.top).toBeGreaterThanOrEqual(boxes[k - 1]!.bottom - 1);
  const plot = await path.locator('.recharts-cartesian-grid').boundingBox();
  const figure = await path.boundingBox();
  for (const box of boxes) {
    expect(box.right).toBeLessThanOrEqual(plot!.x + 1);
    expect(box.left).toBeGreaterThanOrEqual(figure!.x);
  }
  // The value axis moved to the right to make room.
  const yAxis = await path.locator('.recharts-yAxis').boundingBox();
  expect(yAxis!.x).toBeGreaterThan(plot!.x + plot!.width - 2);
  // A λ step leaves the labels alone (they are part of the memoized chart).
  const before = await labels.allTextContents();
  await page.getByRole('slider', { name: 'λ' }).focus();
  await page.keyboard.press('ArrowLeft');
  expect(await labels.allTextContents()).toEqual(before);
  await toggle.click();
  await expect(path.locator('.end-label')).toHaveCount(0);
});

test('standardized by default when original coefficients differ by 10⁴, saying why', async ({
  app: page,
}) => {
  await runFile(page, unitsCsv());
  const path = page.getByRole('figure', { name: 'Coefficient path' });
  await expect(path.getByRole('button', { name: 'Standardized' })).toHaveAttribute(
    'aria-pressed',
    'true',
  );
  await expect(path.locator('.scale-note')).toHaveText(
    'Standardized scale: coefficients differ by 10⁴ on the original scale.',
  );
  await expect(path.getByText('standardized coefficient', { exact: true })).toBeVisible();
  await path.getByRole('button', { name: 'Labels' }).click();
  for (const [width, height] of [
    [1440, 900],
    [1280, 720],
  ] as const) {
    await page.setViewportSize({ width, height });
    await path.scrollIntoViewIfNeeded();
    await expect.poll(() => overflowing(page)).toEqual([]);
    await page.screenshot({ path: `${screenshotDir}/path-labels-${width}x${height}.png` });
  }
  // The user's choice holds, and the note says what it costs.
  await path.getByRole('button', { name: 'Original' }).click();
  await expect(path.locator('.scale-note')).toHaveText(
    /^Original scale: coefficients differ by 10⁴, so the smaller ones lie flat near 0\.$/,
  );
  await expect(path.getByText('coefficient', { exact: true })).toBeVisible();
});

const number = (text: string | null, label: string) =>
  Number(new RegExp(`${label} ([-\\d.,e]+)`).exec(text ?? '')?.[1]?.replace(/,/g, ''));

test('out-of-fold predictions on the plots: at λ_min and λ_1se, at every λ with keep', async ({
  app: page,
}) => {
  await runDiabetes(page);
  const predictions = page.getByRole('figure', { name: /Predicted vs actual/ });
  const rows = predictions.getByRole('group', { name: 'Prediction rows' });
  await expect(rows.getByRole('button', { name: 'In-sample' })).toHaveAttribute(
    'aria-pressed',
    'true',
  );
  await expect(predictions.locator('figcaption')).toContainText('(training rows)');
  const inSample = number(await predictions.locator('.metrics').textContent(), 'MSE');

  // The default λ is λ_1se, where out-of-fold predictions are always kept.
  await rows.getByRole('button', { name: 'Out-of-fold' }).click();
  await expect(predictions.locator('figcaption')).toContainText('(training rows, out of fold)');
  const outOfFold = number(await predictions.locator('.metrics').textContent(), 'MSE');
  expect(outOfFold).toBeGreaterThan(inSample);
  // Their mean squared error is the CV error at that λ (each row scored once, out of fold).
  const summary = await page.getByRole('region', { name: 'Model summary' }).textContent();
  const cvError = number(summary, 'CV Mean squared error');
  expect(Math.abs(outOfFold - cvError) / cvError).toBeLessThan(1e-3);
  for (const [width, height] of [
    [1440, 900],
    [1280, 720],
  ] as const) {
    await page.setViewportSize({ width, height });
    await predictions.scrollIntoViewIfNeeded();
    await expect.poll(() => overflowing(page)).toEqual([]);
    await page.screenshot({ path: `${screenshotDir}/out-of-fold-${width}x${height}.png` });
  }

  // Another λ: none kept there without keep; the view says so and offers the two that are.
  const slider = page.getByRole('slider', { name: 'λ' });
  await slider.focus();
  await page.keyboard.press('ArrowLeft');
  const missing = page.locator('.out-of-fold-missing');
  await expect(missing).toContainText('kept at λ_min and λ_1se only');
  await missing.scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${screenshotDir}/out-of-fold-missing-1280x720.png` });
  await missing.getByRole('button', { name: 'Go to λ_min' }).click();
  await expect(predictions.locator('figcaption')).toContainText('(training rows, out of fold)');

  // With keep, at every λ.
  await page.getByLabel('Keep out-of-fold predictions at every λ').check();
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(page.locator('.stale-banner')).toHaveCount(0, { timeout: 60_000 });
  await slider.focus();
  await page.keyboard.press('Home');
  await expect(missing).toHaveCount(0);
  await expect(predictions.locator('figcaption')).toContainText('(training rows, out of fold)');
  const chosen = Number(
    /λ = ([-\d.e]+)/.exec((await slider.getAttribute('aria-valuetext')) ?? '')?.[1],
  );
  await expect
    .poll(async () => {
      const shown = Number(
        /λ = ([-\d.e]+)/.exec((await predictions.locator('figcaption').textContent()) ?? '')?.[1],
      );
      return Math.abs(shown - chosen) / chosen;
    })
    .toBeLessThan(1e-3);
});

test('logistic: out-of-fold ROC and calibration against the test rows, with a test split', async ({
  app: page,
}) => {
  await page
    .getByLabel('CSV file', { exact: true })
    .setInputFiles(join(repoRoot, 'examples/pima.csv'));
  await page.getByLabel('Target').selectOption('type');
  await page.getByLabel('Test set').selectOption('column');
  await page.getByLabel('Test rows: column').selectOption('set');
  await page.getByLabel('equals').selectOption('test');
  const features = page.getByRole('list', { name: 'Feature columns' });
  for (const name of ['set', 'weight']) await features.getByRole('checkbox', { name }).uncheck();
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  const roc = page.getByRole('figure', { name: /ROC curve/ });
  await expect(roc).toBeVisible({ timeout: 60_000 });
  const rows = roc.getByRole('group', { name: 'Prediction rows' });
  // With a test split the model's own predictions are of the test rows.
  await expect(rows.getByRole('button', { name: 'Test rows' })).toHaveAttribute(
    'aria-pressed',
    'true',
  );
  await expect(roc.locator('figcaption')).toContainText('(test rows)');
  await rows.getByRole('button', { name: 'Out-of-fold' }).click();
  await expect(roc.locator('figcaption')).toContainText('(training rows, out of fold)');
  const calibration = page.getByRole('figure', { name: /Calibration/ });
  await expect(calibration.locator('figcaption')).toContainText('(training rows, out of fold)');
  const auc = Number((await roc.getByText(/^AUC /).textContent())!.slice(4));
  expect(auc).toBeGreaterThan(0.7);
  expect(auc).toBeLessThan(1);
  for (const [width, height] of [
    [1440, 900],
    [1280, 720],
  ] as const) {
    await page.setViewportSize({ width, height });
    await roc.scrollIntoViewIfNeeded();
    await expect.poll(() => overflowing(page)).toEqual([]);
    await page.screenshot({ path: `${screenshotDir}/out-of-fold-roc-${width}x${height}.png` });
  }
});
