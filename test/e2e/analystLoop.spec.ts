/**
 * The analyst's loop in Chromium through the web host (issue 16, items 12, 13, 16, 17): one λ
 * orientation for the slider and the charts, markers that follow the slider, readable ticks
 * and prediction plots, and a wide file's feature list that stays usable (virtualized, bulk
 * selection by pattern or list, keyboard ticking). Speed itself is measured by npm run bench:ui.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Locator } from '@playwright/test';
import { expect, runDiabetes, screenshotDir, test } from './fixtures';

/** The x position of the selected-λ marker in a chart. */
async function markerX(figure: Locator): Promise<number> {
  return Number(await figure.locator('.lambda-selected').getAttribute('x1'));
}

const lambdaOf = (text: string | null) => Number(/λ = ([-\d.e]+)/.exec(text ?? '')?.[1]);

test('slider right, chart right: both mean a larger λ, and the markers follow the slider', async ({
  app: page,
}) => {
  await runDiabetes(page);
  const slider = page.getByRole('slider', { name: 'λ' });
  const path = page.getByRole('figure', { name: 'Coefficient path' });
  const cv = page.getByRole('figure', { name: 'Cross-validation error' });
  await expect(path.locator('.lambda-selected')).toHaveCount(1);
  const lines = await path.locator('path.recharts-line-curve').count();

  await slider.focus();
  await page.keyboard.press('Home');
  const before = { path: await markerX(path), cv: await markerX(cv) };
  const lambdaBefore = lambdaOf(await slider.getAttribute('aria-valuetext'));
  for (let i = 0; i < 5; i++) await page.keyboard.press('ArrowRight');
  await expect(slider).toHaveValue('5');
  const lambdaAfter = lambdaOf(await slider.getAttribute('aria-valuetext'));
  expect(lambdaAfter).toBeGreaterThan(lambdaBefore);
  // Both charts' markers moved right, as the slider did.
  await expect.poll(() => markerX(path)).toBeGreaterThan(before.path);
  await expect.poll(() => markerX(cv)).toBeGreaterThan(before.cv);
  // …and back left.
  const right = await markerX(path);
  await page.keyboard.press('ArrowLeft');
  await expect.poll(() => markerX(path)).toBeLessThan(right);
  // The lines themselves are untouched by a λ step.
  await expect(path.locator('path.recharts-line-curve')).toHaveCount(lines);

  // The axis says which way λ grows, on both charts and at the slider's ends.
  await expect(path.getByText(/larger λ, fewer features →/)).toBeVisible();
  await expect(cv.getByText(/larger λ, fewer features →/)).toBeVisible();
  await expect(page.locator('.lambda-control')).toContainText('← smaller λ');
  await expect(page.locator('.lambda-control')).toContainText('larger λ →');

  // The prediction plots follow the slider once it rests.
  const predictions = page.getByRole('figure', { name: /Predicted vs actual/ });
  await expect
    .poll(async () => {
      const shown = lambdaOf(await predictions.locator('figcaption').textContent());
      const chosen = lambdaOf(await slider.getAttribute('aria-valuetext'));
      return Math.abs(shown - chosen) / chosen;
    })
    .toBeLessThan(1e-3);
});

