/**
 * A column's type chosen in the app (issue 17, item 4): Cars93's Cylinders (numbers and
 * "rotary") cannot be used as read; its note offers to read it as categorical, and the
 * Reading options' Column types box sets the same option by hand.
 */
import { expect, repoRoot, test } from './fixtures';

const cars = `${repoRoot}test/fixtures/data/cars93.csv`;

test('Cylinders read as categorical from its note, and back to numeric by the box', async ({
  app: page,
}) => {
  await page.getByLabel('CSV file', { exact: true }).setInputFiles(cars);
  const notes = page.getByRole('list', { name: 'Notes about the file' });
  await expect(notes).toContainText("Column 'Cylinders' cannot be used");
  await notes.getByRole('button', { name: "Read 'Cylinders' as categorical and re-read" }).click();
  const cylinders = page
    .getByRole('list', { name: 'Feature columns' })
    .locator('.feature-row', { hasText: 'Cylinders' });
  await expect(cylinders).toContainText('6 levels');
  await expect(page.getByText("Column 'Cylinders' cannot be used")).toHaveCount(0);
  const box = page.getByLabel('Column types');
  await expect(box).toHaveValue('Cylinders=categorical');

  await page.locator('details.reading-options > summary').click();
  await box.fill('Cylinders=numbers');
  await expect(page.getByText(/Column types takes NAME=numeric or NAME=categorical/)).toBeVisible();
  await box.fill('Cylinders=numeric');
  await page.getByRole('button', { name: 'Re-read the file with these options' }).click();
  await expect(cylinders).toContainText('numeric');
  await expect(
    page.getByText(/its 1 text cell \(first 'rotary' at row 58\) is read as missing/),
  ).toBeVisible();
});
