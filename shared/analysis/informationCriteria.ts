/**
 * CV-free choice of λ: AIC, BIC and extended BIC at every λ of the path.
 *
 * Gaussian, following scikit-learn's LassoLarsIC: criterion = n·log(2πσ²) + RSS/σ² + k·df
 * (k = 2 for AIC, log n for BIC), σ² the user's or estimated from the ordinary least-squares
 * fit on every column, RSS_ols / (n − rank − intercept). When that fit has no residual degrees
 * of freedom (n ≤ p) and no σ² is given, the σ²-free form n·log(RSS/n) + k·df is used instead
 * (σ² profiled out), and the block says so. Binomial and Poisson: deviance + k·df (the
 * deviance is −2 log-likelihood up to a constant that does not depend on λ); no σ².
 * Extended BIC (Chen & Chen 2008): BIC + 2γ·log C(p, df), γ = 0.5 unless given.
 *
 * df: for the lasso the number of nonzero coefficients (Zou, Hastie & Tibshirani 2007); for
 * ridge and the elastic net the effective degrees of freedom on the active set A,
 * tr((MᵀVM + D)⁻¹ MᵀVM) − intercept, M = [1, Z_A] with Z the columns on the solver's scale
 * (divided by xScale), V the observation weights (summing to 1, glmnet's normalization) times
 * the IRLS working weights, D = diag(0, λ(1−α)·pf_A): glmnet minimizes
 * ½Σvᵢrᵢ² + λ[(1−α)/2·Σpf_jβ_j² + α·Σpf_j|β_j|], whose stationarity on A is
 * (Z_AᵀVZ_A + λ(1−α)P_A)β_A = Z_AᵀVy − λα·P_A·sign(β_A). With unit weights this is
 * tr(Z_A(Z_AᵀZ_A + nλ(1−α)P)⁻¹Z_Aᵀ): glmnet's λ carries a factor 1/n against the textbook λ₂.
 */
import { Matrix, SingularValueDecomposition, solve } from 'ml-matrix';
import { z } from 'zod';
import type { FamilyName } from '../solver/family';
import { rescalePenaltyFactors } from '../solver/grid';
import { acquireWorkspace, releaseWorkspace } from '../solver/kernels';
import type { DesignMatrix } from '../solver/types';

export const IC_RULES = ['lambda-aic', 'lambda-bic', 'lambda-ebic'] as const;
export type IcRule = (typeof IC_RULES)[number];

/** γ of the extended BIC when none is given: Chen & Chen's middle choice. */
export const DEFAULT_EBIC_GAMMA = 0.5;

/**
 * Beyond this much work (|A|²·n summed over λ) the effective df is not computed: a wide ridge
 * path would take minutes. The lasso's df (a count) has no such limit.
 */
export const EFFECTIVE_DF_BUDGET = 1e9;

/** Beyond this much work (n·m² for the m×m normal equations) σ² is not estimated by OLS. */
export const OLS_BUDGET = 1e9;

const numbers = z.array(z.number());

export const informationCriteriaSchema = z.strictObject({
  /**
   * `gaussian`: n·log(2πσ²) + RSS/σ² + k·df with the σ² below; `gaussian-profile`:
   * n·log(RSS/n) + k·df (no σ² estimate: n ≤ p); `deviance`: deviance + k·df.
   */
  form: z.enum(['gaussian', 'gaussian-profile', 'deviance']),
  /** σ² used (gaussian), or null. */
  noiseVariance: z.number().nullable(),
  /** Where σ² came from: the user's, or the OLS fit on every column; null without σ². */
  noiseVarianceSource: z.enum(['user', 'ols']).nullable(),
  /** The OLS fit's residual degrees of freedom n − rank − intercept (source ols), else null. */
  olsResidualDf: z.int().nullable(),
  /**
   * Why σ² was profiled out (form gaussian-profile): the OLS fit leaves no residual degrees of
   * freedom (n ≤ p), or it would cost too much (OLS_BUDGET: very many rows and columns).
   */
  profileReason: z.enum(['no-residual-df', 'too-costly']).optional(),
  /** How df was counted: nonzero coefficients (lasso) or the effective df (ridge, elastic net). */
  dfKind: z.enum(['nonzero', 'effective']),
  ebicGamma: z.number(),
  /** p of the EBIC's log C(p, df): the design columns that could enter (not excluded). */
  candidates: z.int(),
  /** Rows of the fit (the n of log n). */
  n: z.int(),
  df: numbers,
  aic: numbers,
  bic: numbers,
  ebic: numbers,
  indexAic: z.int(),
  indexBic: z.int(),
  indexEbic: z.int(),
  lambdaAic: z.number(),
  lambdaBic: z.number(),
  lambdaEbic: z.number(),
});

