/**
 * Properties of binomial and Poisson paths that need no reference: the KKT conditions of the
 * penalized log-likelihood at every λ, the intercept's score Σw(y − μ) = 0, β = 0 at λ ≥ λ_max,
 * integer weights equal duplicated rows, an offset that is constant shifts only the intercept,
 * and the inputs each family refuses.
 */
import { describe, expect, it } from 'vitest';
import { fitPath, type PathOptions } from '../../../shared/solver';
import { predictRows } from '../../../shared/solver/design';
import { familyByName } from '../../../shared/solver/families';
import type { FamilyName } from '../../../shared/solver/family';
import { mulberry32 } from '../../../shared/solver/random';
import { glmResponse, randomProblem } from '../../helpers/randomProblem';

function glmProblem(family: 'binomial' | 'poisson', seed: number, n = 120, p = 8) {
  const { design, y: signal } = randomProblem({ seed, n, p });
  const y = glmResponse(family, signal, seed + 1000);
  return { design, y };
}

/** Σ w_i·x_ij·(y_i − μ_i) / Σw on the standardized scale, the penalized score of column j. */
function kktViolation(
  family: FamilyName,
  design: { n: number; p: number; values: Float64Array },
  y: Float64Array,
  fit: ReturnType<typeof fitPath>,
  k: number,
  options: { alpha: number; weights?: Float64Array; offset?: Float64Array },
) {
  const { n, p, values } = design;
  const f = familyByName(family);
  const rows = Int32Array.from({ length: n }, (_, i) => i);
  const eta = predictRows(design, rows, [fit.a0[k]!], [fit.beta[k]!]);
  const w = options.weights ?? new Float64Array(n).fill(1);
  const total = w.reduce((a, b) => a + b, 0);
  const residual = Float64Array.from(eta, (e, i) => {
    const mu = f.inverseLink(e + (options.offset ? options.offset[i]! : 0));
    return (w[i]! * (y[i]! - mu)) / total;
  });
  const lambda = fit.lambda[k]!;
  const { xCenter, xScale } = fit.standardization;
  let interceptScore = 0;
  for (let i = 0; i < n; i++) interceptScore += residual[i]!;
  let worst = 0;
  for (let j = 0; j < p; j++) {
    let g = 0;
    for (let i = 0; i < n; i++)
      g += ((values[j * n + i]! - xCenter[j]!) / xScale[j]!) * residual[i]!;
    const b = fit.beta[k]![j]! * xScale[j]!;
    const l1 = lambda * options.alpha;
    const ridge = lambda * (1 - options.alpha) * b;
    // Active: g − ridge = l1·sign(b); inactive: |g| ≤ l1.
    const excess =
      b !== 0 ? Math.abs(g - ridge - l1 * Math.sign(b)) : Math.max(0, Math.abs(g) - l1);
    // Relative to λ_max: at the path's end λ is 1e-4 of it, and thresh bounds the
    // coefficients' movement, not the score's, so the score settles to ~1e-8 of λ_max (a wrong solution misses by O(1)).
    worst = Math.max(worst, excess / fit.lambda[0]!);
  }
  return { worst, interceptScore };
}

