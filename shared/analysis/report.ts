/** The HTML report of a finished analysis at one λ (CLI --report and the app's export). */

import { renderReport } from '../report/html';
import { predictionsAt } from './predictions';
import type { AnalysisResult } from './result';
import type { AnalysisRun } from './run';

export function analysisReport(
  analysis: AnalysisRun,
  result: AnalysisResult,
  index: number,
): string {
  return renderReport({
    result,
    selectedIndex: index,
    predictions: predictionsAt(analysis, index),
    generatedAt: new Date(),
  });
}
