/**
 * Stability selection as the analysis reports it: selection probabilities per design column
 * and λ (shared/solver/stability.ts), the selected set at a threshold π over a λ range Λ, and
 * the bound on the expected number of false selections, with the assumptions it rests on.
 *
 * Features are design columns: a level of a categorical feature is a column of its own, as in
 * the path chart, because the lasso selects columns and the bound's p counts them. Columns
 * that are not penalized (factor 0, always in the model) or excluded (Inf, never) cannot be
 * selected by chance or at all: they are left out of p, q and the selected set.
 *
 * Λ is {λ_0 ≥ … ≥ λ_l}, the first λ of the path down to λ_l. Unless the settings fix λ_l, it
 * is the lowest λ whose bound is still at most 1 expected false selection (so the range is as
 * wide as the bound allows); the app lets the λ control move it.
 */
import {
  complementaryPairs,
  type SelectionProbabilities,
  selectionProbabilities,
} from '../solver/stability';
import type { PathOptions } from '../solver/types';
import { type Warning, warning } from '../warning';
import type { AnalysisExecutor, PathProblem } from './executor';
import type { AnalysisResult } from './result';
import type { StabilitySettings } from './schema';

/** The selected set for Λ = the first λ down to index `last`. */
export interface StableSelection {
  last: number;
  /** q: the mean number of (penalized) columns a subsample selects somewhere in Λ. */
  q: number;
  /** q² / ((2π − 1)·p): MB's Theorem 1, and Shah & Samworth's for CPSS (see BOUND_ASSUMPTIONS). */
  bound: number;
  /** Columns with max_{λ∈Λ} Π̂ ≥ π, most stable first. */
  selected: { column: number; maxProbability: number }[];
}

export interface StabilityInput {
  probability: ArrayLike<number>;
  meanSelected: ArrayLike<number>;
  lambdas: number;
  p: number;
  threshold: number;
  /** Columns that can be selected (penalized, not excluded). */
  counted: (column: number) => boolean;
  penalized: number;
}

/** The expected false selections bound for q, π and p (∞ when p is 0). */
export function falseSelectionBound(q: number, threshold: number, p: number): number {
  return p > 0 ? (q * q) / ((2 * threshold - 1) * p) : Number.POSITIVE_INFINITY;
}

export function stableSelection(input: StabilityInput, last: number): StableSelection {
  const { probability, meanSelected, p, threshold, counted, penalized } = input;
  const q = meanSelected[last] ?? 0;
  const selected: StableSelection['selected'] = [];
  for (let j = 0; j < p; j++) {
    if (!counted(j)) continue;
    let max = 0;
    for (let l = 0; l <= last; l++) max = Math.max(max, probability[l * p + j]!);
    // Π̂ is a count over 2B; compare with a small tolerance so that π = 0.6 of 100 keeps 60.
    if (max >= threshold - 1e-12) selected.push({ column: j, maxProbability: max });
  }
  selected.sort((a, b) => b.maxProbability - a.maxProbability || a.column - b.column);
  return { last, q, bound: falseSelectionBound(q, threshold, penalized), selected };
}

/** The default Λ: down to the lowest λ whose bound is ≤ 1 (the first λ when none is). */
export function defaultRangeEnd(input: StabilityInput): number {
  let last = 0;
  for (let l = 0; l < input.lambdas; l++) {
    if (falseSelectionBound(input.meanSelected[l]!, input.threshold, input.penalized) <= 1)
      last = l;
    else break;
  }
  return last;
}

/** The index of the path λ nearest to `lambda` on the log scale. */
export function nearestLambdaIndex(lambdas: readonly number[], lambda: number): number {
  let best = 0;
  for (let l = 1; l < lambdas.length; l++)
    if (Math.abs(Math.log(lambdas[l]! / lambda)) < Math.abs(Math.log(lambdas[best]! / lambda)))
      best = l;
  return best;
}

/**
 * The bound's assumptions, in words, for every place that shows the bound (app, report, CLI).
 */
