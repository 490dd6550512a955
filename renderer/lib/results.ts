/**
 * Pure transforms from a fit result to what the charts and tables draw. Charts never compute:
 * every number they show comes from here, and these functions are unit-tested.
 *
 * Shapes: result.path.beta is L × p (λ-major); a "λ index" is a row of it.
 */
import {
  shownCoefficients,
  shownCount,
  shownEntryIndices,
} from '../../shared/analysis/coefficientNoise';
import type { CoefficientScale } from '../../shared/analysis/coefficientScale';
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
  /** Coefficient of each drawn series at this λ (original scale or standardized), in series order. */
  values: number[];
  /** Nonzero coefficients of the fit at this λ (glmnet's df), for the top axis. */
  nzero: number;
}

export interface PathSeries {
  points: PathPoint[];
  /** The drawn lines: the first PATH_LINES design columns to enter the path, in entry order. */
  series: { column: number; name: string; color: string }[];
  /** How many design columns leave zero somewhere on the path (drawn or not). */
  entered: number;
}

export type { CoefficientScale, ScaleProposal } from '../../shared/analysis/coefficientScale';
export {
  powerOfTen,
  proposeCoefficientScale,
  STANDARDIZE_FROM_ORDERS,
  scaleReason,
} from '../../shared/analysis/coefficientScale';

/** The most lines the coefficient path draws: beyond that a chart is ink, not information. */
export const PATH_LINES = 60;

/**
 * One line per design column against log λ, on the original scale or standardized
 * (β_j·sd_j/sd_y: comparable across features measured in different units), for the columns
 * that ever leave zero, the first `maxLines` to do so (ties in column order). Only those
 * columns are read: a 20 000-column result costs one pass to find them (entryIndices, shared
 * with the table) and L × maxLines values, not L × p.
 */
export function pathSeries(
  result: AnalysisResult,
  scale: CoefficientScale = 'original',
  maxLines = PATH_LINES,
): PathSeries {
  const { xSd, ySd } = result.standardization;
  const entry = entryIndicesOf(result, '');
  const never = result.path.lambda.length;
  const entering = result.columns
    .map((_, j) => j)
    .filter((j) => entry[j]! < never)
    .sort((a, b) => entry[a]! - entry[b]! || a - b);
  const drawn = entering.slice(0, Math.max(0, maxLines));
  const factor = drawn.map((j) => (scale === 'standardized' && ySd > 0 ? xSd[j]! / ySd : 1));
  return {
    points: result.path.lambda.map((lambda, index) => {
      const row = result.path.beta[index]!;
      return {
        index,
        lambda,
        logLambda: Math.log(lambda),
        values: drawn.map((j, i) => row[j]! * factor[i]!),
        nzero: result.path.df[index]!,
      };
    }),
    series: drawn.map((column) => ({
      column,
      name: result.columns[column]!,
      color: colorFor(column),
    })),
    entered: entering.length,
  };
}

/** Ticks for a top axis: about eight λ positions (log λ), to be labelled with their feature counts. */
export function featureCountTicks(points: readonly { logLambda: number }[]): number[] {
  const step = Math.max(1, Math.floor(points.length / 8));
  return points.filter((_, i) => i % step === 0).map((p) => p.logLambda);
}

/** The feature count at the point nearest a log λ (the top axis's label for a tick). */
export function featureCountAt(
  points: readonly { logLambda: number; nzero: number }[],
  logLambda: number,
): number {
  let best = points[0];
  for (const p of points)
    if (Math.abs(p.logLambda - logLambda) < Math.abs(best!.logLambda - logLambda)) best = p;
  return best?.nzero ?? 0;
}

/**
 * The lines to label at the small-λ end of the path: the `limit` drawn series (their indices
 * in `data.series`) with the largest |coefficient| at the smallest λ, zeros left out, largest
 * first; the highlighted design column's line is always among them.
 */
export function endLabelColumns(data: PathSeries, limit: number, highlight?: number): number[] {
  const last = data.points.at(-1);
  if (!last || limit < 1) return [];
  const size = (i: number) => Math.abs(last.values[i] ?? 0);
  const ranked = data.series
    .map((_, i) => i)
    .filter((i) => size(i) > 0)
    .sort((a, b) => size(b) - size(a) || a - b);
  const chosen = ranked.slice(0, limit);
  const wanted = data.series.findIndex((s) => s.column === highlight);
  if (wanted >= 0 && size(wanted) > 0 && !chosen.includes(wanted)) {
    chosen[chosen.length - 1] = wanted;
  }
  return chosen;
}

