/** An analysis of a CSV file through runAnalysis and analysisResult, as the app makes it. */
import { readFileSync } from 'node:fs';
import { type AnalysisResult, analysisResult } from '../../shared/analysis/result';
import { runAnalysis } from '../../shared/analysis/run';
import type { AnalysisSettings } from '../../shared/analysis/settings';
import { readCsvText } from '../../shared/data/csv';

export async function analyse(
  dataPath: string,
  settings: AnalysisSettings,
): Promise<AnalysisResult> {
  const dataset = readCsvText(readFileSync(dataPath, 'utf8'), { fileName: 'data.csv' });
  return analysisResult(
    await runAnalysis(dataset, settings),
    settings,
    { file: dataset.fileName, sha256: 'a'.repeat(64) },
    { readSeconds: 0 },
  );
}
