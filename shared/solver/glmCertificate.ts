/**
 * The convergence certificate of a binomial (logit) or Poisson (log) path: per λ, a rigorous
 * duality gap of the answer the path gave, computed from the answer alone (the iterates are
 * never touched, so the default results stay glmnet's). certificate.ts dispatches here.
 *
 * The objective, on the original scale, with the saturated model's loss added so that it is
 * ≥ 0 and a relative gap means something (a constant: it changes neither optimum nor gap):
 *
 *   P(a0, β) = (1/W)·Σ_i w_i·[F(η_i) − y_i·η_i + F*(y_i)] + Σ_j g_j(β_j),
 *   η = a0 + Xβ + offset,   g_j(b) = λ1_j·|b| + (λ2_j/2)·b² (+ the box lower_j ≤ b ≤ upper_j),
 *   λ1_j = λ·α·pf_j·s_j,   λ2_j = λ·(1 − α)·pf_j·s_j²,
 *
 * F(η) = log(1 + e^η) (binomial), e^η (Poisson); F* its conjugate, F*(u) = u·log u +
 * (1 − u)·log(1 − u) on [0, 1] (binomial), u·log u − u on u ≥ 0 (Poisson). The bracket is half
 * the unit deviance (Fenchel–Young: F(η) + F*(y) ≥ y·η). W = Σ w_i, pf rescaled to sum to p as
 * glmnet does, s_j the column's sd when standardizing (else 1): glmnet's penalty is on the
 * standardized coefficient s_j·β_j.
 *
 * The dual. For any dual fitted values u_i in F*'s domain, F(η_i) ≥ u_i·η_i − F*(u_i); with
 * v = w·(y − u)/W this gives, minimizing over a0 and β,
 *
 *   D(u) = (1/W)·Σ_i w_i·[F*(y_i) − F*(u_i)] − vᵀoffset − Σ_j g_j*(X_jᵀv) ≤ min P,
 *
 * valid when 1ᵀv = 0 (intercept) and X_jᵀv = 0 (unpenalized j); g_j*(c) = sup_b [c·b − g_j(b)],
 * attained at b* = clamp(soft(c, λ1_j)/λ2_j, box) (with λ2_j = 0: ∞ once |c| > λ1_j unless the
 * box is finite on that side). So P − D(u) ≥ P − min P ≥ 0. u = y gives D = 0: 0 ≤ gap ≤ P.
 *
 * The dual point as celer builds it: u = y − t·r̃, r̃ the answer's y − μ corrected to meet the
 * equality constraints, t ≥ 0 the best step. The correction is an oblique projection,
 * r̃ = r − V·Bκ with BᵀW(r − V·Bκ) = 0, B = [1, unpenalized columns], V = μ(1 − μ) (binomial) or
 * μ (Poisson), the variance: a row whose μ is near the edge of the domain (μ ≈ 0 or 1) moves
 * only as much as its variance, so u stays in the domain for t near 1 (a plain projection
 * pushes u below 0 on nearly separable rows and forces t = 0). At the optimum r̃ = r, t = 1
 * and u = μ: the gap is 0. D(t) is concave; t is found by safeguarded Newton steps on D' in
 * [0, t_max], t_max keeping u in the domain and every lasso-only column inside its box.
 * A column with a box bound keeps its constraint in g_j* (its conjugate), so limits are handled.
 *
 * η is capped (Poisson, as the solver does, where e^η would overflow); the binomial loss uses a
 * stable softplus, so the objective is the true one even where the solver clamps μ.
 */

import type { CertificateProblem, PathCertificate } from './certificate';
import { rescalePenaltyFactors } from './grid';
import { acquireWorkspace, releaseWorkspace, type Workspace } from './kernels';
import type { PathResult } from './types';

/** More equality constraints than this (intercept + unpenalized columns) and no certificate: the projection costs n·k² per λ. */
const MAX_CONSTRAINTS = 60;
/** Poisson's cap on η (families/poisson.ts). */
const POISSON_ETA_MAX = Math.log(Number.MAX_VALUE * 0.1);

