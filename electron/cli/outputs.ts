/** What `fit` can write besides its JSON: the HTML report and the fitted model, at one chosen λ. */
import { IC_RULES, type IcRule, icIndex } from '../../shared/analysis/informationCriteria';
import type { FittedModel } from '../../shared/analysis/model';
import { buildModel } from '../../shared/analysis/model';
import type { AnalysisResult } from '../../shared/analysis/result';
import type { AnalysisRun } from '../../shared/analysis/run';
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

export function modelJson(
  analysis: AnalysisRun,
  result: AnalysisResult,
  index: number,
): FittedModel {
  return buildModel(result, index, analysis.imputation);
}