export const BOUND_ASSUMPTIONS = [
  'Meinshausen & Bühlmann (2010, Theorem 1): E[V] ≤ q² / ((2π − 1)·p) for π in (0.5, 1], if the distribution of the indicators of the noise variables is exchangeable and the lasso on the subsamples is not worse than random guessing; it is stated for subsamples of ⌊n/2⌋ rows.',
  "Shah & Samworth (2013, Theorem 1 and its corollary), for these complementary pairs: without any assumption, the expected number of selected variables among those that a fit on ⌊n/2⌋ rows selects with probability at most q/p (no more often than at random) is at most q² / ((2π − 1)·p); with Meinshausen & Bühlmann's assumptions that is the same bound on false selections. Their sharper bounds under r-concavity are not computed here.",
  'q is estimated: the mean, over the subsamples, of the number of columns each selects anywhere in the λ range; the theorems use its expectation. Unpenalized and excluded columns are left out of p and q.',
] as const;

export function summarizeSelection(
  probabilities: SelectionProbabilities,
  shape: { lambdas: number; p: number; threshold: number; counted: (column: number) => boolean },
  givenLast?: number,
): { input: StabilityInput; selection: StableSelection; rule: 'bound' | 'given' } {
  let penalized = 0;
  for (let j = 0; j < shape.p; j++) if (shape.counted(j)) penalized++;
  const input: StabilityInput = { ...probabilities, ...shape, penalized };
  const last = givenLast ?? defaultRangeEnd(input);
  return {
    input,
    selection: stableSelection(input, last),
    rule: givenLast === undefined ? 'bound' : 'given',
  };
}

/** The result's stability block (exactly as AnalysisResult carries it). */
export type StabilityBlock = NonNullable<AnalysisResult['stability']>;

/**
 * Run stability selection for an analysis: 2·pairs subsamples of the fitted rows on the
 * executor (the worker pool runs them in parallel, as CV folds), each on `lambda`, then the
 * probabilities and the selected set. `onSubsample` is told after each subsample.
 */
export async function runStability(
  executor: AnalysisExecutor,
  problem: PathProblem,
  options: Partial<PathOptions>,
  lambda: number[],
  columns: readonly { name: string }[],
  settings: StabilitySettings,
  onSubsample?: (done: number, total: number) => void,
  signal?: AbortSignal,
): Promise<{ block: StabilityBlock; warnings: Warning[] }> {
  const started = performance.now();
  const subsamples = complementaryPairs(problem.design.n, settings.pairs, settings.seed);
  const tasks = subsamples.map((rows, index) => ({ index, rows, options, lambda }));
  let done = 0;
  const fits = await executor.runSubsamples(
    problem,
    tasks,
    () => onSubsample?.(++done, tasks.length),
    signal,
  );
  const { p } = problem.design;
  const factors = options.penaltyFactor;
  const counted = (j: number) => {
    const factor = factors?.[j] ?? 1;
    return factor > 0 && Number.isFinite(factor);
  };
  const L = lambda.length;
  const probabilities = selectionProbabilities(fits, L, p, counted);
  const givenLast =
    settings.lambda === undefined ? undefined : nearestLambdaIndex(lambda, settings.lambda);
  const { input, selection, rule } = summarizeSelection(
    probabilities,
    { lambdas: L, p, threshold: settings.threshold, counted },
    givenLast,
  );
  const warnings: Warning[] = [];
  const short = fits.filter((fit) => fit.solved < L);
  // One warning per kind, not one per subsample (100 copies of a constant column's would bury the rest).
  const byCode = new Map<string, { first: Warning; subsamples: number }>();
  // Constant columns by name, with how many subsamples each was constant in (a rare level).
  const constantIn = new Map<number, number>();
  for (const fit of fits)
    for (const j of fit.constantColumns) constantIn.set(j, (constantIn.get(j) ?? 0) + 1);
  if (constantIn.size > 0) {
    const names = [...constantIn].map(
      ([j, count]) => `'${columns[j]!.name}' (in ${count} of ${fits.length})`,
    );
    warnings.push({
      code: 'constant-column',
      columns: [...constantIn.keys()].map((j) => columns[j]!.name),
      message: `Constant on the rows of some stability half-samples, so not selectable there: ${names.join(', ')}.`,
    });
  }
  for (const fit of fits)
    for (const code of new Set(fit.warnings.map((w) => w.code))) {
      if (code === 'constant-column') continue;
      const seen = byCode.get(code);
      if (seen) seen.subsamples++;
      else byCode.set(code, { first: fit.warnings.find((w) => w.code === code)!, subsamples: 1 });
    }
  for (const { first, subsamples: count } of byCode.values())
    warnings.push({
      code: first.code,
      message: `${first.message} (in ${count} of ${fits.length} stability subsamples)`,
    });
  if (short.length > 0)
    warnings.push(
      warning(
        'max-iter-reached',
        `${short.length} of ${fits.length} stability subsamples ran out of passes (maxIter) before the last λ; at the λ they did not reach they count as selecting nothing. Raise maxIter.`,
      ),
    );
  const probability = Array.from({ length: L }, (_, l) =>
    Array.from(probabilities.probability.subarray(l * p, (l + 1) * p)),
  );
  const uncounted: number[] = [];
  for (let j = 0; j < p; j++) if (!counted(j)) uncounted.push(j);
  return {
    block: {
      pairs: settings.pairs,
      subsamples: subsamples.length,
      subsampleSize: Math.floor(problem.design.n / 2),
      threshold: settings.threshold,
      seed: settings.seed,
      probability,
      meanSelected: Array.from(probabilities.meanSelected),
      uncounted,
      penalized: input.penalized,
      rangeEnd: selection.last,
      rangeRule: rule,
      q: selection.q,
      bound: Number.isFinite(selection.bound) ? selection.bound : null,
      selected: selection.selected.map((s) => ({ ...s, name: columns[s.column]!.name })),
      seconds: (performance.now() - started) / 1000,
    },
    warnings,
  };
}