describe.each(['binomial', 'poisson'] as const)('%s paths', (family) => {
  it.each([1, 0.5, 0.05])(
    'meet the KKT conditions and a zero intercept score at every λ (α = %s)',
    (alpha) => {
      for (const seed of [1, 2, 3]) {
        const { design, y } = glmProblem(family, seed);
        const fit = fitPath(design, y, { family, alpha, thresh: 1e-14, maxIter: 1e6 });
        expect(fit.diagnostics.converged).toBe(true);
        for (let k = 1; k < fit.lambda.length; k++) {
          const { worst, interceptScore } = kktViolation(family, design, y, fit, k, { alpha });
          expect(worst).toBeLessThan(1e-7);
          expect(Math.abs(interceptScore)).toBeLessThan(1e-9);
        }
      }
    },
  );

  it('has every coefficient 0 at λ ≥ λ_max and a nonzero one just below', () => {
    const { design, y } = glmProblem(family, 4);
    const fit = fitPath(design, y, { family, thresh: 1e-14 });
    const lambdaMax = fit.diagnostics.lambdaMax;
    expect(fit.lambda[0]).toBeCloseTo(lambdaMax, 12);
    const at = fitPath(design, y, {
      family,
      thresh: 1e-14,
      lambda: [lambdaMax * 2, lambdaMax, lambdaMax * 0.999],
    });
    expect(at.beta[0]!.every((b) => b === 0)).toBe(true);
    expect(at.beta[1]!.every((b) => b === 0)).toBe(true);
    expect(at.beta[2]!.some((b) => b !== 0)).toBe(true);
    // The intercept-only fit: glmnet's starting intercept.
    expect(at.a0[0]).toBeCloseTo(familyByName(family).startIntercept(y, null, null), 10);
  });

  it('treats integer weights as duplicated rows', () => {
    const { design, y } = glmProblem(family, 5, 60, 5);
    const { n, p, values } = design;
    const random = mulberry32(9);
    const weights = Float64Array.from({ length: n }, () => Math.floor(random() * 3) + 1);
    const rows: number[] = [];
    for (let i = 0; i < n; i++) for (let c = 0; c < weights[i]!; c++) rows.push(i);
    const m = rows.length;
    const copied = new Float64Array(m * p);
    for (let j = 0; j < p; j++)
      for (const [r, i] of rows.entries()) copied[j * m + r] = values[j * n + i]!;
    const options: Partial<PathOptions> = { family, alpha: 0.7, thresh: 1e-14 };
    const weighted = fitPath(design, y, { ...options, weights });
    const lambda = weighted.lambda;
    const duplicated = fitPath(
      { n: m, p, values: copied },
      Float64Array.from(rows, (i) => y[i]!),
      { ...options, lambda },
    );
    const again = fitPath(design, y, { ...options, weights, lambda });
    for (let k = 1; k < lambda.length; k++) {
      for (let j = 0; j < p; j++) {
        expect(again.beta[k]![j]!).toBeCloseTo(duplicated.beta[k]![j]!, 7);
      }
      expect(again.a0[k]!).toBeCloseTo(duplicated.a0[k]!, 7);
    }
    expect(weighted.nulldev).toBeCloseTo(duplicated.nulldev, 8);
  });

  it('moves only the intercept for a constant offset, and keeps KKT with a varying one', () => {
    const { design, y } = glmProblem(family, 6);
    const { n } = design;
    const base = fitPath(design, y, { family, thresh: 1e-14 });
    const shifted = fitPath(design, y, {
      family,
      thresh: 1e-14,
      offset: new Float64Array(n).fill(0.7),
      lambda: base.lambda,
    });
    for (let k = 1; k < base.lambda.length; k++) {
      expect(shifted.a0[k]!).toBeCloseTo(base.a0[k]! - 0.7, 7);
      for (const [j, b] of base.beta[k]!.entries()) expect(shifted.beta[k]![j]!).toBeCloseTo(b, 7);
    }
    const random = mulberry32(3);
    const offset = Float64Array.from({ length: n }, () => random() - 0.5);
    const withOffset = fitPath(design, y, { family, thresh: 1e-14, alpha: 0.5, offset });
    for (let k = 1; k < withOffset.lambda.length; k++) {
      const { worst, interceptScore } = kktViolation(family, design, y, withOffset, k, {
        alpha: 0.5,
        offset,
      });
      expect(worst).toBeLessThan(1e-7);
      expect(Math.abs(interceptScore)).toBeLessThan(1e-9);
    }
  });

  it('fits without an intercept or standardization, KKT holding', () => {
    const { design, y } = glmProblem(family, 7);
    for (const options of [{ intercept: false }, { standardize: false }]) {
      const fit = fitPath(design, y, { family, thresh: 1e-14, alpha: 0.8, ...options });
      if (options.intercept === false) expect(fit.a0.every((a) => a === 0)).toBe(true);
      for (let k = 1; k < fit.lambda.length; k++) {
        const { worst } = kktViolation(family, design, y, fit, k, { alpha: 0.8 });
        expect(worst).toBeLessThan(1e-7);
      }
    }
  });
});

describe('targets each family refuses', () => {
  const { design } = randomProblem({ seed: 1, n: 10, p: 2 });
  it('binomial: values outside [0, 1], or a single class', () => {
    const y = Float64Array.from({ length: 10 }, (_, i) => i % 2);
    y[3] = 2;
    expect(() => fitPath(design, y, { family: 'binomial' })).toThrow(/row 4 has 2/);
    expect(() => fitPath(design, new Float64Array(10).fill(1), { family: 'binomial' })).toThrow(
      /only rows of the modelled class/,
    );
  });
  it('poisson: negative counts, or all zero', () => {
    const y = Float64Array.from({ length: 10 }, (_, i) => i);
    y[5] = -1;
    expect(() => fitPath(design, y, { family: 'poisson' })).toThrow(
      /row 6 has -1, which is negative/,
    );
    expect(() => fitPath(design, new Float64Array(10), { family: 'poisson' })).toThrow(
      /Every count/,
    );
  });
});

describe('separable classes', () => {
  it('stop the path when the fit saturates, with a warning, as glmnet does', () => {
    const { design } = randomProblem({ seed: 3, n: 60, p: 3 });
    const y = Float64Array.from({ length: 60 }, (_, i) => (design.values[i]! > 0 ? 1 : 0));
    const fit = fitPath(design, y, { family: 'binomial' });
    expect(fit.lambda.length).toBeLessThan(100);
    const codes = fit.diagnostics.warnings.map((w) => w.code);
    expect(codes.some((c) => c === 'path-saturated' || c === 'probabilities-clamped')).toBe(true);
    expect(fit.beta.flat().every(Number.isFinite)).toBe(true);
  });
});
