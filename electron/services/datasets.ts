/** Opening datasets: bytes → text → typed columns, with a fingerprint of what was read. */
import { readCsvText } from '../../shared/data/csv';
import type { Dataset } from '../../shared/data/dataset';
import { DataError } from '../../shared/data/errors';
import { readFileBytes } from './files';

export interface LoadedDataset {
  dataset: Dataset;
  path: string;
  sha256: string;
  byteLength: number;
  readSeconds: number;
}

export function decodeText(bytes: Uint8Array, fileName: string): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new DataError(
      'The file is not valid UTF-8 text.',
      { file: fileName },
      'Save it from your spreadsheet as "CSV UTF-8", or check that it is a CSV file at all.',
    );
  }
}

export async function loadDatasetFile(path: string): Promise<LoadedDataset> {
  const started = performance.now();
  const file = await readFileBytes(path);
  const dataset = readCsvText(decodeText(file.bytes, file.fileName), { fileName: file.fileName });
  return {
    dataset,
    path,
    sha256: file.sha256,
    byteLength: file.bytes.byteLength,
    readSeconds: (performance.now() - started) / 1000,
  };
}
