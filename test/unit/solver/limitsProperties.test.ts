/**
 * Coefficient bounds, properties that need no reference: the KKT conditions of the bounded
 * problem at every λ (gaussian in both update strategies, binomial, Poisson), no coefficient
 * outside its bounds, and the bounds glmnet refuses. On the standardized scale b̃_j = s_j·β_j,
 * with g_j the score and ρ_j the ridge term's derivative:
 *   interior nonzero:   g_j − ρ_j = λα·sign(b̃_j)
 *   at its upper bound: g_j − ρ_j ≥ λα      (the score pushes further up)
 *   at its lower bound: g_j − ρ_j ≤ −λα
 *   zero:               −λα ≤ g_j ≤ λα, one side dropped where that bound is 0.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fitPath, type PathResult } from '../../../shared/solver';
import { predictRows } from '../../../shared/solver/design';
import { familyByName } from '../../../shared/solver/families';
import type { FamilyName } from '../../../shared/solver/family';
import { glmResponse, randomProblem } from '../../helpers/randomProblem';

type Design = { n: number; p: number; values: Float64Array };

function responseFor(family: FamilyName, signal: Float64Array, seed: number): Float64Array {
  if (family === 'gaussian') return signal;
  return glmResponse(family, signal, seed + 7);
}

/** The worst violation of the bounded KKT conditions at path point k, relative to λ_max. */
function boundedKktViolation(
  family: FamilyName,
  design: Design,
  y: Float64Array,
  fit: PathResult,
  k: number,
  alpha: number,
  lower: number[],
  upper: number[],
): number {
  const { n, p, values } = design;
  const f = familyByName(family);
  const eta = predictRows(
    design,
    Int32Array.from({ length: n }, (_, i) => i),
    [fit.a0[k]!],
    [fit.beta[k]!],
  );
  const residual = Float64Array.from(eta, (e, i) => (y[i]! - f.inverseLink(e)) / n);
  const { xCenter, xScale, ySd } = fit.standardization;
  // gaussian's ridge part is divided by s_y (glmnet's objective on the original scale).
  const ridgeScale = family === 'gaussian' ? 1 / ySd : 1;
  const lambda = fit.lambda[k]!;
  const l1 = lambda * alpha;
  const near = (a: number, b: number) =>
    Number.isFinite(b) && Math.abs(a - b) <= 1e-12 * Math.max(1, Math.abs(b));
  let worst = 0;
  for (let j = 0; j < p; j++) {
    if (xScale[j] === 0) continue;
    let g = 0;
    for (let i = 0; i < n; i++)
      g += ((values[j * n + i]! - xCenter[j]!) / xScale[j]!) * residual[i]!;
    const beta = fit.beta[k]![j]!;
    const b = beta * xScale[j]!;
    const d = g - lambda * (1 - alpha) * b * ridgeScale;
    let excess: number;
    if (beta === 0) {
      excess = Math.max(lower[j] === 0 ? 0 : -d - l1, upper[j] === 0 ? 0 : d - l1, 0);
    } else if (near(beta, upper[j]!)) excess = Math.max(0, l1 - d);
    else if (near(beta, lower[j]!)) excess = Math.max(0, d + l1);
    else excess = Math.abs(d - l1 * Math.sign(b));
    worst = Math.max(worst, excess / fit.lambda[0]!);
  }
  return worst;
}

const boundsArbitrary = (p: number) =>
  fc.tuple(
    fc.array(fc.constantFrom(Number.NEGATIVE_INFINITY, 0, -0.05, -0.3), {
      minLength: p,
      maxLength: p,
    }),
    fc.array(fc.constantFrom(Number.POSITIVE_INFINITY, 0, 0.05, 0.3), {
      minLength: p,
      maxLength: p,
    }),
  );

describe.each([
  ['gaussian', 'covariance'],
  ['gaussian', 'naive'],
  ['binomial', 'auto'],
  ['poisson', 'auto'],
] as const)('bounded %s paths (%s updates)', (family, updates) => {
  it('meet the bounded KKT conditions and stay inside the bounds at every λ', () => {
    const p = 6;
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 2 ** 31 - 1 }),
        fc.constantFrom(1, 0.5, 0.1),
        boundsArbitrary(p),
        (seed, alpha, [lowerLimits, upperLimits]) => {
          const { design, y: signal } = randomProblem({ seed, n: 80, p });
          const y = responseFor(family, signal, seed);
          if (family === 'binomial' && (y.every((v) => v === 0) || y.every((v) => v === 1))) return;
          const fit = fitPath(design, y, {
            family,
            alpha,
            lowerLimits,
            upperLimits,
            updates: updates === 'auto' ? undefined : updates,
            thresh: 1e-13,
            nlambda: 30,
            pathStop: false,
          });
          expect(fit.diagnostics.converged).toBe(true);
          for (let k = 0; k < fit.lambda.length; k++) {
            fit.beta[k]!.forEach((b, j) => {
              expect(b).toBeGreaterThanOrEqual(lowerLimits[j]!);
              expect(b).toBeLessThanOrEqual(upperLimits[j]!);
            });
            if (k === 0) continue; // λ = ∞
            const worst = boundedKktViolation(
              family,
              design,
              y,
              fit,
              k,
              alpha,
              lowerLimits,
              upperLimits,
            );
            expect(worst).toBeLessThan(1e-5);
          }
        },
      ),
      { numRuns: 15 },
    );
  });
});

describe('bounds glmnet refuses', () => {
  const { design, y } = randomProblem({ seed: 1, n: 30, p: 3 });
  it.each([
    [{ lowerLimits: [0.1, 0, 0] }, /Lower limits must be ≤ 0.*column 1 has 0.1/],
    [{ upperLimits: [1, -1, 1] }, /Upper limits must be ≥ 0.*column 2 has -1/],
    [{ lowerLimits: [0, 0] }, /Expected 3 lower limits/],
    [{ upperLimits: [1, Number.NaN, 1] }, /Upper limits must be ≥ 0/],
  ])('%o', (limits, message) => {
    expect(() => fitPath(design, y, limits)).toThrow(message);
  });

  it('reads all-zero bounds as a null model except the intercept', () => {
    const fit = fitPath(design, y, { lowerLimits: [0, 0, 0], upperLimits: [0, 0, 0] });
    expect(fit.beta.every((row) => row.every((b) => b === 0))).toBe(true);
  });
});
