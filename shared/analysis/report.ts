/** The HTML report of a finished analysis at one λ (CLI --report and the app's export). */
import type { ResultLike } from '../ipc/contract';
import { renderReport } from '../report/html';
import { predictionsAt } from './predictions';
import type { AnalysisResult } from './run';

export function analysisReport(
  analysis: AnalysisResult,
  result: ResultLike,
  index: number,
): string {
  return renderReport({
    result,
    selectedIndex: index,
    predictions: predictionsAt(analysis, index),
    generatedAt: new Date(),
  });
}
