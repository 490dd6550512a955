/** An analysis of a CSV file through runAnalysis and analysisResult, as the app makes it. */
import { readFileSync } from 'node:fs';
import { type AnalysisResult, analysisResult } from '../../shared/analysis/result';
import { runAnalysis } from '../../shared/analysis/run';
import type { AnalysisSettings } from '../../shared/analysis/settings';
import { type ReadOptions, readCsvText } from '../../shared/data/csv';

export async function analyse(
  dataPath: string,
  settings: AnalysisSettings,
  read: Omit<ReadOptions, 'fileName'> = {},
): Promise<AnalysisResult> {
  const dataset = readCsvText(readFileSync(dataPath, 'utf8'), { ...read, fileName: 'data.csv' });
  return analysisResult(
    await runAnalysis(dataset, settings),
    settings,
    { file: dataset.fileName, sha256: 'a'.repeat(64), columnTypes: dataset.columnTypes },
    { readSeconds: 0 },
  );
}