export type InformationCriteria = z.output<typeof informationCriteriaSchema>;

export interface IcOptions {
  /** The user's σ² (gaussian only); omitted: the OLS estimate, when n > p. */
  noiseVariance?: number | undefined;
  ebicGamma?: number | undefined;
}

export interface IcInput {
  family: FamilyName;
  design: DesignMatrix;
  y: Float64Array;
  weights?: Float64Array | undefined;
  offset?: Float64Array | undefined;
  alpha: number;
  intercept: boolean;
  /** The solver's per-column penalty factors as given (Infinity excludes). */
  penaltyFactor?: readonly number[] | undefined;
  /** Column scales the penalty applies on (the path's standardization.xScale). */
  xScale: readonly number[];
  lambda: readonly number[];
  a0: readonly number[];
  beta: readonly (readonly number[])[];
}

/** The criteria at every λ, or null when the effective df would cost too much (see budget). */
export function informationCriteria(
  input: IcInput,
  options: IcOptions = {},
): InformationCriteria | null {
  const { design, y, lambda, beta, alpha, family } = input;
  const { n, p } = design;
  const L = lambda.length;
  if (L === 0) return null;
  // Observation weights summing to n (plain RSS and deviance when unweighted).
  const w = new Float64Array(n).fill(1);
  if (input.weights) {
    let sum = 0;
    for (let i = 0; i < n; i++) sum += input.weights[i]!;
    for (let i = 0; i < n; i++) w[i] = (input.weights[i]! * n) / sum;
  }
  const offset = input.offset;
  const excluded = (j: number) => input.penaltyFactor?.[j] === Infinity;
  let candidates = 0;
  for (let j = 0; j < p; j++) if (!excluded(j)) candidates++;

  const active = beta.map((b) => b.flatMap((v, j) => (v !== 0 ? [j] : [])));
  const dfKind = alpha === 1 ? 'nonzero' : 'effective';
  // Every column active somewhere on the path: the gaussian Gram needs no other.
  const union = [...new Set(active.flat())].sort((a, b) => a - b);
  if (dfKind === 'effective') {
    // Gaussian: one Gram of every column, then a solve of |A|³ per λ; logistic and Poisson: a
    // Gram of the active set per λ (its IRLS weights change with λ).
    let work = family === 'gaussian' ? (union.length + 1) ** 2 * n : 0;
    for (const set of active)
      work += family === 'gaussian' ? (set.length + 1) ** 3 * 4 : (set.length + 1) ** 2 * n;
    if (work > EFFECTIVE_DF_BUDGET) return null;
  }

  const pf = rescalePenaltyFactors(input.penaltyFactor, p);
  // Gaussian working weights are the observation weights at every λ: one Gram for the path.
  const gaussianGram: Gram | undefined =
    family === 'gaussian' && dfKind === 'effective'
      ? weightedGram(design, w, input, union)
      : undefined;
  const fit = pathLosses(input, w, active, union); // RSS (gaussian) or deviance, per λ
  const df: number[] = [];
  for (let l = 0; l < L; l++) {
    if (dfKind === 'nonzero') {
      df.push(active[l]!.length);
      continue;
    }
    const gram =
      gaussianGram ??
      weightedGram(design, workingWeights(input, w, active[l]!, l), input, active[l]!);
    df.push(effectiveDf(gram, active[l]!, input.intercept, lambda[l]! * (1 - alpha), pf));
  }

  let form: InformationCriteria['form'] = 'deviance';
  let noiseVariance: number | null = null;
  let noiseVarianceSource: InformationCriteria['noiseVarianceSource'] = null;
  let olsResidualDf: number | null = null;
  let profileReason: InformationCriteria['profileReason'];
  if (family === 'gaussian') {
    if (options.noiseVariance !== undefined) {
      form = 'gaussian';
      noiseVariance = options.noiseVariance;
      noiseVarianceSource = 'user';
    } else {
      const ols = olsNoiseVariance(design, y, w, offset, input.intercept, excluded);
      if (ols !== 'too-costly' && 'variance' in ols) {
        form = 'gaussian';
        noiseVariance = ols.variance;
        noiseVarianceSource = 'ols';
        olsResidualDf = ols.residualDf;
      } else {
        form = 'gaussian-profile';
        profileReason = ols === 'too-costly' ? 'too-costly' : 'no-residual-df';
      }
    }
  }
  const gamma = options.ebicGamma ?? DEFAULT_EBIC_GAMMA;
  const base = (k: number, l: number) => {
    const d = df[l]!;
    if (form === 'gaussian')
      return n * Math.log(2 * Math.PI * noiseVariance!) + fit[l]! / noiseVariance! + k * d;
    if (form === 'gaussian-profile') return n * Math.log(fit[l]! / n) + k * d;
    return fit[l]! + k * d;
  };
  const aic = lambda.map((_, l) => base(2, l));
  const bic = lambda.map((_, l) => base(Math.log(n), l));
  const ebic = bic.map((value, l) => value + 2 * gamma * logChoose(candidates, df[l]!));
  const indexAic = argmin(aic);
  const indexBic = argmin(bic);
  const indexEbic = argmin(ebic);
  return {
    form,
    noiseVariance,
    noiseVarianceSource,
    olsResidualDf,
    ...(profileReason && { profileReason }),
    dfKind,
    ebicGamma: gamma,
    candidates,
    n,
    df,
    aic,
    bic,
    ebic,
    indexAic,
    indexBic,
    indexEbic,
    lambdaAic: lambda[indexAic]!,
    lambdaBic: lambda[indexBic]!,
    lambdaEbic: lambda[indexEbic]!,
  };
}