test('round log-λ ticks, λ_min and λ_1se labels apart, labelled prediction plots', async ({
  app: page,
}) => {
  await runDiabetes(page);
  for (const name of ['Coefficient path', 'Cross-validation error']) {
    const figure = page.getByRole('figure', { name });
    const ticks = await figure
      .locator('.recharts-xAxis-tick-labels')
      .first()
      .locator('.recharts-cartesian-axis-tick-value')
      .allTextContents();
    expect(ticks.length, name).toBeGreaterThan(2);
    for (const tick of ticks)
      expect(Number.isInteger(Number(tick) * 2), `${name} tick ${tick}`).toBe(true);
    // λ_min and λ_1se on both charts; the path chart also marks the information criteria's
    // choices (λ_AIC, λ_BIC, λ_EBIC, one label where they coincide). No two labels overlap.
    const labels = figure.locator('.lambda-markers text');
    await expect(labels.filter({ hasText: /^λ_(min|1se)$/ })).toHaveCount(2);
    const count = await labels.count();
    expect(count, name).toBeLessThanOrEqual(name === 'Coefficient path' ? 5 : 2);
    const boxes = [];
    for (let i = 0; i < count; i++) boxes.push((await labels.nth(i).boundingBox())!);
    for (let i = 0; i < count; i++)
      for (let j = i + 1; j < count; j++) {
        const [a, b] = [boxes[i]!, boxes[j]!];
        const apart =
          a.x + a.width <= b.x ||
          b.x + b.width <= a.x ||
          a.y + a.height <= b.y ||
          b.y + b.height <= a.y;
        expect(apart, `${name}: λ labels ${i} and ${j} overlap`).toBe(true);
      }
  }
  const predictions = page.getByRole('figure', { name: /Predicted vs actual/ });
  await expect(
    predictions.getByText('Residuals (actual − predicted)', { exact: true }),
  ).toBeVisible();
  await expect(predictions.getByRole('img', { name: /Predicted against actual y/ })).toBeVisible();
  await expect(
    predictions.getByRole('img', { name: /Residuals \(actual minus predicted\)/ }),
  ).toBeVisible();
  // The scatters are drawn: both canvases have painted pixels.
  const painted = await predictions.locator('canvas').evaluateAll((canvases) =>
    (canvases as HTMLCanvasElement[]).map((c) => {
      const data = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
      let n = 0;
      for (let i = 3; i < data.length; i += 4) if (data[i]! > 0) n++;
      return n;
    }),
  );
  expect(painted).toHaveLength(2);
  for (const n of painted) expect(n).toBeGreaterThan(1000);

  for (const [width, height] of [
    [1440, 900],
    [1280, 720],
  ] as const) {
    await page.setViewportSize({ width, height });
    await page.screenshot({ path: `${screenshotDir}/loop-results-${width}x${height}.png` });
    await predictions.scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${screenshotDir}/loop-predictions-${width}x${height}.png` });
    await page.evaluate(() => window.scrollTo(0, 0));
  }
});

/** 3000 numeric features x1…x3000 and y, 30 rows. */
function wideCsv(): string {
  const p = 3000;
  const lines = [[...Array.from({ length: p }, (_, j) => `x${j + 1}`), 'y'].join(',')];
  let seed = 11;
  const random = () => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return (seed / 2147483648 - 0.5).toFixed(3);
  };
  for (let i = 0; i < 30; i++) lines.push(Array.from({ length: p + 1 }, random).join(','));
  const file = join(mkdtempSync(join(tmpdir(), 'shrinkage-e2e-')), 'wide3000.csv');
  writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}

test('a 3000-feature file: a light feature list, ticked by keyboard, pattern or pasted list', async ({
  app: page,
}) => {
  await page.getByLabel('CSV file', { exact: true }).setInputFiles(wideCsv());
  await expect(page.getByLabel('Target')).toHaveValue('y', { timeout: 60_000 });
  const list = page.getByRole('list', { name: 'Feature columns' });
  const count = page.locator('.features .count');
  await expect(count).toHaveText('3000 of 3000');
  // Only the rows in view are in the page.
  expect(await list.locator('input[type=checkbox]').count()).toBeLessThan(60);
  // …and scrolling reaches the last one.
  await list.evaluate((el) => el.scrollTo(0, el.scrollHeight));
  await expect(list.getByRole('checkbox', { name: 'x3000' })).toBeVisible();

  // Keyboard: find a column, Tab to it, Space unticks and ticks it.
  const search = page.getByLabel('Search features');
  await search.fill('x2999');
  await search.focus();
  const box = list.getByRole('checkbox', { name: 'x2999' });
  for (let i = 0; i < 5 && !(await box.evaluate((el) => el === document.activeElement)); i++)
    await page.keyboard.press('Tab');
  await expect(box).toBeFocused();
  await page.keyboard.press('Space');
  await expect(box).not.toBeChecked();
  await expect(count).toHaveText('2999 of 3000');
  await page.keyboard.press('Space');
  await expect(count).toHaveText('3000 of 3000');

  // A pattern: clear and select what it shows.
  await search.fill('x1*');
  await page.getByRole('button', { name: 'Clear shown' }).click();
  await expect(count).toHaveText('1889 of 3000');
  await page.getByRole('button', { name: 'Select shown (1111)' }).click();
  await expect(count).toHaveText('3000 of 3000');
  // A pasted list of names, one a line as copied from a spreadsheet column (an <input> would
  // drop the line breaks and run the names together).
  await search.fill('');
  await search.evaluate((el) => {
    const data = new DataTransfer();
    data.setData('text/plain', 'x1\r\nx2\r\nx3000\r\n');
    el.dispatchEvent(
      new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }),
    );
  });
  await expect(search).toHaveValue('x1, x2, x3000');
  await expect(list.getByRole('checkbox')).toHaveCount(3);
  await page.getByRole('button', { name: 'Clear shown' }).click();
  await expect(count).toHaveText('2997 of 3000');
  await search.fill('');
  await page.getByRole('button', { name: 'Select none' }).click();
  await expect(count).toHaveText('0 of 3000');

  // The overview lists the first columns only, and the preview caps its columns.
  const overview = page.getByRole('table', { name: 'Columns' });
  expect(await overview.locator('tbody tr').count()).toBeLessThanOrEqual(200);
  await expect(page.getByText('First 30 of 3,001 columns shown.')).toBeVisible();
  await page.screenshot({ path: `${screenshotDir}/loop-wide-1440x900.png` });
});
