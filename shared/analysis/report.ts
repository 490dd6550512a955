/** The HTML report of a finished analysis at one λ (CLI --report and the app's export). */

import { renderReport } from '../report/html';
import type { SelectedPoint } from './model';
import { predictionsAt } from './predictions';
import type { AnalysisResult } from './result';
import type { AnalysisRun } from './run';

export function analysisReport(
  analysis: AnalysisRun,
  result: AnalysisResult,
  index: number,
  /** An off-grid λ's interpolated coefficients; `index` is then the nearest fitted λ. */
  point?: SelectedPoint | undefined,
): string {
  return renderReport({
    result,
    selectedIndex: index,
    point,
    predictions: predictionsAt(analysis, index, undefined, 'fitted', point),
    generatedAt: new Date(),
  });
}