/**
 * Label positions nudged apart: each label wants to sit at `wanted[i]` (pixels, any order);
 * the result keeps their order, leaves at least `gap` between neighbours and stays within
 * [top, bottom] when they fit (else they start at top), moving them as little as it can
 * (clusters are centred on the mean of what they want).
 */
export function spreadLabels(
  wanted: readonly number[],
  gap: number,
  top: number,
  bottom: number,
): number[] {
  const order = wanted.map((_, i) => i).sort((a, b) => wanted[a]! - wanted[b]! || a - b);
  // Blocks of labels pushed together. `sum` is Σ (wanted − k·gap) over the block's labels (k
  // the label's place in it), so sum / count is where its first label would best go.
  const blocks: { start: number; count: number; sum: number }[] = [];
  const place = (block: { count: number; sum: number }) => {
    const span = (block.count - 1) * gap;
    return Math.min(Math.max(block.sum / block.count, top), Math.max(top, bottom - span));
  };
  for (const [position, i] of order.entries()) {
    blocks.push({ start: position, count: 1, sum: wanted[i]! });
    while (blocks.length > 1) {
      const last = blocks.at(-1)!;
      const previous = blocks.at(-2)!;
      if (place(previous) + previous.count * gap <= place(last) + 1e-9) break;
      // The two overlap: one block, each label wanting its own position less its offset.
      blocks.pop();
      previous.sum += last.sum - last.count * previous.count * gap;
      previous.count += last.count;
    }
  }
  const out = new Array<number>(wanted.length);
  for (const block of blocks) {
    const first = place(block);
    for (let k = 0; k < block.count; k++) out[order[block.start + k]!] = first + k * gap;
  }
  return out;
}

/** A name cut to `max` characters with an ellipsis (the full name goes in a title). */
export function truncateName(name: string, max: number): string {
  const chars = [...name];
  return chars.length <= max ? name : `${chars.slice(0, max - 1).join('')}…`;
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

/**
 * Which predictions the plots show at λ index `index` when the user asked for `chosen`: the
 * fit's own, the out-of-fold ones where the result kept them (at λ_min and λ_1se always, at
 * every λ with cv.keep), or none (`unavailable`: out of fold asked for at a λ without them).
 * Results without CV, or saved before out-of-fold predictions were recorded, have only the fit's.
 */
export function predictionRowsAt(
  result: AnalysisResult,
  chosen: 'fitted' | 'outOfFold',
  index: number,
): 'fitted' | 'outOfFold' | 'unavailable' {
  const cv = result.cv;
  if (chosen === 'fitted' || !cv?.outOfFold) return 'fitted';
  if (cv.outOfFold.fitPreval || index === cv.indexMin || index === cv.index1se) return 'outOfFold';
  return 'unavailable';
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
  /** exp(β): the odds or rate ratio per unit of the feature, and per sd of it. */
  ratioPerUnit: number;
  ratioPerSd: number;
  /** Largest λ at which the coefficient is nonzero (where it entered the path). */
  enteredAt: number;
  /** Fraction of CV folds whose fit selects it at this λ; null without CV. */
  selectionFrequency: number | null;
}

export function selectedFeatures(result: AnalysisResult, index: number): SelectedFeature[] {
  const { beta, lambda } = result.path;
  const { xSd, ySd } = result.standardization;
  const entry = entryIndicesOf(result, '');
  // Rounding noise reads as 0 (shared/analysis/coefficientNoise.ts).
  const shown = shownCoefficients(beta[index]!, xSd);
  const rows: SelectedFeature[] = [];
  result.columns.forEach((column, j) => {
    const coefficient = shown[j]!;
    if (coefficient === 0) return;
    const entered = entry[j]!;
    rows.push({
      column,
      coefficient,
      standardized: ySd > 0 ? (coefficient * xSd[j]!) / ySd : 0,
      ratioPerUnit: Math.exp(coefficient),
      ratioPerSd: Math.exp(coefficient * xSd[j]!),
      enteredAt: lambda[entered]!,
      // A compared α shown in place of the chosen one has no per-fold selection kept.
      selectionFrequency: result.cv?.selectionFrequency[index]?.[j] ?? null,
    });
  });
  return rows;
}

export type SortKey =
  | 'column'
  | 'coefficient'
  | 'standardized'
  | 'ratioPerUnit'
  | 'ratioPerSd'
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
    // A ratio's effect is its distance from 1 on the log scale (½ as strong as 2).
    if (key === 'ratioPerUnit' || key === 'ratioPerSd') return Math.abs(Math.log(row[key]));
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
  /** One range for both axes of predicted-vs-actual, so y = x is the diagonal. */
  range: [number, number];
  /** The residual axis, symmetric around 0 so the sign reads at a glance. */
  residualRange: [number, number];
} {
  const points = predictions.actual.map((actual, i) => {
    const predicted = predictions.predicted[i]!;
    return { actual, predicted, residual: actual - predicted };
  });
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  let largest = 0;
  for (const p of points) {
    lo = Math.min(lo, p.actual, p.predicted);
    hi = Math.max(hi, p.actual, p.predicted);
    largest = Math.max(largest, Math.abs(p.residual));
  }
  const pad = (hi - lo) * 0.04 || 1;
  const r = largest * 1.08 || 1;
  return { points, range: [lo - pad, hi + pad], residualRange: [-r, r] };
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
  return groupedFormat(digits).format(Number(value.toPrecision(digits)));
}

