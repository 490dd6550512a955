/**
 * The scale the coefficient path opens on, in the app and the report alike: the one rule
 * (proposeCoefficientScale) and the sentence saying why (scaleReason).
 */
import { shownCoefficients } from './coefficientNoise';
import type { AnalysisResult } from './result';

/** Original units, or β_j·sd_j/sd_y (comparable across features measured in different units). */
export type CoefficientScale = 'original' | 'standardized';

/**
 * From this many orders of magnitude between the original-scale coefficients of features that
 * matter comparably, the path is drawn standardized by default: on the original scale the
 * smaller ones would lie flat on 0 (under 1% of the axis), a matter of units rather than of
 * effect. Pima's ped (1.8) against glu (0.02) is such a case.
 */
export const STANDARDIZE_FROM_ORDERS = 2;
/** Features whose largest standardized coefficient is under this share of the largest one are left out of the comparison (a feature entering last is small on every scale). */
const COMPARABLE_SHARE = 0.01;

export interface ScaleProposal {
  scale: CoefficientScale;
  /** Whole orders of magnitude between the compared features' original-scale coefficients; null when fewer than two can be compared. */
  orders: number | null;
}

/**
 * The scale the path opens on: standardized when, among features whose standardized
 * coefficients are of comparable size (each one's largest |β_j·sd_j| along the path at least
 * 1% of the largest), the original-scale magnitudes (largest |β_j| along the path) span
 * STANDARDIZE_FROM_ORDERS or more orders of magnitude; else original.
 */
export function proposeCoefficientScale(result: AnalysisResult): ScaleProposal {
  const { xSd } = result.standardization;
  const p = result.columns.length;
  const original = new Array<number>(p).fill(0);
  const standardized = new Array<number>(p).fill(0);
  for (const row of result.path.beta) {
    const shown = shownCoefficients(row, xSd);
    for (let j = 0; j < p; j++) {
      const b = Math.abs(shown[j]!);
      if (b > original[j]!) original[j] = b;
      const s = b * xSd[j]!;
      if (s > standardized[j]!) standardized[j] = s;
    }
  }
  const largest = Math.max(0, ...standardized);
  const compared = original.filter(
    (b, j) => b > 0 && largest > 0 && standardized[j]! >= COMPARABLE_SHARE * largest,
  );
  if (compared.length < 2) return { scale: 'original', orders: null };
  const orders = Math.floor(Math.log10(Math.max(...compared) / Math.min(...compared)) + 1e-9);
  return { scale: orders >= STANDARDIZE_FROM_ORDERS ? 'standardized' : 'original', orders };
}

const SUPERSCRIPT = '⁰¹²³⁴⁵⁶⁷⁸⁹';
/** 10 to a whole power as people write it: 10⁴, 10¹². */
export function powerOfTen(exponent: number): string {
  return `10${String(exponent).replace(/\d/g, (d) => SUPERSCRIPT[Number(d)]!)}`;
}

/** Why the path is on the scale it is on, when the proposal had a reason; else undefined. */
export function scaleReason(proposal: ScaleProposal, shown: CoefficientScale): string | undefined {
  if (proposal.orders === null || proposal.orders < STANDARDIZE_FROM_ORDERS) return undefined;
  const span = powerOfTen(proposal.orders);
  return shown === 'standardized'
    ? `Standardized scale: coefficients differ by ${span} on the original scale.`
    : `Original scale: coefficients differ by ${span}, so the smaller ones lie flat near 0.`;
}