interface Link {
  /** F(η). */
  F(eta: number): number;
  /** μ = F'(η). */
  mean(eta: number): number;
  /** Var = F''(η) at μ. */
  variance(mu: number): number;
  /** F*(u), ∞ outside the domain. */
  conj(u: number): number;
  /** (F*)'(u). */
  conjSlope(u: number): number;
  /** (F*)''(u). */
  conjCurve(u: number): number;
  /** The domain's upper end (binomial 1, Poisson ∞). */
  upper: number;
}

const xlogx = (x: number) => (x > 0 ? x * Math.log(x) : 0);

const LOGIT: Link = {
  F: (eta) => Math.max(eta, 0) + Math.log1p(Math.exp(-Math.abs(eta))),
  mean: (eta) => (eta >= 0 ? 1 / (1 + Math.exp(-eta)) : Math.exp(eta) / (1 + Math.exp(eta))),
  variance: (mu) => mu * (1 - mu),
  conj: (u) => (u < 0 || u > 1 ? Infinity : xlogx(u) + xlogx(1 - u)),
  conjSlope: (u) => Math.log(u) - Math.log(1 - u),
  conjCurve: (u) => 1 / (u * (1 - u)),
  upper: 1,
};

const LOG: Link = {
  F: (eta) => Math.exp(Math.min(eta, POISSON_ETA_MAX)),
  mean: (eta) => Math.exp(Math.min(eta, POISSON_ETA_MAX)),
  variance: (mu) => mu,
  conj: (u) => (u < 0 ? Infinity : xlogx(u) - u),
  conjSlope: (u) => Math.log(u),
  conjCurve: (u) => 1 / u,
  upper: Infinity,
};

/** Another answer at the same λ whose μ builds the dual point (see glmPathCertificate). */
export interface DualSource {
  a0: number;
  beta: ArrayLike<number>;
}

/**
 * The certificate of every λ of a binomial or Poisson path; null for another family.
 * `dualFrom` (path index → answer): certify only those λ, their dual points built from these
 * answers (the other λ are null).
 */
export function glmPathCertificate(
  problem: CertificateProblem,
  path: Pick<PathResult, 'lambda' | 'a0' | 'beta' | 'options' | 'standardization' | 'diagnostics'>,
  dualFrom?: ReadonlyMap<number, DualSource>,
): PathCertificate | null {
  if (path.options.family !== 'binomial' && path.options.family !== 'poisson') return null;
  const { n, p, values } = problem.design;
  // The design, η and w·r̃/W, and p correlations in one kernels workspace: building η from the
  // nonzero coefficients and the p correlations of each λ's dual point run in the solver's SIMD
  // kernels (in plain loops they cost as much as the fit).
  const workspace = acquireWorkspace(n * p + 2 * n + p);
  try {
    workspace.data.set(values.subarray(0, n * p));
    return certifyEach(problem, path, workspace, dualFrom);
  } finally {
    releaseWorkspace(workspace);
  }
}

