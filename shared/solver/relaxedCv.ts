/**
 * Cross-validation over (λ, γ) for the relaxed lasso, as cv.glmnet(relax = TRUE) does it
 * (cv.relaxed): the same folds for every γ, each fold's held-out predictions at γ the blend
 * γ·η_penalized + (1 − γ)·η_refit (relaxedBlend.ts; the blend is linear, so blending the
 * predictions is blending the coefficients), summarized per γ exactly as one CV curve
 * (summarizeCv). The choice (getOptcv.relaxed) runs over every (λ, γ) pair at once:
 *   min: the smallest cvm; among ties the largest λ, then the largest γ;
 *   1se: the largest λ (then γ) whose cvm ≤ cvm_min + cvsd_min.
 * For measures where larger is better (auc) cvm is negated first, as there.
 */
import { type CvSummary, type CvWeighting, type FoldFit, summarizeCv } from './cv';
import { familyByName } from './families';
import type { CvMeasure } from './family';
import { effectiveGamma } from './relaxedBlend';

export interface RelaxedCvSummary {
  gammas: number[];
  /** One CV curve per γ (same order as gammas), on the full fit's λ. */
  curves: CvSummary[];
  lambdaMin: number;
  gammaMin: number;
  lambda1se: number;
  gamma1se: number;
  /** λ and γ indices of the two choices. */
  indexMin: number;
  gammaIndexMin: number;
  index1se: number;
  gammaIndex1se: number;
}

/** The folds' held-out predictions blended at γ (folds must carry relaxedLinkPredictions). */
function foldsAtGamma(folds: readonly FoldFit[], gamma: number): FoldFit[] {
  const g = effectiveGamma(gamma);
  return folds.map((fold) => {
    const refit = fold.relaxedLinkPredictions;
    if (!refit) throw new Error(`Fold ${fold.fold + 1} was fitted without relax.`);
    if (g === 1) return fold;
    const blended = fold.linkPredictions.map((eta, i) => g * eta + (1 - g) * refit[i]!);
    return { ...fold, linkPredictions: blended };
  });
}

export function summarizeRelaxedCv(
  y: Float64Array,
  folds: readonly FoldFit[],
  lambda: readonly number[],
  nzero: readonly number[],
  p: number,
  measure: CvMeasure,
  gammas: readonly number[],
  weighting: CvWeighting = {},
): RelaxedCvSummary {
  const sorted = [...gammas].sort((a, b) => a - b);
  const curves = sorted.map((gamma) =>
    summarizeCv(y, foldsAtGamma(folds, gamma), lambda, nzero, p, measure, weighting),
  );
  const sign = familyByName(weighting.family ?? 'gaussian').cvMaximizes(measure) ? -1 : 1;
  // Candidates in cv.relaxed's order of preference: larger λ first, then larger γ.
  const pairs: { l: number; g: number }[] = [];
  lambda.forEach((_, l) => {
    for (let g = sorted.length - 1; g >= 0; g--) pairs.push({ l, g });
  });
  const cvm = ({ l, g }: { l: number; g: number }) => sign * curves[g]!.cvm[l]!;
  let best = Number.POSITIVE_INFINITY;
  for (const pair of pairs) if (cvm(pair) < best) best = cvm(pair);
  const atMin = pairs.find((pair) => cvm(pair) <= best)!;
  const bound = cvm(atMin) + curves[atMin.g]!.cvsd[atMin.l]!;
  const at1se = pairs.find((pair) => cvm(pair) <= bound)!;
  return {
    gammas: sorted,
    curves,
    lambdaMin: lambda[atMin.l]!,
    gammaMin: sorted[atMin.g]!,
    lambda1se: lambda[at1se.l]!,
    gamma1se: sorted[at1se.g]!,
    indexMin: atMin.l,
    gammaIndexMin: atMin.g,
    index1se: at1se.l,
    gammaIndex1se: at1se.g,
  };
}
