/** Tabular exports of a result: the coefficients along the whole path, as CSV. */
import Papa from 'papaparse';
import type { ResultLike } from '../ipc/contract';

export function coefficientsCsv(result: ResultLike): string {
  const fields = ['lambda', 'nonzero', 'dev_ratio', '(intercept)', ...result.columns];
  const data = result.path.lambda.map((lambda, k) => [
    lambda,
    result.path.df[k],
    result.path.devRatio[k],
    result.path.a0[k],
    ...result.path.beta[k]!,
  ]);
  // Papa quotes names with commas, quotes or newlines; a leading = + - @ is defused for spreadsheets.
  return `${Papa.unparse({ fields, data }, { escapeFormulae: true, newline: '\n' })}\n`;
}