function certifyEach(
  problem: CertificateProblem,
  path: Pick<PathResult, 'lambda' | 'a0' | 'beta' | 'options' | 'standardization' | 'diagnostics'>,
  workspace: Workspace,
  dualFrom: ReadonlyMap<number, DualSource> | undefined,
): PathCertificate {
  const { options } = path;
  const link = options.family === 'binomial' ? LOGIT : LOG;
  const { design, y } = problem;
  const { n, p, values } = design;
  const w = problem.weights ?? new Float64Array(n).fill(1);
  const offset = problem.offset;
  let W = 0;
  for (let i = 0; i < n; i++) W += w[i]!;
  let saturated = 0;
  for (let i = 0; i < n; i++) saturated += w[i]! * link.conj(y[i]!);
  const pf = rescalePenaltyFactors(options.penaltyFactor, p);
  const excluded = new Set(path.diagnostics.constantColumns);
  options.penaltyFactor?.forEach((f, j) => {
    if (f === Infinity) excluded.add(j);
  });
  const columns: number[] = [];
  for (let j = 0; j < p; j++) if (!excluded.has(j)) columns.push(j);
  const { xScale } = path.standardization;
  const s = (j: number) => (options.standardize ? xScale[j]! : 1);
  const lower = (j: number) => options.lowerLimits?.[j] ?? -Infinity;
  const upper = (j: number) => options.upperLimits?.[j] ?? Infinity;

  const objective: (number | null)[] = [];
  const gap: (number | null)[] = [];
  const relativeGap: (number | null)[] = [];
  const etaAt = n * p;
  const wrAt = etaAt + n;
  const outAt = wrAt + n;
  const eta = workspace.data.subarray(etaAt, etaAt + n);
  const wr = workspace.data.subarray(wrAt, wrAt + n);
  const correlations = workspace.data.subarray(outAt, outAt + p);
  const r = new Float64Array(n);
  const variance = new Float64Array(n);
  for (let k = 0; k < path.lambda.length; k++) {
    const source = dualFrom?.get(k);
    if (dualFrom && !source) {
      objective.push(null);
      gap.push(null);
      relativeGap.push(null);
      continue;
    }
    // A default grid's first point is glmnet's λ = ∞ solve (certificate.ts).
    const lambda = k === 0 && options.lambda === undefined ? Infinity : path.lambda[k]!;
    const beta = path.beta[k]!;
    const weight = (factor: number) => (factor > 0 ? lambda * factor : 0);
    const l1 = (j: number) => weight(options.alpha * pf[j]!) * s(j);
    const l2 = (j: number) => weight((1 - options.alpha) * pf[j]!) * s(j) ** 2;
    // An unpenalized coefficient at a finite bound keeps its box in g_j* instead of the
    // equality constraint (at the optimum its gradient need not vanish there).
    const atBound = (j: number) => beta[j] !== 0 && (beta[j] === lower(j) || beta[j] === upper(j));
    const free = columns.filter(
      (j) =>
        l1(j) === 0 &&
        l2(j) === 0 &&
        !(beta[j] === 0 ? lower(j) === 0 || upper(j) === 0 : atBound(j)),
    );
    if (free.length + (options.intercept ? 1 : 0) > MAX_CONSTRAINTS) {
      objective.push(null);
      gap.push(null);
      relativeGap.push(null);
      continue;
    }
    // Primal: the fitted values from the nonzero coefficients only.
    for (let i = 0; i < n; i++) eta[i] = path.a0[k]! + (offset?.[i] ?? 0);
    for (const j of columns) {
      const b = beta[j]!;
      if (b !== 0) workspace.axpy(etaAt, j * n, b, n);
    }
    const loss = saturated + fitted(link, y, w, eta, r, variance, n);
    // The dual point may come from a better answer at the same λ (a polished copy): any u in
    // the domain gives a valid bound on the answer's own objective, and one built from a
    // nearer-optimal μ gives a tighter one.
    if (source) {
      for (let i = 0; i < n; i++) eta[i] = source.a0 + (offset?.[i] ?? 0);
      for (const j of columns) {
        const b = source.beta[j]!;
        if (b !== 0) workspace.axpy(etaAt, j * n, b, n);
      }
      fitted(link, y, w, eta, r, variance, n);
    }
    let primal = Math.max(0, loss / W);
    for (const j of columns) {
      const b = beta[j]!;
      if (b !== 0) primal += l1(j) * Math.abs(b) + (l2(j) / 2) * b * b;
    }
    // The equality constraints, by the variance-weighted oblique projection.
    const basis = obliqueBasis(values, n, free, options.intercept, w, variance);
    for (let round = 0; round < 2; round++)
      for (const q of basis) {
        let c = 0;
        for (let i = 0; i < n; i++) c += w[i]! * r[i]! * q[i]!;
        for (let i = 0; i < n; i++) r[i]! -= c * variance[i]! * q[i]!;
      }
    for (let i = 0; i < n; i++) wr[i] = (w[i]! * r[i]!) / W;
    // One Xᵀ(w·r̃)/W over every column (the kernel's batch): the penalized ones' dual correlations.
    workspace.dots(0, n, p, wrAt, outAt);
    const penalized: Penalized[] = [];
    let tMax = Number.POSITIVE_INFINITY;
    const freeSet = new Set(free);
    for (const j of columns) {
      if (freeSet.has(j)) continue;
      const c = correlations[j]!;
      const term = { c, l1: l1(j), l2: l2(j), lo: lower(j), hi: upper(j) };
      if (term.l2 === 0 && c !== 0) {
        const bound = c > 0 ? term.hi : term.lo;
        if (!Number.isFinite(bound)) tMax = Math.min(tMax, term.l1 / Math.abs(c));
      }
      penalized.push(term);
    }
    let offsetTerm = 0;
    if (offset) for (let i = 0; i < n; i++) offsetTerm += wr[i]! * offset[i]!;
    // u = y − t·r̃ must stay in the domain.
    for (let i = 0; i < n; i++) {
      const d = r[i]!;
      if (d > 0) tMax = Math.min(tMax, y[i]! / d);
      else if (d < 0 && link.upper < Infinity) tMax = Math.min(tMax, (link.upper - y[i]!) / -d);
    }
    const dual = (t: number) => {
      let value = (saturated - conjSum(link, y, r, w, t, n)) / W - t * offsetTerm;
      for (const e of penalized) value -= conjugate(e, t * e.c).value;
      return value;
    };
    const slope = (t: number) => {
      const rows = rowSlope(link, y, r, wr, t, n);
      let d1 = rows.d1 - offsetTerm;
      let d2 = rows.d2;
      for (const e of penalized) {
        const g = conjugate(e, t * e.c);
        d1 -= e.c * g.b;
        d2 -= e.c * e.c * g.db;
      }
      return { d1, d2 };
    };
    // Any t in [0, t_max] gives a valid bound; the search only makes it tight.
    const t = bestStep(slope, tMax);
    const d = Math.max(0, dual(t), t === tMax ? 0 : dual(Math.min(tMax, 1)));
    const g = Number.isFinite(d) ? Math.max(0, primal - d) : primal;
    objective.push(primal);
    gap.push(g);
    relativeGap.push(primal > 0 ? Math.min(1, g / primal) : 0);
  }
  return { objective, gap, relativeGap };
}