/**
 * RSS (gaussian) or deviance at every λ. The fitted values come from the sparse β: an axpy per
 * nonzero coefficient in the solver's SIMD kernels, on a workspace holding only the columns
 * active somewhere on the path (n·|A| per λ, not n·p; in plain loops this cost more than the fit).
 */
function pathLosses(
  input: IcInput,
  w: Float64Array,
  active: readonly number[][],
  union: readonly number[],
): number[] {
  const { design, y, a0, beta, family } = input;
  const { n } = design;
  const m = union.length;
  // Layout: the union's columns, then η (or the residual), then w.
  const etaAt = m * n;
  const wAt = etaAt + n;
  const workspace = acquireWorkspace(m * n + 2 * n);
  try {
    const data = workspace.data;
    const slot = new Map<number, number>();
    union.forEach((j, k) => {
      slot.set(j, k * n);
      data.set(design.values.subarray(j * n, (j + 1) * n), k * n);
    });
    data.set(w, wAt);
    const eta = data.subarray(etaAt, etaAt + n);
    const losses: number[] = [];
    for (let l = 0; l < a0.length; l++) {
      // Gaussian: the residual z − a0 − Xβ directly, then Σ w·r² in one kernel call.
      const sign = family === 'gaussian' ? -1 : 1;
      for (let i = 0; i < n; i++) {
        const base = a0[l]! + (input.offset ? input.offset[i]! : 0);
        eta[i] = family === 'gaussian' ? y[i]! - base : base;
      }
      for (const j of active[l]!) workspace.axpy(etaAt, slot.get(j)!, sign * beta[l]![j]!, n);
      if (family === 'gaussian') {
        losses.push(workspace.wsquares(wAt, etaAt, n));
        continue;
      }
      let loss = 0;
      for (let i = 0; i < n; i++) {
        const e = eta[i]!;
        const yi = y[i]!;
        if (family === 'binomial') {
          // −2 log-likelihood of a 0/1 outcome, written with log1p for large |η|.
          loss += 2 * w[i]! * (yi === 1 ? Math.log1p(Math.exp(-e)) : Math.log1p(Math.exp(e)));
        } else {
          const mu = Math.exp(e);
          loss += 2 * w[i]! * ((yi > 0 ? yi * Math.log(yi / mu) : 0) - (yi - mu));
        }
      }
      losses.push(loss);
    }
    return losses;
  } finally {
    releaseWorkspace(workspace);
  }
}

