/**
 * Pure transforms of a result's stability block for the app: the lines the stability chart
 * draws (computed once per result) and the selected set for Λ ending at the λ on screen.
 */
import type { AnalysisResult } from '../../shared/analysis/result';
import {
  type StabilityBlock,
  type StableSelection,
  stabilityInput,
  stableSelection,
} from '../../shared/analysis/stability';
import { PALETTE } from '../../shared/report/palette';

/** The chart draws at most this many columns: those that reach the highest probability. */
export const STABILITY_LINES = 20;

export interface StabilityLines {
  /** One point per λ: log λ and, per shown column, its probability (values[i] of columns[i]). */
  points: { logLambda: number; values: number[] }[];
  columns: { column: number; name: string; color: string; peak: number }[];
  /** Columns that ever reach a probability above 0 (the chart may show fewer). */
  reaching: number;
}

export function stabilityLines(result: AnalysisResult): StabilityLines {
  const block = result.stability!;
  const p = block.probability[0]?.length ?? 0;
  const uncounted = new Set(block.uncounted);
  const peak = new Float64Array(p);
  for (const row of block.probability)
    for (let j = 0; j < p; j++) peak[j] = Math.max(peak[j]!, row[j]!);
  const ranked = Array.from({ length: p }, (_, j) => j)
    .filter((j) => !uncounted.has(j) && peak[j]! > 0)
    .sort((a, b) => peak[b]! - peak[a]! || a - b);
  const columns = ranked.slice(0, STABILITY_LINES).map((column, i) => ({
    column,
    name: result.columns[column]!,
    color: PALETTE[i % PALETTE.length]!,
    peak: peak[column]!,
  }));
  return {
    points: result.path.lambda.map((lambda, l) => ({
      logLambda: Math.log(lambda),
      values: columns.map(({ column }) => block.probability[l]![column]!),
    })),
    columns,
    reaching: ranked.length,
  };
}

/** The selected set for Λ = the first λ down to λ index `last` (the app's λ control). */
export function selectionAt(block: StabilityBlock, last: number): StableSelection {
  return stableSelection(stabilityInput(block), last);
}
