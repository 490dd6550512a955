/**
 * The final path's convergence certificate (shared/solver/certificate.ts), the warning when an
 * answer is far from optimal, and "tighten": refit the λ whose certificate fails at a smaller
 * thresh. Only the final path (the chosen α's, on all training rows) is certified or
 * tightened; CV folds keep the settings' thresh, as cv.glmnet's do.
 *
 * Tightening never changes the default results: it runs only when settings.tighten is set,
 * and then only the failing λ are refitted (an explicit λ sequence of just those, warm-started
 * from each other in decreasing order), each kept only if its certificate improved.
 */
import { plural } from '../plural';
import { FAR_FROM_OPTIMAL, type PathCertificate, pathCertificate } from '../solver/certificate';
import { SolverCancelledError, SolverInputError } from '../solver/errors';
import type { DualSource } from '../solver/glmCertificate';
import { DEFAULT_PATH_OPTIONS, type PathOptions, type PathResult } from '../solver/types';
import { type Warning, warning } from '../warning';
import type { AnalysisExecutor } from './executor';
import type { RowSet } from './run';

/** The smallest thresh tightening goes down to: below it double precision gains nothing. */
export const TIGHTEST_THRESH = 1e-14;

/** What the result records (diagnostics.certificate). */
export interface AnalysisCertificate {
  /** Per λ of the path: the primal objective, glmnet's scaling, original units; null if not computed. */
  objective: (number | null)[];
  /** Per λ: the duality gap, a rigorous bound on objective − optimum. */
  gap: (number | null)[];
  /** Per λ: gap / objective ∈ [0, 1]. */
  relativeGap: (number | null)[];
  /** A relative gap above this is far from optimal (FAR_FROM_OPTIMAL). */
  threshold: number;
  /** When tightening ran: the λ refitted (0-based path indices), the last thresh used, and how many still fail. */
  tightened?: { indices: number[]; thresh: number; stillFailing: number } | undefined;
}

/** The 0-based indices of the λ whose relative gap exceeds the threshold. */
export function failingIndices(relativeGap: readonly (number | null)[]): number[] {
  const out: number[] = [];
  relativeGap.forEach((g, k) => {
    if (g !== null && g > FAR_FROM_OPTIMAL) out.push(k);
  });
  return out;
}

/** The λ a path index was solved at: a default grid's first point is glmnet's λ = ∞ solve. */
const GLMNET_BIG = 9.9e35;
const solvedAt = (path: PathResult, k: number) =>
  k === 0 && path.options.lambda === undefined ? GLMNET_BIG : path.lambda[k]!;

/**
 * The certificate of `path`, tightened when asked: returns the path (with refitted λ spliced
 * in), its certificate and a 'far-from-optimal' warning if any λ still fails. Null
 * certificate when none could be computed.
 */
export async function certifyPath(
  fitted: RowSet,
  path: PathResult,
  options: Partial<PathOptions>,
  tighten: boolean,
  executor: AnalysisExecutor,
  signal?: AbortSignal,
  /** The polished copy, when startPolishedCopy began it beside the fit. */
  early?: PolishedCopy,
): Promise<{ path: PathResult; certificate: AnalysisCertificate | null; warnings: Warning[] }> {
  const raw = pathCertificate(fitted, path);
  if (!raw) {
    early?.cancel();
    return { path, certificate: null, warnings: [] };
  }
  const first = await polishedDual(fitted, path, options, raw, executor, signal, early);
  const certificate: AnalysisCertificate = { ...first, threshold: FAR_FROM_OPTIMAL };
  let current = path;
  if (tighten) {
    const refitted = new Set<number>();
    let thresh = path.options.thresh;
    let failing = failingIndices(certificate.relativeGap);
    while (failing.length > 0 && thresh > TIGHTEST_THRESH) {
      // Rounded so that 1e-7 / 100 reads 1e-9, not 9.999999999999999e-10.
      thresh = Math.max(TIGHTEST_THRESH, Number((thresh / 100).toPrecision(12)));
      const refit = await executor.runPath(
        { design: fitted.design, y: fitted.y },
        {
          ...options,
          lambda: failing.map((k) => solvedAt(current, k)),
          thresh,
          // A tighter thresh takes more passes; glmnet's cap for the whole path would end
          // the refit early.
          maxIter: Math.min(100_000_000, (options.maxIter ?? 100_000) * 100),
          maxIterPerLambda: undefined,
        },
        undefined,
        signal,
      );
      const refitCertificate = pathCertificate(fitted, refit);
      if (!refitCertificate) break;
      current = spliced(current, refit, failing, certificate, refitCertificate, refitted);
      failing = failingIndices(certificate.relativeGap);
    }
    certificate.tightened = {
      indices: [...refitted].sort((a, b) => a - b),
      thresh,
      stillFailing: failing.length,
    };
  }
  return { path: current, certificate, warnings: farFromOptimal(current, certificate) };
}

