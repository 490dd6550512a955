/**
 * Pure transforms from a fit result to what the charts and tables draw. Charts never compute:
 * every number they show comes from here, and these functions are unit-tested.
 *
 * Shapes: result.path.beta is L × p (λ-major); a "λ index" is a row of it.
 */
import type { AnalysisResult } from '../../shared/analysis/result';
import type { Predictions } from '../../shared/ipc/contract';
import { PALETTE } from '../../shared/report/palette';

export { PALETTE };

export function colorFor(index: number): string {
  return PALETTE[index % PALETTE.length]!;
}

export interface PathPoint {
  index: number;
  lambda: number;
  logLambda: number;
  /** Coefficient of each column (original scale). */
  values: number[];
}

export interface PathSeries {
  points: PathPoint[];
  series: { column: number; name: string; color: string }[];
}

export type CoefficientScale = 'original' | 'standardized';

/**
 * One line per design column against log λ, on the original scale or standardized
 * (β_j·sd_j/sd_y: comparable across features measured in different units).
 */
export function pathSeries(
  result: AnalysisResult,
  scale: CoefficientScale = 'original',
): PathSeries {
  const { xSd, ySd } = result.standardization;
  const factor = result.columns.map((_, j) =>
    scale === 'standardized' && ySd > 0 ? xSd[j]! / ySd : 1,
  );
  return {
    points: result.path.lambda.map((lambda, index) => ({
      index,
      lambda,
      logLambda: Math.log(lambda),
      values: result.path.beta[index]!.map((b, j) => b * factor[j]!),
    })),
    series: result.columns.map((name, column) => ({ column, name, color: colorFor(column) })),
  };
}

export interface CvPoint {
  index: number;
  lambda: number;
  logLambda: number;
  cvm: number;
  /** Offsets below and above cvm (one standard error each way). */
  error: [number, number];
  cvlo: number;
  cvup: number;
  nzero: number;
}

/** Mean CV error with ±1 SE bars against log λ; empty without CV. */
export function cvErrorBars(result: AnalysisResult): CvPoint[] {
  const cv = result.cv;
  if (!cv) return [];
  return cv.lambda.map((lambda, index) => ({
    index,
    lambda,
    logLambda: Math.log(lambda),
    cvm: cv.cvm[index]!,
    error: [cv.cvm[index]! - cv.cvlo[index]!, cv.cvup[index]! - cv.cvm[index]!],
    cvlo: cv.cvlo[index]!,
    cvup: cv.cvup[index]!,
    nzero: cv.nzero[index]!,
  }));
}

/** λ_1se when there is cross-validation (the default selection), else the smallest λ. */
export function defaultLambdaIndex(result: AnalysisResult): number {
  return result.cv ? result.cv.index1se : result.path.lambda.length - 1;
}

export interface SelectedFeature {
  column: string;
  coefficient: number;
  /** Change in y, in sds of y, per sd of the feature. */
  standardized: number;
  /** Largest λ at which the coefficient is nonzero (where it entered the path). */
  enteredAt: number;
  /** Fraction of CV folds whose fit selects it at this λ; null without CV. */
  selectionFrequency: number | null;
}

export function selectedFeatures(result: AnalysisResult, index: number): SelectedFeature[] {
  const { beta, lambda } = result.path;
  const { xSd, ySd } = result.standardization;
  const rows: SelectedFeature[] = [];
  result.columns.forEach((column, j) => {
    const coefficient = beta[index]![j]!;
    if (coefficient === 0) return;
    const entered = beta.findIndex((row) => row[j] !== 0);
    rows.push({
      column,
      coefficient,
      standardized: ySd > 0 ? (coefficient * xSd[j]!) / ySd : 0,
      enteredAt: lambda[entered]!,
      selectionFrequency: result.cv ? result.cv.selectionFrequency[index]![j]! : null,
    });
  });
  return rows;
}

export type SortKey =
  | 'column'
  | 'coefficient'
  | 'standardized'
  | 'enteredAt'
  | 'selectionFrequency';

/** Sort rows by a key; numbers by magnitude for coefficients (largest effect first when descending). */
export function sortFeatures(
  rows: SelectedFeature[],
  key: SortKey,
  descending: boolean,
): SelectedFeature[] {
  const value = (row: SelectedFeature): number | string => {
    if (key === 'column') return row.column;
    if (key === 'coefficient' || key === 'standardized') return Math.abs(row[key]);
    return row[key] ?? -1;
  };
  const sign = descending ? -1 : 1;
  return [...rows].sort((a, b) => {
    const x = value(a);
    const y = value(b);
    const order = typeof x === 'string' ? x.localeCompare(y as string) : x - (y as number);
    return order * sign || a.column.localeCompare(b.column);
  });
}

export interface PredictionPoint {
  actual: number;
  predicted: number;
  residual: number;
}

export function predictionPoints(predictions: Predictions): {
  points: PredictionPoint[];
  range: [number, number];
} {
  const points = predictions.actual.map((actual, i) => {
    const predicted = predictions.predicted[i]!;
    return { actual, predicted, residual: actual - predicted };
  });
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  for (const p of points) {
    lo = Math.min(lo, p.actual, p.predicted);
    hi = Math.max(hi, p.actual, p.predicted);
  }
  const pad = (hi - lo) * 0.04 || 1;
  return { points, range: [lo - pad, hi + pad] };
}

/** Numbers as an analyst reads them: 4 significant digits, exponent only when needed. */
export function formatNumber(value: number, digits = 4): string {
  if (!Number.isFinite(value)) return '—';
  if (value === 0) return '0';
  const magnitude = Math.abs(value);
  if (magnitude >= 1e5 || magnitude < 1e-3) {
    const [mantissa, exponent] = value.toExponential(digits - 1).split('e');
    return `${Number(mantissa)}e${exponent}`;
  }
  return Number(value.toPrecision(digits)).toLocaleString('en-US', {
    maximumSignificantDigits: digits,
  });
}

export function describeLambda(result: AnalysisResult, index: number): string {
  const lambda = result.path.lambda[index]!;
  const df = result.path.df[index]!;
  const marks = [
    result.cv?.indexMin === index ? 'λ_min' : '',
    result.cv?.index1se === index ? 'λ_1se' : '',
  ].filter(Boolean);
  return `λ = ${formatNumber(lambda)}${marks.length ? ` (${marks.join(', ')})` : ''}, ${df} feature${df === 1 ? '' : 's'}`;
}
