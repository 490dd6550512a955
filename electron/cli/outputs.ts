/** What `fit` can write besides its JSON: the HTML report and the fitted model, at one chosen λ. */
import { IC_RULES, type IcRule, icIndex } from '../../shared/analysis/informationCriteria';
import type { FittedModel, SelectedPoint } from '../../shared/analysis/model';
import { buildModel } from '../../shared/analysis/model';
import type { AnalysisResult } from '../../shared/analysis/result';
import type { AnalysisRun } from '../../shared/analysis/run';
import { coefficientsAt } from '../../shared/solver/interpolate';
import { UsageError } from './usage';

export type Selection = 'lambda-1se' | 'lambda-min' | IcRule | 'last' | number;

export function parseSelection(text: string | undefined): Selection | undefined {
  if (text === undefined) return undefined;
  if (text === 'lambda-1se' || text === 'lambda-min' || text === 'last') return text;
  if ((IC_RULES as readonly string[]).includes(text)) return text as IcRule;
  const value = Number(text);
  if (text.trim() !== '' && value > 0 && Number.isFinite(value)) return value;
  throw new UsageError(
    `--select must be lambda-1se, lambda-min, lambda-aic, lambda-bic, lambda-ebic, last or a λ value > 0; got '${text}'.`,
  );
}

/** The λ index a selection means: by default λ_1se with CV, else the smallest λ. */
export function selectIndex(result: AnalysisResult, selection: Selection | undefined): number {
  const last = result.path.lambda.length - 1;
  const choice = selection ?? (result.cv ? 'lambda-1se' : 'last');
  if (choice === 'last') return last;
  if (typeof choice === 'number') {
    let best = 0;
    result.path.lambda.forEach((lambda, k) => {
      if (
        Math.abs(Math.log(lambda / choice)) < Math.abs(Math.log(result.path.lambda[best]! / choice))
      )
        best = k;
    });
    return best;
  }
  if (choice === 'lambda-aic' || choice === 'lambda-bic' || choice === 'lambda-ebic') {
    if (!result.informationCriteria)
      throw new UsageError(
        `--select ${choice} needs the information criteria, which this path has none of (the effective df of so wide a ridge path is not computed); use --cv K or a λ value.`,
      );
    return icIndex(result.informationCriteria, choice);
  }
  if (!result.cv) throw new UsageError(`--select ${choice} needs cross-validation; add --cv K.`);
  return choice === 'lambda-1se' ? result.cv.index1se : result.cv.indexMin;
}

/**
 * A --select λ value that is not on the path (to 1e-9 relative), inside or beyond it; null
 * for a named selection or a fitted λ.
 */
export function offGridValue(
  result: AnalysisResult,
  selection: Selection | undefined,
): number | null {
  if (typeof selection !== 'number') return null;
  const onGrid = result.path.lambda.some(
    (lambda) => Math.abs(lambda - selection) <= 1e-9 * Math.max(lambda, selection),
  );
  return onGrid ? null : selection;
}

/**
 * predict.glmnet's coefficients at an off-grid λ (shared/solver/interpolate.ts): linear in λ
 * between the fitted λ_a > s > λ_b that bracket it, or the path's end beyond it.
 */
export function interpolatedPoint(result: AnalysisResult, value: number): SelectedPoint {
  const { lambda, a0, beta } = result.path;
  const at = coefficientsAt(lambda, a0, beta, [value]);
  const right = lambda.findIndex((l) => l < value);
  const between: [number, number] | null = right > 0 ? [lambda[right - 1]!, lambda[right]!] : null;
  return { lambda: value, a0: at.a0[0]!, beta: at.beta[0]!, between };
}

/** "interpolated between λ = 0.1234 and 0.1125, as predict.glmnet does" (or beyond the path). */
export function describeInterpolation(point: SelectedPoint, last: number, first: number): string {
  const fmt = (v: number) => Number(v.toPrecision(6)).toString();
  if (point.between)
    return `--select ${fmt(point.lambda)} is not a fitted λ: its coefficients are interpolated between λ = ${fmt(point.between[0])} and λ = ${fmt(point.between[1])}, as R's predict.glmnet does (--exact refits at it instead).`;
  const end = point.lambda > first ? first : last;
  return `--select ${fmt(point.lambda)} is beyond the fitted path: its coefficients are those at its end, λ = ${fmt(end)}, as R's predict.glmnet gives (--exact refits at it instead).`;
}

/** The λ sequence of predict.glmnet(exact = TRUE): the fitted one with the value inserted. */
export function sequenceWith(lambda: readonly number[], value: number): number[] {
  return [...lambda, value].sort((a, b) => b - a);
}

export function modelJson(
  analysis: AnalysisRun,
  result: AnalysisResult,
  index: number,
  point?: SelectedPoint,
): FittedModel {
  return buildModel(result, index, analysis.imputation, point);
}
