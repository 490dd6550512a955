/**
 * Compare α (issue 16, item 11) in Chromium through the web host: every candidate of a
 * lasso / elastic net / ridge comparison is listed and ranked at the λ rule shown, the CV
 * curves are overlaid, "within 1 SE of the best" is marked, and a row shows that α's own path
 * and CV curve (the chosen model's predictions and exports stay the chosen α's).
 */
import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { expect, repoRoot, screenshotDir, test } from './fixtures';

async function runComparison(page: Page): Promise<void> {
  await page
    .getByLabel('CSV file', { exact: true })
    .setInputFiles(`${repoRoot}examples/diabetes.csv`);
  await expect(page.getByLabel('Target')).toHaveValue('y');
  await page.getByLabel('Compare α values on the same folds').check();
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(page.getByRole('figure', { name: 'Coefficient path' })).toBeVisible({
    timeout: 90_000,
  });
}

const comparison = (page: Page) =>
  page.getByRole('region', { name: 'α compared on the same folds' });

/** The table's rows as {alpha, cv, verdict}, in the order shown. */
async function rowsOf(page: Page) {
  const rows = comparison(page).locator('table.alpha-rows tbody tr');
  const out: { alpha: number; cv: number; se: number; verdict: string }[] = [];
  for (const row of await rows.all()) {
    // Full precision from the row's data; the cells show rounded numbers.
    out.push({
      alpha: Number(await row.getAttribute('data-alpha')),
      cv: Number(await row.getAttribute('data-cvm')),
      se: Number(await row.getAttribute('data-cvsd')),
      verdict: (await row.locator('td.one-se').textContent()) ?? '',
    });
  }
  return out;
}

test('every α is listed, ranked at the rule shown, 1 SE marked, curves overlaid, rows switch the view', async ({
  app: page,
}) => {
  await runComparison(page);
  const table = comparison(page);
  await expect(table).toBeVisible();

  // Every candidate, not only the winner.
  const at1se = await rowsOf(page);
  expect(at1se.map((r) => r.alpha).sort()).toEqual([0, 0.5, 1]);
  // Ranked at λ_1se (the default selection), best first, with the 1-SE verdict against it.
  await expect(table.getByRole('button', { name: 'λ_1se' })).toHaveAttribute(
    'aria-pressed',
    'true',
  );
  await expect(table.locator('thead')).toContainText('CV at λ_1se ± SE');
  for (let i = 1; i < at1se.length; i++)
    expect(at1se[i]!.cv).toBeGreaterThanOrEqual(at1se[i - 1]!.cv);
  expect(at1se[0]!.verdict).toBe('best');
  const bound = at1se[0]!.cv + at1se[0]!.se;
  for (const row of at1se.slice(1))
    expect(row.verdict, `α = ${row.alpha}`).toBe(row.cv <= bound ? 'within 1 SE' : 'worse');
  // Diabetes: the three are close at λ_1se, so some are within 1 SE of the best.
  expect(at1se.filter((r) => r.verdict === 'within 1 SE').length).toBeGreaterThan(0);
  await expect(table.locator('tr.within-se')).toHaveCount(
    at1se.filter((r) => r.verdict !== 'worse').length,
  );

  // The overlay: one curve per α, each α's rule point marked, the 1-SE bound drawn.
  const overlay = page.getByRole('figure', { name: 'CV error of every α' });
  await expect(
    overlay.locator('.alpha-curve path.recharts-line-curve, path.alpha-curve'),
  ).toHaveCount(3);
  await expect(overlay.locator('.alpha-rule-point')).toHaveCount(3);
  await expect(overlay.locator('.one-se-bound')).toHaveCount(1);

  // The rule toggle re-ranks at λ_min, and the shown λ moves to λ_min with it.
  await table.getByRole('button', { name: 'λ_min' }).click();
  await expect(table.locator('thead')).toContainText('CV at λ_min ± SE');
  await expect(page.getByRole('button', { name: 'λ_min', exact: true }).first()).toHaveAttribute(
    'aria-pressed',
    'true',
  );
  const atMin = await rowsOf(page);
  for (let i = 1; i < atMin.length; i++)
    expect(atMin[i]!.cv).toBeGreaterThanOrEqual(atMin[i - 1]!.cv);
  expect(atMin.map((r) => r.cv)).not.toEqual(at1se.map((r) => r.cv));
  // The chosen α is the best at λ_min.
  await expect(table.locator('tbody tr').first()).toContainText('chosen');
  // And back: pressing the slider's λ_1se jump ranks at λ_1se again.
  await page.locator('.lambda-control').getByRole('button', { name: 'λ_1se', exact: true }).click();
  await expect(table.locator('thead')).toContainText('CV at λ_1se ± SE');

  // A row shows that α's path and CV curve: ridge keeps every feature along its path.
  const summary = page.getByRole('region', { name: 'Model summary' });
  const chosenTitle = await summary.locator('h2').textContent();
  const pathLines = page
    .getByRole('figure', { name: 'Coefficient path' })
    .locator('path.recharts-line-curve');
  await table.locator('tbody tr[data-alpha="0"] td').first().click();
  await expect(summary.locator('h2')).toContainText('Ridge');
  await expect(page.locator('.inspect-banner')).toContainText('Showing α = 0,');
  await expect(table.locator('tbody tr[aria-selected="true"]')).toHaveAttribute('data-alpha', '0');
  await expect(overlay.locator('.alpha-curve.shown')).toHaveCount(1);
  // Ridge: every one of the 10 features is nonzero at the shown λ.
  await expect(page.getByRole('table', { name: 'Coefficients' }).locator('tbody tr')).toHaveCount(
    10,
  );
  await expect(pathLines.first()).toBeVisible();
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.screenshot({ path: `${screenshotDir}/compare-alpha-1440.png` });
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.screenshot({ path: `${screenshotDir}/compare-alpha-1280.png` });
  // Back to the chosen model.
  await page.getByRole('button', { name: 'Show the chosen α' }).click();
  await expect(summary.locator('h2')).toHaveText(chosenTitle ?? '');
  await expect(page.locator('.inspect-banner')).toHaveCount(0);

  // The report has the same comparison, ranked at the reported λ's rule (λ_1se here).
  const download = page.waitForEvent('download');
  await page.keyboard.press('Control+e');
  const html = readFileSync((await (await download).path())!, 'utf8');
  const report = await page.context().newPage();
  await report.setViewportSize({ width: 1440, height: 900 });
  await report.setContent(html);
  const heading = report.getByRole('heading', { name: 'α compared on the same folds' });
  await expect(heading).toBeVisible();
  const rows = report.locator('table', { hasText: 'Every α at its λ_1se' }).locator('tbody tr');
  await expect(rows).toHaveCount(3);
  const ranked = await rowsOf(page);
  for (const [r, row] of ranked.entries())
    await expect(rows.nth(r).locator('td').first()).toContainText(`${row.alpha} (`);
  await expect(report.locator('svg .alpha-rule-point')).toHaveCount(3);
  await heading.scrollIntoViewIfNeeded();
  await report.screenshot({ path: `${screenshotDir}/compare-alpha-report.png` });
  await report.close();
});