/** The thresh of the copy that polishedDual builds its dual points from. */
const POLISH_THRESH = 1e-10;
/**
 * The budget of a copy begun beside the fit, in sweeps per λ of the grid: its path's sweeps are
 * not known yet, so not three times them (polishedDual), but about that for a typical path
 * (glmnet takes 5–10 sweeps a λ at its default thresh).
 */
const EARLY_SWEEPS_PER_LAMBDA = 20;

/** A polished copy under way on another thread (startPolishedCopy). */
export interface PolishedCopy {
  /** The copy, or undefined if it could not be fitted (out of budget before its first λ). */
  copy: Promise<PathResult | undefined>;
  /** Not needed after all: stop it. */
  cancel(): void;
}

/**
 * The copy polishedDual needs, begun on another thread before the fit itself, when the
 * executor has one to spare (runPathAside) and the family is one whose gaps are polished: it
 * then costs the wait for whatever of it outlasts the fit and the raw gaps, not the whole of
 * it after them. Cancelled unused when no λ fails. Same options as the fit (so the same λ
 * grid), at POLISH_THRESH, with a budget fixed before the fit (EARLY_SWEEPS_PER_LAMBDA).
 */
export function startPolishedCopy(
  fitted: RowSet,
  options: Partial<PathOptions>,
  executor: AnalysisExecutor,
  signal?: AbortSignal,
): PolishedCopy | undefined {
  const family = options.family ?? 'gaussian';
  if (family === 'gaussian' || !executor.runPathAside) return undefined;
  const stop = new AbortController();
  const cancel = () => stop.abort();
  signal?.addEventListener('abort', cancel, { once: true });
  const grid = options.lambda?.length ?? options.nlambda ?? DEFAULT_PATH_OPTIONS.nlambda;
  const copy = executor
    .runPathAside(
      { design: fitted.design, y: fitted.y },
      {
        ...options,
        thresh: Math.min(POLISH_THRESH, options.thresh ?? DEFAULT_PATH_OPTIONS.thresh),
        maxIter: Math.max(100, EARLY_SWEEPS_PER_LAMBDA * grid),
        maxIterPerLambda: undefined,
      },
      stop.signal,
    )
    .then(
      (path): PathResult | undefined => path,
      (error: unknown) => {
        // The analysis cancelled (not cancel() here): that propagates to whoever awaits it.
        if (error instanceof SolverCancelledError && !stop.signal.aborted) throw error;
        // Out of budget before the first λ, cancelled unused, a thread lost: the raw gaps stand.
        return undefined;
      },
    )
    .finally(() => signal?.removeEventListener('abort', cancel));
  // Awaited only if some λ fails: never an unhandled rejection otherwise.
  copy.catch(() => {});
  return { copy, cancel };
}

