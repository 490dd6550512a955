/**
 * The Reading options panel and the one-click fixes in reading errors (issue 16, item 8), and
 * the engine keeping only the current dataset per page (item 18), through the web host.
 */
import type { Page } from '@playwright/test';
import { expect, screenshotDir, test } from './fixtures';

function upload(page: Page, name: string, text: string) {
  return page
    .getByLabel('CSV file', { exact: true })
    .setInputFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(text) });
}

/** y = 2·x1 − x2 + noise-free pattern, n rows, with optional extra columns per row. */
function rows(n: number, extra: (i: number) => string[] = () => [], delimiter = ',') {
  return Array.from({ length: n }, (_, i) => {
    const x1 = (i % 7) + 0.5 * (i % 3);
    const x2 = (i * 3) % 11;
    return [String(x1), String(x2), ...extra(i), String(2 * x1 - x2 + (i % 5) * 0.1)].join(
      delimiter,
    );
  });
}

const readingPanel = (page: Page) => page.locator('details.reading-options');

test('a ragged file: one click drops exactly its malformed rows and re-reads it', async ({
  app: page,
}) => {
  const lines = ['x1,x2,y', ...rows(40)];
  lines[5] = '1,2';
  lines[12] = '1,2,3,4';
  lines[30] = '7';
  await upload(page, 'ragged.csv', `${lines.join('\n')}\n`);
  const alert = page.getByRole('alert');
  await expect(alert).toContainText('row 6: This row has 2 fields but the header has 3');
  await expect(alert).toContainText('2 other rows have the wrong number of fields too');
  // The panel opens beside the error, so the option is in view too.
  await expect(readingPanel(page)).toHaveAttribute('open', '');
  for (const size of [
    { width: 1440, height: 900 },
    { width: 1280, height: 720 },
  ]) {
    await page.setViewportSize(size);
    await page.screenshot({ path: `${screenshotDir}/reading-ragged-${size.width}.png` });
  }
  await alert.getByRole('button', { name: 'Drop the 3 malformed rows and re-read' }).click();
  await expect(page.getByLabel('Notes about the file')).toContainText(
    '3 rows with the wrong number of fields were dropped (first: row 6)',
  );
  await expect(page.locator('.dataset-badge')).toContainText('37 rows');
  await expect(
    readingPanel(page).getByLabel('drop rows with the wrong number of fields'),
  ).toBeChecked();
  await expect(readingPanel(page).locator('summary')).toContainText('1 changed');
  await expect(page.getByLabel('Target')).toHaveValue('y');
});

test('semicolons, decimal commas and a -99 marker: chosen in the panel, read again on one click', async ({
  app: page,
}) => {
  const lines = ['x1;x2;y', ...rows(30, () => [], ';').map((l) => l.replace(/\./g, ','))];
  lines[4] = '-99;3;1,5';
  lines[9] = '2,5;-99;4';
  await upload(page, 'europe.csv', `${lines.join('\n')}\n`);
  const overview = page.getByRole('table').first();
  await expect(overview.getByRole('row', { name: /^x1 / })).toContainText('numeric');
  const panel = readingPanel(page);
  await panel.locator('summary').click();
  await panel.getByLabel('Delimiter').selectOption(';');
  await panel.getByLabel('Decimal mark').selectOption(',');
  const markers = panel.getByLabel('Missing markers');
  await markers.fill(`${await markers.inputValue()}, -99`);
  await expect(panel.locator('summary')).toContainText('3 changed');
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.screenshot({ path: `${screenshotDir}/reading-panel-1440.png` });
  await panel.getByRole('button', { name: 'Re-read the file with these options' }).click();
  await expect(overview.getByRole('row', { name: /^x1 / }).getByRole('cell').nth(1)).toHaveText(
    '1',
  );
  await expect(overview.getByRole('row', { name: /^x2 / }).getByRole('cell').nth(1)).toHaveText(
    '1',
  );
  await expect(page.getByText(/\?, \., -99 are missing/)).toBeVisible();
  // Read as chosen: nothing left to re-read until an option changes.
  await expect(
    panel.getByRole('button', { name: 'Re-read the file with these options' }),
  ).toBeDisabled();
});