/** The IRLS working weights at λ index l (binomial, Poisson): w·μ(1 − μ) or w·μ. */
function workingWeights(
  input: IcInput,
  w: Float64Array,
  set: readonly number[],
  l: number,
): Float64Array {
  const { design, a0, beta, family } = input;
  const { n } = design;
  const eta = new Float64Array(n).fill(a0[l]!);
  if (input.offset) for (let i = 0; i < n; i++) eta[i]! += input.offset[i]!;
  for (const j of set) axpy(eta, beta[l]![j]!, design.values, j * n);
  const working = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    if (family === 'binomial') {
      const mu = 1 / (1 + Math.exp(-eta[i]!));
      working[i] = w[i]! * mu * (1 - mu);
    } else working[i] = w[i]! * Math.exp(eta[i]!);
  }
  return working;
}

/** The λ index a rule selects. */
export function icIndex(block: InformationCriteria, rule: IcRule): number {
  if (rule === 'lambda-aic') return block.indexAic;
  if (rule === 'lambda-bic') return block.indexBic;
  return block.indexEbic;
}

/**
 * (1/n)·MᵀVM for M = [1, x_j / xScale_j] over `columns`, as a
 * lookup by design column (−1 the intercept). V: the working weights (observation weights
 * summing to n, times the IRLS weights); glmnet divides the loss by the observation weights'
 * sum (n here), not by the working weights'.
 */
interface Gram {
  at(a: number, b: number): number;
}

function weightedGram(
  design: DesignMatrix,
  working: Float64Array,
  input: IcInput,
  columns: readonly number[],
): Gram {
  const { n } = design;
  const all = [...(input.intercept ? [-1] : []), ...columns];
  const position = new Map(all.map((j, k) => [j, k]));
  const scaled = all.map((j) => {
    // Each column times the working weights (the intercept's column of ones: the weights).
    if (j < 0) return working;
    const scale = input.xScale[j]!;
    const base = j * n;
    const out = new Float64Array(n);
    for (let i = 0; i < n; i++) out[i] = (design.values[base + i]! / scale) * working[i]!;
    return out;
  });
  const m = all.length;
  const values = new Float64Array(m * m);
  for (let a = 0; a < m; a++) {
    const ja = all[a]!;
    const raw = ja < 0 ? null : design.values.subarray(ja * n, (ja + 1) * n);
    const scale = ja < 0 ? 1 : input.xScale[ja]!;
    for (let b = a; b < m; b++) {
      const cb = scaled[b]!;
      const sum = raw ? dot(raw, cb) : cb.reduce((t, v) => t + v, 0);
      const value = sum / scale / n;
      values[a * m + b] = value;
      values[b * m + a] = value;
    }
  }
  return { at: (ja, jb) => values[position.get(ja)! * m + position.get(jb)!]! };
}

/** tr((MᵀVM + D)⁻¹MᵀVM) − intercept on the active set (see the module comment). */
function effectiveDf(
  gram: Gram,
  set: readonly number[],
  intercept: boolean,
  ridge: number,
  pf: Float64Array,
): number {
  if (set.length === 0) return 0;
  const all = [...(intercept ? [-1] : []), ...set];
  const m = all.length;
  const g = Matrix.zeros(m, m);
  for (let a = 0; a < m; a++) for (let b = 0; b < m; b++) g.set(a, b, gram.at(all[a]!, all[b]!));
  const penalized = g.clone();
  const first = intercept ? 1 : 0;
  set.forEach((j, k) => {
    penalized.set(first + k, first + k, penalized.get(first + k, first + k) + ridge * pf[j]!);
  });
  // SVD-based solve: a collinear active set (one-hot columns) leaves the Gram singular.
  const product = solve(penalized, g, true);
  return product.trace() - first;
}

/**
 * σ² of the least-squares fit on every column that could enter, RSS / (n − rank − intercept)
 * (LassoLarsIC's estimate); residualDf 0 when there are no residual degrees of freedom, or
 * 'too-costly' beyond OLS_BUDGET.
 */
