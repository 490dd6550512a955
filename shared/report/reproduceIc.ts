/**
 * Reproduce code for the information criteria (shared/analysis/informationCriteria.ts). R:
 * the criteria from glmnet's own fit (its deviance and df, or the effective df computed in a
 * few lines), and the λ each chooses. Python: scikit-learn's LassoLarsIC as a comparison when
 * the settings are a plain gaussian lasso, saying what differs (LARS knots, not the λ grid).
 */
import type { InformationCriteria } from '../analysis/informationCriteria';
import type { AnalysisResult } from '../analysis/result';
import { EXCLUDED } from '../analysis/schema';
import { numberLiteral as num, PYTHON } from './codeLiterals';

/** R lines after `fit <- glmnet(x, y, …)`; none when the result has no criteria or uses weights. */
export function rInformationCriteria(result: AnalysisResult): string[] {
  const ic = result.informationCriteria;
  if (!ic) return [];
  const s = result.settings;
  if (s.weights)
    return [
      '# Information criteria: not reproduced here with observation weights (Shrinkage normalizes them to sum to n).',
    ];
  const family = s.family ?? 'gaussian';
  const lines: string[] = [
    '# Information criteria along the path (Shrinkage’s AIC, BIC and extended BIC), from glmnet’s fit:',
    'n <- nrow(x)',
  ];
  const excluded = result.columns.flatMap((c, j) =>
    s.penaltyFactor[c] === EXCLUDED ? [String(j + 1)] : [],
  );
  const candidates = excluded.length > 0 ? `x[, -c(${excluded.join(', ')}), drop = FALSE]` : 'x';
  if (ic.dfKind === 'nonzero')
    lines.push('df <- fit$df  # lasso: the number of nonzero coefficients');
  else {
    const pf = result.columns.map((c) => {
      const v = s.penaltyFactor[c];
      return v === undefined || v === EXCLUDED ? 1 : v;
    });
    lines.push(
      `pf <- c(${pf.map(num).join(', ')}); pf <- pf * length(pf) / sum(pf)  # glmnet rescales the penalty factors`,
      s.standardize
        ? 'sx <- apply(x, 2, function(v) sqrt(mean((v - mean(v))^2)))  # glmnet’s scale: population sd'
        : 'sx <- rep(1, ncol(x))',
      `eta <- predict(fit, newx = x${s.offset ? ', newoffset = o' : ''})`,
      '# Effective df (Zou, Hastie & Tibshirani 2007): tr((MᵀVM + D)⁻¹MᵀVM) on the active set, M = [1, x_A / sx_A], D = diag(0, λ(1 − α)·pf_A)',
      'df <- sapply(seq_along(fit$lambda), function(l) {',
      '  A <- which(fit$beta[, l] != 0)',
      '  if (length(A) == 0) return(0)',
      family === 'binomial'
        ? '  mu <- 1 / (1 + exp(-eta[, l])); v <- mu * (1 - mu)'
        : family === 'poisson'
          ? '  v <- exp(eta[, l])'
          : '  v <- rep(1, n)',
      `  M <- ${s.intercept ? 'cbind(1, sweep(x[, A, drop = FALSE], 2, sx[A], "/"))' : 'sweep(x[, A, drop = FALSE], 2, sx[A], "/")'}`,
      '  G <- crossprod(M, M * v) / n',
      `  D <- diag(c(${s.intercept ? '0, ' : ''}fit$lambda[l] * (1 - ${num(s.alpha)}) * pf[A]), nrow = ncol(M))`,
      `  sum(diag(solve(G + D, G)))${s.intercept ? ' - 1' : ''}`,
      '})',
    );
  }
  lines.push(...rCriterion(ic, s.intercept, candidates, Boolean(s.offset)));
  lines.push(
    // lchoose rounds a fractional df; log C(p, df) through lgamma keeps an effective df whole.
    `ebic <- bic + 2 * ${num(ic.ebicGamma)} * (lgamma(${ic.candidates + 1}) - lgamma(df + 1) - lgamma(${ic.candidates} - df + 1))  # extended BIC, γ = ${num(ic.ebicGamma)}`,
    'c(lambda.aic = fit$lambda[which.min(aic)], lambda.bic = fit$lambda[which.min(bic)], lambda.ebic = fit$lambda[which.min(ebic)])',
  );
  return lines;
}

