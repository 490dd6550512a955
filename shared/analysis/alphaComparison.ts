/**
 * The α comparison (settings.alphas, run on the same folds) as a ranked table: every
 * candidate's CV value at one λ rule (λ_min or λ_1se, the rule the app or report shows), its
 * λ, features and standard error, ranked best first, and whether it is within one standard
 * error of the best. The app's comparison view and the report both read this, so they rank
 * alike.
 */
import { describeFamily } from './families';
import type { AnalysisResult } from './result';

export type LambdaRule = 'min' | '1se';

export type AlphaSearch = NonNullable<AnalysisResult['alphaSearch']>;
export type AlphaCandidate = AlphaSearch['candidates'][number];

export interface AlphaRow {
  alpha: number;
  /** "lasso", "ridge", "elastic net": what α means. */
  label: string;
  /** λ at the rule (λ_min or λ_1se of this α's own CV curve). */
  lambda: number;
  /** CV value and its standard error at that λ. */
  cvm: number;
  cvsd: number;
  /** Nonzero coefficients at that λ (undefined in results saved before it was kept). */
  nzero: number | undefined;
  /** 1 = best at this rule; equal values share the rank of the first. */
  rank: number;
  /** Within one standard error (the best's) of the best CV value at this rule. */
  withinOneSe: boolean;
  /** The α the analysis chose (best at λ_min): the model the results, exports and project hold. */
  chosen: boolean;
  /** This candidate kept its path (the chosen one's is the result's own; wide ones keep none). */
  hasPath: boolean;
}

export function alphaLabel(alpha: number): string {
  return alpha === 1 ? 'lasso' : alpha === 0 ? 'ridge' : 'elastic net';
}

export const RULE_LABEL: Record<LambdaRule, string> = { min: 'λ_min', '1se': 'λ_1se' };

/** Whether larger CV values are better for the result's measure (AUC). */
export function cvMaximizes(result: AnalysisResult): boolean {
  return result.cv
    ? describeFamily(result.settings.family).solver.cvMaximizes(result.cv.measure)
    : false;
}

/** Results saved before λ_1se values were kept can only be ranked at λ_min. */
export function rulesAvailable(search: AlphaSearch): LambdaRule[] {
  return search.candidates.every((c) => c.cvm1se !== undefined && c.cvsd1se !== undefined)
    ? ['min', '1se']
    : ['min'];
}

/** The rule of a selected λ index on the shown path: λ_min only when it is exactly there. */
export function ruleAt(result: AnalysisResult, selectedIndex: number): LambdaRule {
  return result.cv && selectedIndex === result.cv.indexMin ? 'min' : '1se';
}

/** Every candidate at one rule, best first (ties keep the order the α were given in). */
export function alphaComparison(
  search: AlphaSearch,
  rule: LambdaRule,
  maximize: boolean,
): AlphaRow[] {
  const at = rulesAvailable(search).includes(rule) ? rule : 'min';
  const values = search.candidates.map((c) => ({
    candidate: c,
    lambda: at === 'min' ? c.lambdaMin : c.lambda1se,
    cvm: at === 'min' ? c.cvmMin : c.cvm1se!,
    cvsd: at === 'min' ? c.cvsdMin : c.cvsd1se!,
    nzero: at === 'min' ? c.nzeroMin : c.nzero1se,
  }));
  const sign = maximize ? -1 : 1;
  const ordered = values
    .map((v, order) => ({ ...v, order }))
    .sort((a, b) => sign * (a.cvm - b.cvm) || a.order - b.order);
  const best = ordered[0]!;
  const bound = best.cvm + sign * best.cvsd;
  // Exactly on the bound counts as within (cv.glmnet's λ_1se rule: cvm ≤ best's cvup).
  return ordered.map((v) => ({
    alpha: v.candidate.alpha,
    label: alphaLabel(v.candidate.alpha),
    lambda: v.lambda,
    cvm: v.cvm,
    cvsd: v.cvsd,
    nzero: v.nzero,
    rank: 1 + ordered.findIndex((o) => o.cvm === v.cvm),
    withinOneSe: sign * v.cvm <= sign * bound,
    chosen: v.candidate.alpha === search.bestAlpha,
    hasPath: v.candidate.alpha === search.bestAlpha || v.candidate.path !== undefined,
  }));
}

/** The best value at the rule plus one of its standard errors (minus, when larger is better). */
export function oneSeBound(rows: readonly AlphaRow[], maximize: boolean): number {
  const best = rows[0]!;
  return best.cvm + (maximize ? -1 : 1) * best.cvsd;
}