function olsNoiseVariance(
  design: DesignMatrix,
  y: Float64Array,
  w: Float64Array,
  offset: Float64Array | undefined,
  intercept: boolean,
  excluded: (j: number) => boolean,
): { variance: number; residualDf: number } | { residualDf: 0 } | 'too-costly' {
  const { n, p } = design;
  const used: number[] = [];
  for (let j = 0; j < p; j++) if (!excluded(j)) used.push(j);
  const m = used.length + (intercept ? 1 : 0);
  if (n <= m) return { residualDf: 0 };
  if (n * m * m > OLS_BUDGET) return 'too-costly';
  const columns = [
    ...(intercept ? [new Float64Array(n).fill(1)] : []),
    ...used.map((j) => design.values.subarray(j * n, (j + 1) * n)),
  ];
  const target = Float64Array.from(y, (v, i) => v - (offset ? offset[i]! : 0));
  // Normal equations, scaled to unit diagonal so that the rank cut-off is scale-free.
  const gram = Matrix.zeros(m, m);
  const rhs = Matrix.zeros(m, 1);
  // In the kernels' workspace: the m columns, then the target (so that one `dots` call gives a
  // row of the upper triangle and its right-hand side), w∘column a, and the row's sums.
  const targetAt = m * n;
  const weightedAt = targetAt + n;
  const outAt = weightedAt + n;
  const workspace = acquireWorkspace(outAt + m + 1);
  try {
    const data = workspace.data;
    columns.forEach((column, a) => {
      data.set(column, a * n);
    });
    data.set(target, targetAt);
    for (let a = 0; a < m; a++) {
      const ca = columns[a]!;
      for (let i = 0; i < n; i++) data[weightedAt + i] = w[i]! * ca[i]!;
      workspace.dots(a * n, n, m + 1 - a, weightedAt, outAt);
      rhs.set(a, 0, data[outAt + m - a]!);
      for (let b = a; b < m; b++) {
        const s = data[outAt + b - a]!;
        gram.set(a, b, s);
        gram.set(b, a, s);
      }
    }
  } finally {
    releaseWorkspace(workspace);
  }
  const scale = Array.from({ length: m }, (_, a) => Math.sqrt(gram.get(a, a)) || 1);
  for (let a = 0; a < m; a++) {
    rhs.set(a, 0, rhs.get(a, 0) / scale[a]!);
    for (let b = 0; b < m; b++) gram.set(a, b, gram.get(a, b) / (scale[a]! * scale[b]!));
  }
  const svd = new SingularValueDecomposition(gram, { autoTranspose: true });
  const residualDf = n - svd.rank;
  if (residualDf <= 0) return { residualDf: 0 };
  const coefficients = svd.solve(rhs);
  const fitted = new Float64Array(n);
  for (let a = 0; a < m; a++) {
    const c = coefficients.get(a, 0) / scale[a]!;
    const ca = columns[a]!;
    for (let i = 0; i < n; i++) fitted[i]! += c * ca[i]!;
  }
  let rss = 0;
  for (let i = 0; i < n; i++) rss += w[i]! * (target[i]! - fitted[i]!) ** 2;
  return { variance: rss / residualDf, residualDf };
}

/** out += b·x[from …], over the length of out (small, so that it is optimized on its own). */
function axpy(out: Float64Array, b: number, x: Float64Array, from: number): void {
  for (let i = 0; i < out.length; i++) out[i]! += b * x[from + i]!;
}

/** xᵀy over the length of y (small, so that it is optimized on its own). */
function dot(x: Float64Array, y: Float64Array): number {
  let sum = 0;
  for (let i = 0; i < y.length; i++) sum += x[i]! * y[i]!;
  return sum;
}

function argmin(values: readonly number[]): number {
  let best = 0;
  for (let l = 1; l < values.length; l++) if (values[l]! < values[best]!) best = l;
  return best;
}

/** log C(p, d) for a real d in [0, p] (effective df need not be whole). */
export function logChoose(p: number, d: number): number {
  const k = Math.min(Math.max(d, 0), p);
  return logGamma(p + 1) - logGamma(k + 1) - logGamma(p - k + 1);
}

/** log Γ(x) for x > 0, Lanczos (g = 7, 9 terms; ~1e-15 relative). */
export function logGamma(x: number): number {
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  const c = [
    0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313,
    -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6,
    1.5056327351493116e-7,
  ];
  const z = x - 1;
  let sum = c[0]!;
  for (let k = 1; k < 9; k++) sum += c[k]! / (z + k);
  const t = z + 7.5;
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(sum);
}
