/**
 * A Parquet file in the app (issue 18, item 3): chosen with the file input and dropped on the
 * drop zone, it is read as its CSV counterpart is (the same summary), and fits.
 */
import { readFileSync } from 'node:fs';
import { csvToParquet } from '../helpers/parquetFiles';
import { expect, repoRoot, test } from './fixtures';

const diabetesCsv = readFileSync(`${repoRoot}examples/diabetes.csv`, 'utf8');

test('a Parquet file is opened, summarized and fitted as its CSV is', async ({ app: page }) => {
  const parquet = Buffer.from(csvToParquet(diabetesCsv, 100));
  await page.getByLabel('CSV file', { exact: true }).setInputFiles({
    name: 'diabetes.parquet',
    mimeType: 'application/vnd.apache.parquet',
    buffer: parquet,
  });
  await expect(page.getByLabel('Target')).toHaveValue('y');
  await expect(page.getByText('diabetes.parquet').first()).toBeVisible();
  await expect(page.getByText(/442 rows/).first()).toBeVisible();
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(page.getByRole('figure', { name: 'Coefficient path' })).toBeVisible({
    timeout: 60_000,
  });

  // Dropped, as a file manager would: the same file, the same reading.
  await page.locator('.dropzone').evaluate(
    (zone, bytes) => {
      const data = new DataTransfer();
      data.items.add(new File([new Uint8Array(bytes)], 'dropped.parquet'));
      zone.dispatchEvent(new DragEvent('dragover', { dataTransfer: data, bubbles: true }));
      zone.dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true }));
    },
    [...parquet],
  );
  await expect(page.getByText('dropped.parquet').first()).toBeVisible();
  await expect(page.getByLabel('Target')).toHaveValue('y');
});

test('a damaged Parquet file is refused with its name and a fix', async ({ app: page }) => {
  const parquet = Buffer.from(csvToParquet(diabetesCsv)).subarray(0, 3000);
  await page.getByLabel('CSV file', { exact: true }).setInputFiles({
    name: 'broken.parquet',
    mimeType: 'application/vnd.apache.parquet',
    buffer: parquet,
  });
  await expect(page.getByRole('alert')).toContainText(
    /broken\.parquet: Cannot read this Parquet file.*truncated or damaged/,
  );
});
