/**
 * Whether a result's arrays agree with each other: one entry per λ in every per-λ array, one
 * coefficient per design column, CV indices inside the CV path. The contract's schema checks types;
 * this checks the shape that the charts and tables index into, so a damaged saved result is
 * dropped with a message instead of breaking the view.
 */
import { describeFamily } from './families';
import type { AnalysisResult } from './result';

/** What is inconsistent in the result, in words, or undefined when it is sound. */
export function resultShapeProblem(result: AnalysisResult): string | undefined {
  const nl = result.path.lambda.length;
  const p = result.columns.length;
  if (nl === 0) return 'it has no λ values';
  const perLambda: [string, { length: number }][] = [
    ['a0', result.path.a0],
    ['df', result.path.df],
    ['devRatio', result.path.devRatio],
  ];
  for (const [name, values] of perLambda) {
    if (values.length !== nl) return `path.${name} has ${values.length} values for ${nl} λ values`;
  }
  // beta[k] holds the coefficients at λ_k, one per design column.
  if (result.path.beta.length !== nl)
    return `path.beta has ${result.path.beta.length} rows for ${nl} λ values`;
  if (result.path.beta.some((row) => row.length !== p))
    return `a row of path.beta does not have ${p} coefficients`;
  const { xCenter, xScale, xSd } = result.standardization;
  if ([xCenter, xScale, xSd].some((values) => values.length !== p))
    return `the standardization does not have ${p} values per column`;
  if (result.cv) {
    const cv = result.cv;
    const ncv = cv.lambda.length;
    if (ncv === 0) return 'the cross-validation has no λ values';
    if ([cv.cvm, cv.cvsd, cv.cvup, cv.cvlo, cv.nzero].some((values) => values.length !== ncv))
      return `the cross-validation arrays do not all have ${ncv} values`;
    if (![cv.indexMin, cv.index1se].every((k) => k >= 0 && k < ncv))
      return 'the cross-validation λ_min or λ_1se index is outside its path';
  }
  const test = result.test;
  if (
    test &&
    describeFamily(result.settings.family).testMetrics.some(({ key }) => test[key]?.length !== nl)
  )
    return `the test scores do not have ${nl} values`;
  // A two-class fit names its classes (the labels of every class the app and report show).
  const binary = describeFamily(result.settings.family).targetKind === 'binary';
  if (binary && !result.classes) return 'it does not record the two classes of its target';
  if (
    result.classes &&
    (!binary ||
      result.classes.negative === result.classes.positive ||
      result.settings.positiveClass !== result.classes.positive)
  )
    return 'its classes do not match its family and positive class';
  if (result.alphaSearch && result.alphaSearch.candidates.length === 0)
    return 'the α comparison has no candidates';
  for (const candidate of result.alphaSearch?.candidates ?? []) {
    const where = `the α comparison's α = ${candidate.alpha}`;
    const curve = candidate.cv;
    if (curve) {
      const ncv = curve.lambda.length;
      if (ncv === 0 || [curve.cvm, curve.cvsd, curve.nzero].some((v) => v.length !== ncv))
        return `${where} has a CV curve whose arrays do not agree`;
      if (![curve.indexMin, curve.index1se].every((k) => k >= 0 && k < ncv))
        return `${where} has its λ_min or λ_1se outside its CV curve`;
    }
    const path = candidate.path;
    if (path) {
      const n = path.lambda.length;
      if (
        n === 0 ||
        [path.a0, path.df, path.devRatio, path.beta].some((v) => v.length !== n) ||
        path.beta.some((row) => row.length !== p)
      )
        return `${where} has a path whose arrays do not agree`;
    }
  }
  const relaxed = result.relaxed;
  if (relaxed) {
    // The app and the report index the refits by λ and the curves by γ, then λ.
    const ng = relaxed.gammas.length;
    if (ng === 0) return 'the relaxed lasso has no γ values';
    if ([relaxed.a0, relaxed.beta, relaxed.refitted].some((v) => v.length !== nl))
      return `the relaxed refits do not have ${nl} values`;
    if (relaxed.beta.some((row) => row.length !== p))
      return `a row of the relaxed refits does not have ${p} coefficients`;
    const rcv = relaxed.cv;
    if (rcv) {
      if (
        [rcv.cvm, rcv.cvsd].some((curves) => curves.length !== ng) ||
        [...rcv.cvm, ...rcv.cvsd].some((curve) => curve.length !== nl)
      )
        return `the relaxed CV curves do not have ${ng} curves of ${nl} values`;
      if (
        ![rcv.indexMin, rcv.index1se].every((k) => k >= 0 && k < nl) ||
        ![rcv.gammaIndexMin, rcv.gammaIndex1se].every((g) => g >= 0 && g < ng)
      )
        return 'the relaxed (λ, γ) choices are outside the curves';
    }
  }
  return undefined;
}
