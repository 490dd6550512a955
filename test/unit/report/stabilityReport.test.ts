/** Stability selection in the report (chart, selected set, bound, assumptions) and its R code. */
import { describe, expect, it } from 'vitest';
import { analysisResult } from '../../../shared/analysis/result';
import { runAnalysis } from '../../../shared/analysis/run';
import { DEFAULT_SETTINGS } from '../../../shared/analysis/settings';
import { BOUND_ASSUMPTIONS } from '../../../shared/analysis/stability';
import { readCsvText } from '../../../shared/data/csv';
import { escapeHtml } from '../../../shared/report/escape';
import { renderReport } from '../../../shared/report/html';
import { rCode } from '../../../shared/report/reproduce';
import { HOSTILE_COLUMN, hostileCsv } from '../../helpers/hostile';

async function hostileStability(lambda?: number) {
  const settings = {
    ...DEFAULT_SETTINGS,
    target: 'y',
    nlambda: 30,
    stability: { pairs: 8, threshold: 0.7, seed: 2, ...(lambda && { lambda }) },
  };
  const dataset = readCsvText(hostileCsv(), { fileName: 'hostile.csv' });
  return analysisResult(
    await runAnalysis(dataset, settings),
    settings,
    {
      file: 'hostile.csv',
      sha256: 'a'.repeat(64),
    },
    { readSeconds: 0 },
  );
}

describe('stability selection in the report', () => {
  it('draws the stability path, lists the selected set with the bound and its assumptions, escaped', async () => {
    const first = await hostileStability();
    const result = await hostileStability(first.path.lambda[15]);
    const block = result.stability!;
    expect(block.selected.map((s) => s.name)).toContain(HOSTILE_COLUMN);
    const html = renderReport({ result, selectedIndex: 20, generatedAt: new Date(0) });
    expect(html).not.toContain(HOSTILE_COLUMN);
    const part = html.slice(
      html.indexOf('<h2>Stability selection</h2>'),
      html.indexOf('<h2>Settings</h2>'),
    );
    expect(part).toContain(
      'aria-label="Stability path: selection probability of each column against log λ"',
    );
    expect(part).toContain('class="stability-threshold"');
    expect(part).toContain('π = 0.7');
    expect(part).toContain('end of Λ');
    expect(part).toContain('selected λ');
    expect(part).toContain(escapeHtml(HOSTILE_COLUMN));
    expect(part).toContain('16 half-samples of 40 rows (seed 2)');
    expect(part).toContain(`${block.selected[0]!.maxProbability.toFixed(2)}</td>`);
    expect(part).toContain(`E[V] ≤ q² / ((2π − 1)·p) = `);
    for (const text of BOUND_ASSUMPTIONS) expect(part).toContain(escapeHtml(text));
    // One line per shown column: the selected ones and those that ever reach > 0.
    const lines = part.match(/<path d=/g) ?? [];
    const p = result.columns.length;
    const reaching = Array.from({ length: p }, (_, j) => j).filter((j) =>
      block.probability.some((row) => row[j]! > 0),
    );
    expect(lines).toHaveLength(reaching.length);
  });

  it('leaves the section out without stability selection', async () => {
    const dataset = readCsvText(hostileCsv(), { fileName: 'hostile.csv' });
    const settings = { ...DEFAULT_SETTINGS, target: 'y' };
    const result = analysisResult(
      await runAnalysis(dataset, settings),
      settings,
      {
        file: 'hostile.csv',
        sha256: 'a'.repeat(64),
      },
      { readSeconds: 0 },
    );
    expect(renderReport({ result, selectedIndex: 3, generatedAt: new Date(0) })).not.toContain(
      'Stability selection',
    );
    expect(rCode(result, { index: 3, dataPath: 'd.csv' })).not.toContain('complementary');
  });

  it('writes the R loop over complementary pairs on the path’s λ, with the range, π and seed', async () => {
    const result = await hostileStability();
    const code = rCode(result, { index: 3, dataPath: 'd.csv' });
    expect(code).toContain('set.seed(2)');
    expect(code).toContain('B <- 8; half <- floor(nrow(x) / 2); lambdas <- fit$lambda');
    expect(code).toContain(`last <- ${result.stability!.rangeEnd + 1}`);
    expect(code).toMatch(
      /sub <- glmnet\(x\[rows, , drop = FALSE\], y\[rows\], .*lambda = lambdas\)/,
    );
    expect(code).not.toMatch(/sub <- glmnet\(.*nlambda/);
    expect(code).toContain('sort(largest[largest >= 0.7], decreasing = TRUE)');
    expect(code).toContain('not exactly');
  });
});