test("a numeric column with 'n/a' cells: one click reads them as missing, and the column becomes a feature", async ({
  app: page,
}) => {
  const lines = ['x1,x2,y', ...rows(30)];
  lines[3] = 'n/a,4,2';
  lines[8] = 'n/a,1,3';
  await upload(page, 'markers.csv', `${lines.join('\n')}\n`);
  const notes = page.getByLabel('Notes about the file');
  await expect(notes).toContainText(
    "Column 'x1' cannot be used: This numeric column has 2 text cells, first 'n/a' at row 4.",
  );
  await expect(page.getByRole('checkbox', { name: /x1/ })).toBeDisabled();
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.screenshot({ path: `${screenshotDir}/reading-markers-1280.png` });
  await notes.getByRole('button', { name: "Read 'n/a' as missing and re-read" }).click();
  await expect(page.getByRole('checkbox', { name: /x1/ })).toBeChecked();
  await expect(page.getByLabel('Notes about the file')).toHaveCount(0);
  await expect(readingPanel(page).getByLabel('Missing markers')).toHaveValue(
    'NA, N/A, NaN, null, NULL, ?, ., n/a',
  );
});

test('numbers written with decimal commas in a comma file: the note offers the decimal comma', async ({
  app: page,
}) => {
  const lines = [
    'x1,w,x2,y',
    ...rows(24).map((l, i) => l.replace(',', `,"${i % 9},${(i * 7) % 10}",`)),
  ];
  await upload(page, 'commas.csv', `${lines.join('\n')}\n`);
  const notes = page.getByLabel('Notes about the file');
  await expect(notes).toContainText("Column 'w' has numbers written with a comma");
  await notes.getByRole('button', { name: 'Read with the decimal comma and re-read' }).click();
  const overview = page.getByRole('table').first();
  await expect(overview.getByRole('row', { name: /^w / })).toContainText('numeric');
  await expect(readingPanel(page).getByLabel('Decimal mark')).toHaveValue(',');
});

test('too many levels: the failed run offers to raise the level limit, and runs again', async ({
  app: page,
}) => {
  const lines = ['x1,x2,g,y', ...rows(164, (i) => [`site${i % 82}`])];
  await upload(page, 'levels.csv', `${lines.join('\n')}\n`);
  const g = page.getByRole('checkbox', { name: /^g/ });
  await expect(g).not.toBeChecked();
  await g.check();
  await expect(page.locator('.level-note')).toHaveText('too many levels');
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(page.getByRole('alert')).toContainText(
    "Feature 'g' is categorical with 82 levels, more than 50",
  );
  const fix = page.getByRole('button', { name: 'Raise the level limit to 82 and run again' });
  for (const size of [
    { width: 1440, height: 900 },
    { width: 1280, height: 720 },
  ]) {
    await page.setViewportSize(size);
    await expect(fix).toBeInViewport();
    await page.screenshot({ path: `${screenshotDir}/reading-levels-${size.width}.png` });
  }
  await fix.click();
  await expect(page.getByRole('figure', { name: 'Coefficient path' })).toBeVisible({
    timeout: 60_000,
  });
  await expect(readingPanel(page).getByLabel('Level limit')).toHaveValue('82');
  await expect(page.locator('.level-note')).toHaveCount(0);
});

test('two tabs on one host: each keeps its current dataset, and a reload restores only that one', async ({
  app: first,
  hostUrl,
  context,
}) => {
  const second = await context.newPage();
  await second.goto(hostUrl);
  await upload(second, 'other-tab.csv', `${['x1,x2,y', ...rows(30)].join('\n')}\n`);
  await expect(second.locator('.dataset-badge')).toContainText('other-tab.csv');

  for (let i = 1; i <= 4; i++) {
    await upload(first, `file${i}.csv`, `${['x1,x2,y', ...rows(20 + i)].join('\n')}\n`);
    await expect(first.locator('.dataset-badge')).toContainText(`file${i}.csv`);
  }
  // Opening files in one tab never releases another tab's data: it still runs.
  await second.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(second.getByRole('figure', { name: 'Coefficient path' })).toBeVisible({
    timeout: 60_000,
  });

  const restored = first.waitForResponse((r) => r.url().includes('session.restore'));
  await first.reload();
  const body = await (await restored).text();
  expect(body).toContain('file4.csv');
  for (const old of ['file1.csv', 'file2.csv', 'file3.csv', 'other-tab.csv'])
    expect(body).not.toContain(old);
  await expect(first.locator('.dataset-badge')).toContainText('file4.csv');
  await expect(first.locator('.dataset-badge')).toContainText('24 rows');
  // The restored dataset is still open in the engine: it runs.
  await first.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(first.getByRole('figure', { name: 'Coefficient path' })).toBeVisible({
    timeout: 60_000,
  });
  await second.close();
});
