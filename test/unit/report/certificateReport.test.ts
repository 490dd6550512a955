/** The convergence certificate in the HTML report's settings table, before and after tighten. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { analysisResult } from '../../../shared/analysis/result';
import { runAnalysis } from '../../../shared/analysis/run';
import { type AnalysisSettings, DEFAULT_SETTINGS } from '../../../shared/analysis/settings';
import { readCsvText } from '../../../shared/data/csv';
import { renderReport } from '../../../shared/report/html';
import { rCode } from '../../../shared/report/reproduce';

const longley = readFileSync(new URL('../../fixtures/data/longley.csv', import.meta.url), 'utf8');

async function report(settings: AnalysisSettings) {
  const dataset = readCsvText(longley, { fileName: 'longley.csv' });
  const result = analysisResult(
    await runAnalysis(dataset, settings),
    settings,
    { file: dataset.fileName, sha256: 'a'.repeat(64) },
    { readSeconds: 0 },
  );
  const last = result.path.lambda.length - 1;
  return { result, html: renderReport({ result, selectedIndex: last, generatedAt: new Date(0) }) };
}

describe('report: convergence certificate', () => {
  it('says which λ may be far from optimal, and what tightening did', async () => {
    const plain = await report({ ...DEFAULT_SETTINGS, target: 'Employed' });
    expect(plain.html).toMatch(
      /Convergence certificate<\/th>\s*<td>\d+ λ of \d+ may be far from optimal .*; at this λ the objective is within/,
    );
    const tight = await report({ ...DEFAULT_SETTINGS, target: 'Employed', tighten: true });
    expect(tight.result.settings.tighten).toBe(true);
    expect(tight.html).toMatch(/within .* at every λ .*; tightened \d+ λ down to thresh 1e-\d+/);
    // The R code says where glmnet at the settings' thresh stops earlier.
    const index = tight.result.path.lambda.length - 1;
    expect(rCode(tight.result, { index, dataPath: 'longley.csv' })).toMatch(
      /# Shrinkage refitted \d+ λ values whose convergence certificate failed, down to thresh 1e-\d+/,
    );
    expect(rCode(plain.result, { index, dataPath: 'longley.csv' })).not.toContain('refitted');
    // Default settings record no tighten, as results saved before it.
    expect(plain.result.settings.tighten).toBeUndefined();
  });
});