function rCriterion(
  ic: InformationCriteria,
  intercept: boolean,
  candidates: string,
  offset: boolean,
): string[] {
  if (ic.form === 'deviance')
    return [
      'aic <- deviance(fit) + 2 * df  # deviance: −2 log-likelihood up to a constant',
      'bic <- deviance(fit) + log(n) * df',
    ];
  if (ic.form === 'gaussian-profile')
    return [
      '# n ≤ p: no residual degrees of freedom for σ², so σ² is profiled out',
      'aic <- n * log(deviance(fit) / n) + 2 * df',
      'bic <- n * log(deviance(fit) / n) + log(n) * df',
    ];
  const sigma2 =
    ic.noiseVarianceSource === 'user'
      ? `sigma2 <- ${num(ic.noiseVariance!)}  # σ² as given`
      : `ols <- lm.fit(${intercept ? `cbind(1, ${candidates})` : candidates}, y${offset ? ' - o' : ''}); sigma2 <- sum(ols$residuals^2) / (n - ols$rank)  # σ² of least squares, as LassoLarsIC`;
  return [
    sigma2,
    'aic <- n * log(2 * pi * sigma2) + deviance(fit) / sigma2 + 2 * df',
    'bic <- n * log(2 * pi * sigma2) + deviance(fit) / sigma2 + log(n) * df',
  ];
}

/** Whether scikit-learn's LassoLarsIC fits the same criterion: a plain gaussian lasso. */
function lassoLarsComparable(result: AnalysisResult): boolean {
  const s = result.settings;
  return (
    (s.family ?? 'gaussian') === 'gaussian' &&
    s.alpha === 1 &&
    !s.weights &&
    !s.offset &&
    Object.values(s.penaltyFactor).every((v) => v === 1)
  );
}

/** Python lines after the model: LassoLarsIC as a comparison, or a note why there is none. */
export function pythonInformationCriteria(result: AnalysisResult): string[] {
  const ic = result.informationCriteria;
  if (!ic) return [];
  const s = result.settings;
  if (!lassoLarsComparable(result))
    return [
      PYTHON.comment(
        'Information criteria: scikit-learn’s LassoLarsIC covers only the unweighted gaussian lasso without penalty factors, so Shrinkage’s AIC/BIC here have no scikit-learn counterpart (the R code computes them).',
      ),
    ];
  const sigma =
    ic.noiseVarianceSource === 'user' ? `, noise_variance=${num(ic.noiseVariance!)}` : '';
  return [
    '',
    PYTHON.comment(
      `Information criteria, for comparison: LassoLarsIC computes the same criterion (n·log(2πσ²) + RSS/σ² + k·df, σ² from least squares) but at the knots of the LARS path, not at Shrinkage’s λ grid, so its choice can fall between two of Shrinkage’s λ values. Shrinkage chose λ_AIC = ${num(ic.lambdaAic)}, λ_BIC = ${num(ic.lambdaBic)}${ic.noiseVariance !== null ? `, σ² = ${num(ic.noiseVariance)}` : ''}.`,
    ),
    'from sklearn.linear_model import LassoLarsIC',
    s.standardize
      ? 'X_ic = X / X.std(axis=0)  # glmnet’s standardization (population sd); LassoLarsIC does not scale, so alpha_ is λ'
      : 'X_ic = X',
    'for criterion in ["aic", "bic"]:',
    `    ic = LassoLarsIC(criterion=criterion, fit_intercept=${s.intercept ? 'True' : 'False'}${sigma}).fit(X_ic, y)`,
    '    print(criterion, ic.alpha_, ic.noise_variance_, [c for c, b in zip(columns, ic.coef_) if b != 0])',
  ];
}