/**
 * A binomial or Poisson answer's gap, when built from its own μ, can exceed the threshold
 * although the answer is close to optimal: with no polish step (the gaussian certificate
 * polishes a copy of the residual itself) the dual point inherits the answer's whole KKT
 * violation. For the λ that fail, refit a copy at a tight thresh and build their dual points
 * from it instead — the bound is still on the answer's own objective, the answer itself is
 * kept — and keep whichever gap is smaller. Only the failing λ pay for the refit, so a
 * well-converged path costs nothing more; the refit's sweeps are capped at three times the path's,
 * so a hard one (a nearly saturated logistic path) costs about one more fit, and the λ it does
 * not reach keep the looser bound: flagged as "may be far", never proven close by mistake.
 */
async function polishedDual(
  fitted: RowSet,
  path: PathResult,
  options: Partial<PathOptions>,
  raw: PathCertificate,
  executor: AnalysisExecutor,
  signal?: AbortSignal,
  early?: PolishedCopy,
): Promise<PathCertificate> {
  const family = path.options.family ?? 'gaussian';
  const failing = failingIndices(raw.relativeGap);
  if (family === 'gaussian' || failing.length === 0) {
    early?.cancel();
    return raw;
  }
  const copy = early
    ? await earlyCopy(early, path)
    : await copyAfterFit(fitted, path, options, failing.at(-1)!, executor, signal);
  if (!copy) return raw;
  const dualFrom = new Map<number, DualSource>();
  for (const k of failing)
    if (k < copy.lambda.length) dualFrom.set(k, { a0: copy.a0[k]!, beta: copy.beta[k]! });
  const polished = pathCertificate(fitted, path, dualFrom);
  if (!polished) return raw;
  const out: PathCertificate = {
    objective: [...raw.objective],
    gap: [...raw.gap],
    relativeGap: [...raw.relativeGap],
  };
  for (const k of failing) {
    const g = polished.relativeGap[k];
    if (g === null || g === undefined || g >= (raw.relativeGap[k] ?? Infinity)) continue;
    out.gap[k] = polished.gap[k]!;
    out.relativeGap[k] = g;
  }
  return out;
}

/** The copy polishedDual builds its dual points from, fitted now, down to the λ `last`. */
function copyAfterFit(
  fitted: RowSet,
  path: PathResult,
  options: Partial<PathOptions>,
  last: number,
  executor: AnalysisExecutor,
  signal?: AbortSignal,
): Promise<PathResult | undefined> {
  return (
    executor
      .runPath(
        { design: fitted.design, y: fitted.y },
        {
          ...options,
          // Every λ down to the last failing one, warm-started along the path as the fit was: a
          // cold start at a small λ alone costs far more.
          lambda: path.lambda.slice(0, last + 1).map((_, k) => solvedAt(path, k)),
          thresh: Math.min(POLISH_THRESH, path.options.thresh),
          // A budget, not a goal: at most three times the sweeps the whole path took (glmnet's
          // maxit counts them over the path), so certifying never costs much more than fitting.
          // λ the copy does not reach keep their own, looser, gap.
          maxIter: Math.max(100, 3 * path.diagnostics.sweeps.reduce((sum, s) => sum + s, 0)),
          maxIterPerLambda: undefined,
        },
        undefined,
        signal,
      )
      // Out of budget before the first λ: the raw gaps stand (cancellation still propagates).
      .catch((error: unknown) => {
        if (error instanceof SolverInputError) return undefined;
        throw error;
      })
  );
}

/**
 * The early copy's answers at the λ it shares with the path: the same grid, as far as both
 * went (a copy at a smaller thresh may end the path at another λ), so only its leading λ equal
 * to the path's are kept.
 */
async function earlyCopy(early: PolishedCopy, path: PathResult): Promise<PathResult | undefined> {
  const copy = await early.copy;
  if (!copy) return undefined;
  let same = 0;
  while (same < Math.min(copy.lambda.length, path.lambda.length)) {
    if (copy.lambda[same] !== path.lambda[same]) break;
    same++;
  }
  return { ...copy, lambda: copy.lambda.slice(0, same) };
}

