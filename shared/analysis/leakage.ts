/**
 * Signs that a feature leaks the target (issue 16, item 7): a fit this good on real data usually
 * means a feature is the target in disguise (a copy, a rescaling, a value computed from it).
 *
 *   'possible-leakage'  a feature with a design column correlated above LEAKAGE_CORRELATION
 *                       with the target on the fitted rows (columns = those features)
 *   'near-perfect-fit'  deviance explained reaches NEAR_PERFECT_DEVIANCE on the path
 *                       (columns = the features in the model at the first λ that reaches it,
 *                       the smallest set that explains the target almost exactly)
 *
 * Both are warnings, not errors: an exact simulated relation is a legitimate test.
 */
import type { DesignColumn } from '../data/design';
import type { DesignMatrix, PathResult } from '../solver/types';
import { type Warning, warning } from '../warning';

/** |Pearson correlation| above which a feature is reported as a possible leak. */
export const LEAKAGE_CORRELATION = 0.99;
/** Deviance explained at or above which the fit is reported as near perfect. */
export const NEAR_PERFECT_DEVIANCE = 0.999;

/** Pearson correlation of column j with y, or NaN when either is constant. */
function correlation(design: DesignMatrix, j: number, y: Float64Array): number {
  const { n, values } = design;
  const start = j * n;
  let mx = 0;
  let my = 0;
  for (let i = 0; i < n; i++) {
    mx += values[start + i]!;
    my += y[i]!;
  }
  mx /= n;
  my /= n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    const dx = values[start + i]! - mx;
    const dy = y[i]! - my;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  return sxx > 0 && syy > 0 ? sxy / Math.sqrt(sxx * syy) : Number.NaN;
}

const list = (names: string[]) => names.join(', ');

export function leakageWarnings(
  fitted: { design: DesignMatrix; y: Float64Array },
  columns: readonly DesignColumn[],
  path: PathResult,
  target: string,
): Warning[] {
  const warnings: Warning[] = [];
  const leaking = new Set<string>();
  for (let j = 0; j < fitted.design.p; j++) {
    const r = correlation(fitted.design, j, fitted.y);
    if (Math.abs(r) > LEAKAGE_CORRELATION) leaking.add(columns[j]!.feature);
  }
  if (leaking.size > 0) {
    const names = [...leaking];
    warnings.push(
      warning(
        'possible-leakage',
        `${list(names)} ${names.length === 1 ? 'is' : 'are'} correlated above ${LEAKAGE_CORRELATION} with the target ${target}: check that ${names.length === 1 ? 'it is' : 'they are'} not computed from the target or known only after it; if so, untick ${names.length === 1 ? 'it' : 'them'}.`,
        names,
      ),
    );
  }
  const k = path.devRatio.findIndex((d) => d >= NEAR_PERFECT_DEVIANCE);
  if (k >= 0) {
    const inModel = new Set<string>();
    path.beta[k]!.forEach((b, j) => {
      if (b !== 0) inModel.add(columns[j]!.feature);
    });
    const names = [...inModel];
    const percent = (path.devRatio[k]! * 100).toFixed(2);
    warnings.push(
      warning(
        'near-perfect-fit',
        `Deviance explained reaches ${percent}% with ${names.length === 0 ? 'no feature' : list(names)}: a fit this close to perfect usually means a feature leaks the target ${target}. Check ${names.length === 1 ? 'it' : 'them'} before trusting the model.`,
        names,
      ),
    );
  }
  return warnings;
}
