/**
 * The CV-free λ choice in the app (issue 17 item 9): λ_AIC, λ_BIC and λ_EBIC marked on the
 * coefficient path, a panel stating σ² and df with a button per criterion, and the λ control
 * jumping to the BIC's choice (the read-out and the marker follow, as for λ_min).
 */
import { expect, runDiabetes, test } from './fixtures';

test('the criteria are marked on the path and the λ control jumps to the BIC choice', async ({
  app: page,
}) => {
  await runDiabetes(page);
  const path = page.getByRole('figure', { name: 'Coefficient path' });
  const marks = path.locator('.criterion-marker');
  await expect(marks.first()).toBeVisible();
  const labels = (await marks.locator('text').allTextContents()).join(' ');
  expect(labels).toContain('λ_BIC');
  expect(labels).toContain('λ_AIC');

  const panel = page.getByRole('region', { name: 'λ chosen without cross-validation' });
  await expect(panel).toContainText('σ² = 2933, estimated from the least-squares fit');
  await expect(panel).toContainText('number of nonzero coefficients');
  const bicRow = panel.getByRole('row', { name: /^BIC/ });
  const bicLambda = (await bicRow.getByRole('cell').first().textContent())!.trim();

  // Jump with the λ control's own button: the read-out shows the BIC's λ, the button is
  // pressed, and the selected-λ line stands on the BIC marker.
  const jump = page.locator('.lambda-control').getByRole('button', { name: 'λ_BIC', exact: true });
  await jump.click();
  await expect(jump).toHaveAttribute('aria-pressed', 'true');
  await expect(page.locator('.lambda-value')).toContainText(bicLambda);
  const bicMark = marks.filter({ hasText: 'λ_BIC' }).locator('line');
  const selected = path.locator('.lambda-selected');
  await expect
    .poll(async () => {
      const [a, b] = await Promise.all([bicMark.getAttribute('x1'), selected.getAttribute('x1')]);
      return Math.abs(Number(a) - Number(b));
    })
    .toBeLessThan(0.5);

  // Away and back through the panel's button.
  await page.locator('.lambda-control').getByRole('button', { name: 'λ_min', exact: true }).click();
  await expect(jump).toHaveAttribute('aria-pressed', 'false');
  await panel.getByRole('button', { name: 'Go to λ_BIC' }).click();
  await expect(jump).toHaveAttribute('aria-pressed', 'true');
});