/** Σ w·(F(η) − y·η); fills r = y − μ and the variance at μ. */
function fitted(
  link: Link,
  y: Float64Array,
  w: Float64Array,
  eta: Float64Array,
  r: Float64Array,
  variance: Float64Array,
  n: number,
): number {
  let loss = 0;
  for (let i = 0; i < n; i++) {
    const e = eta[i]!;
    loss += w[i]! * (link.F(e) - y[i]! * e);
    const mu = link.mean(e);
    r[i] = y[i]! - mu;
    variance[i] = link.variance(mu);
  }
  return loss;
}

/** Σ w_i·F*(u_i), u = y − t·r̃ (clipped to the domain against rounding). */
function conjSum(
  link: Link,
  y: Float64Array,
  r: Float64Array,
  w: Float64Array,
  t: number,
  n: number,
): number {
  let sum = 0;
  for (let i = 0; i < n; i++)
    sum += w[i]! * link.conj(Math.min(link.upper, Math.max(0, y[i]! - t * r[i]!)));
  return sum;
}

/** The rows' part of D'(t) and D''(t). */
function rowSlope(
  link: Link,
  y: Float64Array,
  r: Float64Array,
  wr: Float64Array,
  t: number,
  n: number,
): { d1: number; d2: number } {
  let d1 = 0;
  let d2 = 0;
  for (let i = 0; i < n; i++) {
    const d = r[i]!;
    if (d === 0) continue;
    const u = Math.min(link.upper, Math.max(0, y[i]! - t * d));
    d1 += wr[i]! * link.conjSlope(u);
    d2 -= wr[i]! * d * link.conjCurve(u);
  }
  return { d1, d2 };
}

interface Penalized {
  /** X_jᵀ(w·r̃)/W. */
  c: number;
  l1: number;
  l2: number;
  lo: number;
  hi: number;
}

