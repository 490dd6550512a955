/**
 * A compared α (result.alphaSearch) shown in place of the chosen one: the result with that
 * candidate's path and CV curve, so the path chart, CV chart, λ slider and features table
 * draw it unchanged. What only the chosen α has (test scores, the folds' selection
 * frequencies, predictions) is left out; the view says so.
 */

import type { AnalysisResult } from '../../shared/analysis/result';
import { penaltyName } from '../../shared/analysis/settings';

const views = new WeakMap<AnalysisResult, Map<number, AnalysisResult | undefined>>();

/** The result as that α's own, or undefined when it kept no path (or is not a candidate). */
export function candidateResult(result: AnalysisResult, alpha: number): AnalysisResult | undefined {
  if (!result.alphaSearch || alpha === result.alphaSearch.bestAlpha) return result;
  let byAlpha = views.get(result);
  if (!byAlpha) {
    byAlpha = new Map();
    views.set(result, byAlpha);
  }
  if (!byAlpha.has(alpha)) byAlpha.set(alpha, build(result, alpha));
  return byAlpha.get(alpha);
}

function build(result: AnalysisResult, alpha: number): AnalysisResult | undefined {
  const candidate = result.alphaSearch?.candidates.find((c) => c.alpha === alpha);
  const { path, cv } = candidate ?? {};
  if (!candidate || !path || !cv || !result.cv) return undefined;
  // The test scores and the information criteria are of the chosen α's path, not this one's.
  const { test: _test, informationCriteria: _criteria, ...rest } = result;
  return {
    ...rest,
    settings: { ...result.settings, alpha, penalty: penaltyName(alpha) },
    path: { ...path, nulldev: result.path.nulldev },
    cv: {
      ...result.cv,
      lambda: cv.lambda,
      cvm: cv.cvm,
      cvsd: cv.cvsd,
      cvup: cv.cvm.map((m, k) => m + cv.cvsd[k]!),
      cvlo: cv.cvm.map((m, k) => m - cv.cvsd[k]!),
      nzero: cv.nzero,
      lambdaMin: candidate.lambdaMin,
      lambda1se: candidate.lambda1se,
      indexMin: cv.indexMin,
      index1se: cv.index1se,
      selectionFrequency: [],
    },
  };
}