/**
 * The path with the refit's answers in place of the failing λ whose certificate improved
 * (a refit that ran out of passes returns fewer λ: the rest keep theirs).
 */
function spliced(
  path: PathResult,
  refit: PathResult,
  failing: readonly number[],
  certificate: AnalysisCertificate,
  refitCertificate: NonNullable<ReturnType<typeof pathCertificate>>,
  refitted: Set<number>,
): PathResult {
  const next = {
    ...path,
    a0: [...path.a0],
    beta: [...path.beta],
    df: [...path.df],
    devRatio: [...path.devRatio],
  };
  failing.forEach((k, r) => {
    const gap = refitCertificate.relativeGap[r];
    const before = certificate.relativeGap[k];
    if (r >= refit.lambda.length || gap === null || gap === undefined) return;
    if (before !== null && before !== undefined && gap >= before) return;
    next.a0[k] = refit.a0[r]!;
    next.beta[k] = refit.beta[r]!;
    next.df[k] = refit.df[r]!;
    // The λ = ∞ point's deviance ratio stays the path's (path.ts reports it as 0 unless
    // unpenalized columns are fitted; the refit at a huge λ is the same fit).
    if (!(k === 0 && path.options.lambda === undefined)) next.devRatio[k] = refit.devRatio[r]!;
    certificate.objective[k] = refitCertificate.objective[r]!;
    certificate.gap[k] = refitCertificate.gap[r]!;
    certificate.relativeGap[k] = gap;
    refitted.add(k);
  });
  return next;
}

/**
 * The certificate in one sentence, for the CLI summary, the report's diagnostics and the app:
 * the worst relative gap, how many λ fail, and what tightening did.
 */
export function describeCertificate(certificate: AnalysisCertificate): string {
  const known = certificate.relativeGap.filter((g): g is number => g !== null);
  if (known.length === 0) return 'not computed (too many unpenalized columns)';
  const worst = Math.max(...known);
  const failing = failingIndices(certificate.relativeGap).length;
  const status =
    failing === 0
      ? `within ${percent(worst)} of the optimal objective at every λ (duality gap)`
      : `${plural(failing, 'λ', 'λ')} of ${certificate.relativeGap.length} may be far from optimal (duality gap up to ${percent(worst)} of the objective, flagged above ${certificate.threshold})`;
  const t = certificate.tightened;
  if (!t) return status;
  return `${status}; tightened ${plural(t.indices.length, 'λ', 'λ')} down to thresh ${t.thresh}`;
}

const percent = (fraction: number) =>
  fraction >= 0.01 ? `${(fraction * 100).toPrecision(2)}%` : fraction.toExponential(1);

/** One warning naming the λ range whose certificate fails, and the worst relative gap. */
function farFromOptimal(path: PathResult, certificate: AnalysisCertificate): Warning[] {
  const failing = failingIndices(certificate.relativeGap);
  if (failing.length === 0) return [];
  const lambdas = failing.map((k) => path.lambda[k]!);
  const worst = Math.max(...failing.map((k) => certificate.relativeGap[k]!));
  const range =
    failing.length === 1
      ? `λ = ${lambdas[0]!.toPrecision(3)}`
      : `λ from ${Math.max(...lambdas).toPrecision(3)} to ${Math.min(...lambdas).toPrecision(3)}`;
  const tried = certificate.tightened
    ? ` Tightening to thresh ${certificate.tightened.thresh} did not close the gap there; the problem may be too ill-conditioned for coordinate descent (rescale or drop collinear features).`
    : ' Tighten these λ (--tighten) to refit them at a smaller thresh.';
  return [
    warning(
      'far-from-optimal',
      `At ${plural(failing.length, 'λ', 'λ')} of ${path.lambda.length} (${range}) the answer may be far from optimal: its objective may exceed the optimum by up to ${percent(worst)} (duality gap; above ${FAR_FROM_OPTIMAL} is flagged).${tried}`,
    ),
  ];
}
