/**
 * The information criteria in words, the same for the CLI, the app and the report: how σ² was
 * obtained, how df was counted, and the λ each criterion chooses. Plain text; callers escape.
 */
import type { InformationCriteria } from './informationCriteria';

export const IC_LABEL = { aic: 'AIC', bic: 'BIC', ebic: 'EBIC' } as const;
export type IcKey = keyof typeof IC_LABEL;
export const IC_KEYS: readonly IcKey[] = ['aic', 'bic', 'ebic'];

/** The λ symbol each criterion's choice goes by (λ_AIC …), beside λ_min and λ_1se. */
export const IC_LAMBDA_LABEL: Record<IcKey, string> = {
  aic: 'λ_AIC',
  bic: 'λ_BIC',
  ebic: 'λ_EBIC',
};

export function icChoice(
  block: InformationCriteria,
  key: IcKey,
): { index: number; lambda: number } {
  if (key === 'aic') return { index: block.indexAic, lambda: block.lambdaAic };
  if (key === 'bic') return { index: block.indexBic, lambda: block.lambdaBic };
  return { index: block.indexEbic, lambda: block.lambdaEbic };
}

function format(value: number): string {
  const magnitude = Math.abs(value);
  if (value !== 0 && (magnitude >= 1e6 || magnitude < 1e-3)) return value.toExponential(3);
  return Number(value.toPrecision(4)).toString();
}

/** What the criterion is, with the σ² it used and where that came from. */
export function icFormSentence(block: InformationCriteria): string {
  if (block.form === 'deviance')
    return 'AIC = deviance + 2·df, BIC = deviance + log(n)·df (the deviance is −2 log-likelihood up to a constant; no σ²).';
  if (block.form === 'gaussian-profile')
    return `AIC = n·log(RSS/n) + 2·df, BIC = n·log(RSS/n) + log(n)·df: σ² profiled out, because ${block.profileReason === 'too-costly' ? 'the least-squares fit on every column would take too long with this many rows and columns' : 'with n ≤ p the least-squares fit leaves no residual degrees of freedom to estimate it'} (give a σ² with --noise-variance for the σ² form).`;
  const source =
    block.noiseVarianceSource === 'user'
      ? 'as given'
      : `estimated from the least-squares fit on every column, RSS/(n − p − 1) with ${block.olsResidualDf} residual degrees of freedom, as scikit-learn's LassoLarsIC`;
  return `AIC = n·log(2πσ²) + RSS/σ² + 2·df, BIC the same with log(n)·df; σ² = ${format(block.noiseVariance!)}, ${source}.`;
}

export function icDfSentence(block: InformationCriteria): string {
  const df =
    block.dfKind === 'nonzero'
      ? 'df is the number of nonzero coefficients (lasso; Zou, Hastie & Tibshirani 2007)'
      : 'df is the effective degrees of freedom on the active set, tr(X_A(X_AᵀWX_A + λ(1−α)·I)⁻¹X_AᵀW) on glmnet’s scale (ridge and elastic net; Zou, Hastie & Tibshirani 2007)';
  return `${df}; the extended BIC adds 2γ·log C(p, df) with γ = ${block.ebicGamma} and p = ${block.candidates} (Chen & Chen 2008).`;
}

/** "λ_AIC = 0.19 (9 nonzero), …": each criterion's choice. */
export function icChoicesSentence(
  block: InformationCriteria,
  nonzero: (index: number) => number,
): string {
  return IC_KEYS.map((key) => {
    const { index, lambda } = icChoice(block, key);
    return `${IC_LAMBDA_LABEL[key]} = ${format(lambda)} (${nonzero(index)} nonzero, df ${format(block.df[index]!)})`;
  }).join('; ');
}

/** The criteria's choices as marks, those at one λ index together ("λ_AIC = λ_BIC"). */
export function icMarks(block: InformationCriteria): { index: number; label: string }[] {
  const byIndex = new Map<number, string[]>();
  for (const key of IC_KEYS) {
    const { index } = icChoice(block, key);
    byIndex.set(index, [...(byIndex.get(index) ?? []), IC_LAMBDA_LABEL[key]]);
  }
  return [...byIndex].map(([index, labels]) => ({ index, label: labels.join(' = ') }));
}