/** The selection input of a result's block (for views that move Λ with the λ control). */
export function stabilityInput(block: StabilityBlock): StabilityInput {
  const p = block.probability[0]?.length ?? 0;
  const flat = new Float64Array(block.probability.length * p);
  block.probability.forEach((row, l) => {
    flat.set(row, l * p);
  });
  const uncounted = new Set(block.uncounted);
  return {
    probability: flat,
    meanSelected: block.meanSelected,
    lambdas: block.probability.length,
    p,
    threshold: block.threshold,
    counted: (j) => !uncounted.has(j),
    penalized: block.penalized,
  };
}

/** A number for sentences: 4 significant digits. */
function short(value: number): string {
  if (value === 0) return '0';
  const magnitude = Math.abs(value);
  if (magnitude >= 1e6 || magnitude < 1e-3) return value.toExponential(3);
  return Number(value.toPrecision(4)).toString();
}

/**
 * The stability selection in sentences, for the CLI and the report (the app lays the same
 * facts out itself): what was run, the range, the bound. Names are the caller's to escape.
 */
export function stabilitySentences(
  block: StabilityBlock,
  lambda: readonly number[],
  selection: Pick<StableSelection, 'last' | 'q' | 'bound'> = {
    last: block.rangeEnd,
    q: block.q,
    bound: block.bound ?? Number.POSITIVE_INFINITY,
  },
): { run: string; range: string; bound: string } {
  const rangeWhy =
    selection.last === block.rangeEnd
      ? block.rangeRule === 'bound'
        ? ' (the lowest λ whose bound is at most 1)'
        : ' (as set)'
      : '';
  return {
    run: `${block.pairs} complementary pairs: ${block.subsamples} half-samples of ${block.subsampleSize} rows (seed ${block.seed}), each fitted on the path's ${lambda.length} λ values; threshold π = ${block.threshold}`,
    range: `λ range Λ: from ${short(lambda[0]!)} down to ${short(lambda[selection.last]!)}${rangeWhy}`,
    bound: Number.isFinite(selection.bound)
      ? `expected false selections E[V] ≤ q² / ((2π − 1)·p) = ${short(selection.bound)}, with q = ${short(selection.q)} (mean selected per half-sample in Λ) and p = ${block.penalized} penalized columns`
      : 'no column is penalized, so there is no bound',
  };
}