// One formatter per precision: toLocaleString builds a new Intl.NumberFormat on every call,
// which 600 cells of the column overview felt (70 ms).
const formats = new Map<number, Intl.NumberFormat>();
function groupedFormat(digits: number): Intl.NumberFormat {
  let format = formats.get(digits);
  if (!format) {
    format = new Intl.NumberFormat('en-US', { maximumSignificantDigits: digits });
    formats.set(digits, format);
  }
  return format;
}

export function describeLambda(result: AnalysisResult, index: number): string {
  const lambda = result.path.lambda[index]!;
  const df = shownCount(result.path.beta[index]!, result.standardization.xSd);
  const marks = [
    result.cv?.indexMin === index ? 'λ_min' : '',
    result.cv?.index1se === index ? 'λ_1se' : '',
  ].filter(Boolean);
  return `λ = ${formatNumber(lambda)}${marks.length ? ` (${marks.join(', ')})` : ''}, ${df} feature${df === 1 ? '' : 's'}`;
}

/**
 * Memoize a pure transform of a result by the result's identity (and one small key): a λ step
 * keeps the same result object, so the charts get the very same series back and skip rendering.
 */
export function memoByResult<K extends string, T>(
  compute: (result: AnalysisResult, key: K) => T,
): (result: AnalysisResult, key: K) => T {
  const cache = new WeakMap<AnalysisResult, Map<K, T>>();
  return (result, key) => {
    let byKey = cache.get(result);
    if (!byKey) {
      byKey = new Map();
      cache.set(result, byKey);
    }
    if (!byKey.has(key)) byKey.set(key, compute(result, key));
    return byKey.get(key)!;
  };
}

/** Per design column, the first λ index where its shown coefficient is nonzero (L when never). */
export function entryIndices(result: AnalysisResult): number[] {
  return shownEntryIndices(result.path.beta, result.standardization.xSd);
}
// Computed once per result: selectedFeatures runs on every λ step.
const entryIndicesOf = memoByResult((result) => entryIndices(result));

/**
 * About `count` round tick values covering [lo, hi]: steps of 1, 2 or 5 × 10^k, so the
 * prediction plots read 10, 20, 30 rather than 11.37, 22.74.
 */
export function niceTicks(lo: number, hi: number, count = 5): number[] {
  if (!Number.isFinite(lo) || !Number.isFinite(hi) || hi <= lo) return [lo];
  const raw = (hi - lo) / Math.max(1, count);
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * magnitude).find((s) => s >= raw) ?? 10 * magnitude;
  const ticks: number[] = [];
  for (let v = Math.ceil(lo / step) * step; v <= hi + step * 1e-9; v += step)
    ticks.push(Number((Math.round(v / step) * step).toPrecision(12)) || 0);
  return ticks;
}

/** Log-λ ticks at whole numbers, or at halves when the path spans less than three units. */
export function logLambdaTicks(lo: number, hi: number): number[] {
  if (!Number.isFinite(lo) || !Number.isFinite(hi) || hi <= lo) return [lo];
  const step = hi - lo < 3 ? 0.5 : hi - lo > 12 ? 2 : 1;
  const ticks: number[] = [];
  for (let v = Math.ceil(lo / step) * step; v <= hi + 1e-9; v += step) ticks.push(v);
  return ticks;
}

/**
 * The slider runs the way the charts do (log λ increasing to the right, as glmnet plots it):
 * slider position 0 is the smallest λ. Positions and λ indices (0 = largest λ) map both ways.
 */
export function sliderPosition(result: AnalysisResult, index: number): number {
  return result.path.lambda.length - 1 - index;
}
export const lambdaIndexAt = sliderPosition;
