/**
 * Rounding noise reads as 0 wherever people read coefficients (issue 16, item 6): the app's
 * selected-features table and counts, and the report; the saved result keeps the exact numbers.
 */
import { describe, expect, it } from 'vitest';
import { describeLambda, entryIndices, selectedFeatures } from '../../../renderer/lib/results';
import {
  COEFFICIENT_TOLERANCE,
  shownCoefficients,
  shownCount,
  shownEntryIndices,
} from '../../../shared/analysis/coefficientNoise';
import { type AnalysisResult, analysisResult } from '../../../shared/analysis/result';
import { runAnalysis } from '../../../shared/analysis/run';
import { DEFAULT_SETTINGS } from '../../../shared/analysis/settings';
import { readCsvText } from '../../../shared/data/csv';
import { renderReport } from '../../../shared/report/html';

describe('shown coefficients', () => {
  it('zeroes a coefficient whose standardized size is below the tolerance of the largest', () => {
    // Standardized sizes 2, 1.1e-15·1 and 3e-10·10 = 3e-9 (above 1e-10 × 2).
    expect(shownCoefficients([1, 1.1e-15, 3e-10], [2, 1, 10])).toEqual([1, 0, 3e-10]);
    expect(shownCount([1, 1.1e-15, 3e-10], [2, 1, 10])).toBe(2);
    expect(COEFFICIENT_TOLERANCE).toBe(1e-10);
  });

  it('is relative: the units of the features do not matter', () => {
    expect(shownCoefficients([1e-20, 1e-31], [1, 1])).toEqual([1e-20, 0]);
    expect(shownCoefficients([0, 0], [1, 1])).toEqual([0, 0]);
  });

  it('enters a column at the first λ where its shown coefficient is nonzero', () => {
    const beta = [
      [0, 0],
      [1, 1e-17],
      [2, 0.5],
    ];
    expect(shownEntryIndices(beta, [1, 1])).toEqual([1, 2]);
    expect(shownEntryIndices([[0, 0]], [1, 1])).toEqual([1, 1]);
  });
});

/** A real fit with column b's coefficient at the last λ replaced by rounding noise. */
async function noisyResult(): Promise<AnalysisResult> {
  const lines = ['a,b,y'];
  for (let i = 0; i < 40; i++)
    lines.push(`${i % 7},${(i * 3) % 5},${(i % 7) * 2 + ((i * 13) % 5)}`);
  const settings = { ...DEFAULT_SETTINGS, target: 'y', nlambda: 10, features: ['a', 'b'] };
  const dataset = readCsvText(`${lines.join('\n')}\n`, { fileName: 'noise.csv' });
  const result = analysisResult(
    await runAnalysis(dataset, settings),
    settings,
    { file: 'noise.csv', sha256: 'c'.repeat(64) },
    { readSeconds: 0 },
  );
  const last = result.path.lambda.length - 1;
  const b = result.columns.indexOf('b');
  const beta = result.path.beta.map((row) => [...row]);
  for (let k = 0; k <= last; k++) beta[k]![b] = 0;
  beta[last]![b] = 1.1e-15;
  // The solver counts the noise as a feature.
  const df = result.path.df.map((d, k) => (k === last ? 2 : d));
  return { ...result, path: { ...result.path, beta, df } };
}

describe('noise in the app and the report', () => {
  it('is not a selected feature, not counted and never entered', async () => {
    const result = await noisyResult();
    const last = result.path.lambda.length - 1;
    expect(result.path.beta[last]![1]).toBe(1.1e-15); // the result keeps the exact number
    expect(selectedFeatures(result, last).map((f) => f.column)).toEqual(['a']);
    expect(describeLambda(result, last)).toMatch(/, 1 feature$/);
    expect(entryIndices(result)[1]).toBe(result.path.lambda.length);
  });

  it('is left out of the report table and count', async () => {
    const result = await noisyResult();
    const last = result.path.lambda.length - 1;
    const html = renderReport({ result, selectedIndex: last, generatedAt: new Date(0) });
    expect(html).toContain('1 of 2 features selected');
    expect(html).not.toContain('1.1e-15');
  });
});