/** g*(c) = sup over the box of c·b − λ1|b| − λ2·b²/2, its maximizer b* (the derivative of g*) and the derivative of b*. */
function conjugate(e: Penalized, c: number): { value: number; b: number; db: number } {
  const excess = Math.abs(c) - e.l1;
  if (!(excess > 0) || !Number.isFinite(e.l1 + e.l2)) return { value: 0, b: 0, db: 0 };
  const sign = Math.sign(c);
  if (e.l2 === 0) {
    const b = sign > 0 ? e.hi : e.lo;
    return Number.isFinite(b)
      ? { value: excess * Math.abs(b), b, db: 0 }
      : { value: Infinity, b: sign * Infinity, db: 0 };
  }
  const free = (sign * excess) / e.l2;
  const b = Math.min(e.hi, Math.max(e.lo, free));
  const db = b === free ? 1 / e.l2 : 0;
  return { value: c * b - e.l1 * Math.abs(b) - (e.l2 / 2) * b * b, b, db };
}

/**
 * The t ∈ [0, tMax] maximizing the concave D(t), from its slope and curvature: Newton steps
 * from t = 1 (the optimum's own step) kept inside a bisection bracket.
 */
function bestStep(slope: (t: number) => { d1: number; d2: number }, tMax: number): number {
  let lo = 0;
  let hi = tMax;
  if (!Number.isFinite(hi)) {
    hi = 2;
    while (slope(hi).d1 > 0 && hi < 1e300) hi *= 2;
  }
  if (!(hi > 0)) return 0;
  // Often a lasso column's box is what binds (t_max < 1): D still rising there.
  if (Number.isFinite(tMax) && slope(tMax).d1 >= 0) return tMax;
  let t = hi > 1 ? 1 : hi / 2;
  for (let step = 0; step < 60; step++) {
    const { d1, d2 } = slope(t);
    if (d1 > 0) lo = t;
    else if (d1 < 0 || Number.isNaN(d1)) hi = t;
    else return t;
    // D is flat at its maximum: t to 1e-10 gives D to about 1e-20 of its curvature.
    if (hi - lo <= 1e-10 * hi) break;
    const newton = d2 < 0 && Number.isFinite(d1) ? t - d1 / d2 : Number.NaN;
    const next = newton > lo && newton < hi ? newton : (lo + hi) / 2;
    if (Math.abs(next - t) <= 1e-10 * t) return next;
    t = next;
  }
  return lo;
}

/**
 * A basis of the span of the intercept and the given columns, orthonormal in the inner product
 * Σ w·V·a·b, by Gram–Schmidt twice over (once is not enough on collinear dummies); a column
 * (nearly) in the span of those before it adds nothing.
 */
function obliqueBasis(
  values: Float64Array,
  n: number,
  columns: readonly number[],
  intercept: boolean,
  w: Float64Array,
  variance: Float64Array,
): Float64Array[] {
  const m = new Float64Array(n);
  for (let i = 0; i < n; i++) m[i] = w[i]! * variance[i]!;
  const dot = (a: Float64Array, b: Float64Array) => {
    let sum = 0;
    for (let i = 0; i < n; i++) sum += m[i]! * a[i]! * b[i]!;
    return sum;
  };
  const basis: Float64Array[] = [];
  const candidates: Float64Array[] = [];
  if (intercept) candidates.push(new Float64Array(n).fill(1));
  for (const j of columns) candidates.push(values.slice(j * n, (j + 1) * n));
  for (const v of candidates) {
    const before = Math.sqrt(dot(v, v));
    if (!(before > 0)) continue;
    for (let round = 0; round < 2; round++)
      for (const q of basis) {
        const c = dot(v, q);
        for (let i = 0; i < n; i++) v[i]! -= c * q[i]!;
      }
    const after = Math.sqrt(dot(v, v));
    if (!(after > 1e-10 * before)) continue;
    for (let i = 0; i < n; i++) v[i]! /= after;
    basis.push(v);
  }
  return basis;
}
