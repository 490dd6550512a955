import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FAR_FROM_OPTIMAL, pathCertificate } from '../../../shared/solver/certificate';
import { fitPath } from '../../../shared/solver/path';
import { mulberry32, normal } from '../../../shared/solver/random';
import type { DesignMatrix, PathOptions } from '../../../shared/solver/types';

/** A numeric CSV of the fixtures as a design (the named columns) and a target. */
function numericCsv(file: string, features: string[], target: string) {
  const [head, ...rows] = readFileSync(
    new URL(`../../fixtures/data/${file}`, import.meta.url),
    'utf8',
  )
    .trim()
    .split('\n');
  const names = head!.split(',').map((name) => name.replaceAll('"', ''));
  const cells = rows.map((row) => row.split(',').map(Number));
  const n = cells.length;
  const p = features.length;
  const values = new Float64Array(n * p);
  features.forEach((name, j) => {
    const at = names.indexOf(name);
    cells.forEach((row, i) => {
      values[j * n + i] = row[at]!;
    });
  });
  const t = names.indexOf(target);
  return { design: { n, p, values }, y: Float64Array.from(cells, (row) => row[t]!) };
}

interface Problem {
  design: DesignMatrix;
  y: Float64Array;
  weights?: Float64Array;
  offset?: Float64Array;
  options: Partial<PathOptions>;
}

/** A random small gaussian problem: sometimes dummies that sum to the intercept, unpenalized columns, weights, offset. */
const problems = fc
  .record({
    n: fc.integer({ min: 8, max: 30 }),
    p: fc.integer({ min: 2, max: 6 }),
    seed: fc.integer({ min: 1, max: 2 ** 31 - 1 }),
    alpha: fc.constantFrom(1, 0.7, 0.3, 0),
    intercept: fc.boolean(),
    standardize: fc.boolean(),
    dummies: fc.boolean(),
    unpenalized: fc.integer({ min: 0, max: 2 }),
    weighted: fc.boolean(),
    offset: fc.boolean(),
  })
  .map((spec): Problem => {
    let state = spec.seed;
    const uniform = () => {
      state = (Math.imul(state, 48271) >>> 0) % 2147483647 || 1;
      return state / 2147483647;
    };
    const normal = () => Math.sqrt(-2 * Math.log(uniform())) * Math.cos(2 * Math.PI * uniform());
    const { n } = spec;
    const p = spec.p + (spec.dummies ? 3 : 0);
    const values = new Float64Array(n * p);
    for (let j = 0; j < spec.p; j++) for (let i = 0; i < n; i++) values[j * n + i] = normal();
    if (spec.dummies)
      // Three 0/1 columns, one per level, that sum to 1: collinear with the intercept.
      for (let i = 0; i < n; i++) values[(spec.p + (i % 3)) * n + i] = 1;
    const y = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      y[i] = 0.5 * normal();
      for (let j = 0; j < p; j++) y[i]! += (j % 2 ? -1 : 1) * values[j * n + i]!;
    }
    const penaltyFactor = Array.from({ length: p }, (_, j) =>
      j >= p - Math.min(spec.unpenalized, p - 1) ? 0 : 1,
    );
    return {
      design: { n, p, values },
      y,
      ...(spec.weighted && { weights: Float64Array.from({ length: n }, () => 0.2 + uniform()) }),
      ...(spec.offset && { offset: Float64Array.from({ length: n }, () => normal()) }),
      options: {
        alpha: spec.alpha,
        intercept: spec.intercept,
        standardize: spec.standardize,
        penaltyFactor,
        nlambda: 12,
        lambdaMinRatio: 1e-3,
      },
    };
  });

function certify(problem: Problem, options: Partial<PathOptions>) {
  const { design, y, weights, offset } = problem;
  const fit = fitPath(design, y, { ...problem.options, weights, offset, ...options });
  return { fit, certificate: pathCertificate({ design, y, weights, offset }, fit)! };
}

describe('the convergence certificate (duality gap)', () => {
  it('bounds the true suboptimality, measured against a fit at thresh 1e-14', () => {
    fc.assert(
      fc.property(problems, fc.constantFrom(1e-2, 1e-4, 1e-7), (problem, thresh) => {
        const loose = certify(problem, { thresh });
        const exact = certify(problem, {
          lambda: loose.fit.lambda,
          thresh: 1e-14,
          maxIter: 10_000_000,
        });
        // A default grid's first point is the λ = ∞ fit (certificate.ts), compared with one.
        const exactAtInfinity = certify(problem, { thresh: 1e-14, maxIter: 10_000_000 });
        loose.fit.lambda.forEach((_, k) => {
          const gap = loose.certificate.gap[k]!;
          const objective = loose.certificate.objective[k]!;
          const best = (k === 0 ? exactAtInfinity : exact).certificate.objective[k]!;
          expect(gap).toBeGreaterThanOrEqual(0);
          // P(loose) − P(exact) ≤ P(loose) − min P ≤ gap, up to rounding in P.
          expect(objective - best).toBeLessThanOrEqual(gap + 1e-10 * objective);
          expect(loose.certificate.relativeGap[k]).toBeLessThanOrEqual(1);
        });
      }),
      { numRuns: 150 },
    );
  });

  it('closes at the optimum: a fit at 1e-14 has a gap near 0 (so the bound is not just P)', () => {
    fc.assert(
      fc.property(problems, (problem) => {
        const exact = certify(problem, { thresh: 1e-14, maxIter: 10_000_000 });
        for (const relative of exact.certificate.relativeGap)
          expect(relative).toBeLessThan(FAR_FROM_OPTIMAL / 10);
      }),
      { numRuns: 80 },
    );
  });

  it('certifies tall, correlated designs at the default thresh without false alarms (covariance-form polish)', () => {
    // Columns sharing a latent factor, which slows coordinate descent along it: the answers at
    // glmnet's default thresh are within about 1e-5 of optimal, yet their own residuals'
    // bounds reach 1e-2. The Gram-form polish (gramCertificate.ts) must certify every λ, and its
    // gaps must still bound the true suboptimality. One case has a column around 1e6 ± 1.
    for (const { seed, alpha, weighted, bigMean, intercept } of [
      { seed: 1, alpha: 1, weighted: false, bigMean: false, intercept: true },
      { seed: 2, alpha: 0.5, weighted: true, bigMean: true, intercept: true },
      { seed: 3, alpha: 1, weighted: true, bigMean: false, intercept: false },
    ]) {
      const random = mulberry32(seed);
      const [n, p] = [10_000, 80];
      const latent = Float64Array.from({ length: n }, () => normal(random));
      const values = new Float64Array(n * p);
      for (let j = 0; j < p; j++)
        for (let i = 0; i < n; i++) values[j * n + i] = 0.6 * latent[i]! + normal(random);
      if (bigMean) for (let i = 0; i < n; i++) values[i]! += 1e6;
      const y = Float64Array.from({ length: n }, (_, i) => {
        let signal = 2 * normal(random);
        for (let j = 0; j < 10; j++)
          signal += (j % 2 ? -1 : 1) * (values[j * n + i]! - (bigMean && j === 0 ? 1e6 : 0));
        return signal;
      });
      const weights = weighted ? Float64Array.from({ length: n }, () => 0.2 + random()) : undefined;
      const problem = { design: { n, p, values }, y, weights };
      const options = { alpha, weights, intercept };
      const fit = fitPath(problem.design, y, options);
      const certificate = pathCertificate(problem, fit)!;
      expect(Math.max(...certificate.relativeGap.map(Number))).toBeLessThan(FAR_FROM_OPTIMAL);
      const exact = fitPath(problem.design, y, {
        ...options,
        lambda: fit.lambda.map((l, k) => (k === 0 ? 9.9e35 : l)),
        thresh: 1e-14,
        maxIter: 100_000_000,
      });
      const best = pathCertificate(problem, exact)!.objective;
      fit.lambda.forEach((_, k) => {
        const objective = certificate.objective[k]!;
        expect(objective - best[k]!).toBeLessThanOrEqual(certificate.gap[k]! + 1e-10 * objective);
      });
    }
  });

  it('finds the fixtures at the default thresh well within FAR_FROM_OPTIMAL', () => {
    const prostate = numericCsv(
      'prostate.csv',
      ['lcavol', 'lweight', 'age', 'lbph', 'svi', 'lcp', 'gleason', 'pgg45'],
      'lpsa',
    );
    // diabetes: s1 … s4 nearly collinear, its answers still within 1e-5 of optimal.
    const diabetes = numericCsv(
      'diabetes.csv',
      ['age', 'sex', 'bmi', 'bp', 's1', 's2', 's3', 's4', 's5', 's6'],
      'y',
    );
    for (const problem of [prostate, diabetes])
      for (const alpha of [1, 0.5]) {
        const fit = fitPath(problem.design, problem.y, { alpha });
        const { relativeGap } = pathCertificate(problem, fit)!;
        expect(Math.max(...relativeGap.map(Number))).toBeLessThan(FAR_FROM_OPTIMAL);
      }
  });

  it('flags longley at the default thresh, and a fit at 1e-14 passes', () => {
    const features = ['GNP.deflator', 'GNP', 'Unemployed', 'Armed.Forces', 'Population', 'Year'];
    const longley = numericCsv('longley.csv', features, 'Employed');
    const fit = fitPath(longley.design, longley.y, { alpha: 1 });
    const loose = pathCertificate(longley, fit)!.relativeGap.map(Number);
    expect(Math.max(...loose)).toBeGreaterThan(FAR_FROM_OPTIMAL);
    const exact = fitPath(longley.design, longley.y, {
      alpha: 1,
      lambda: fit.lambda,
      thresh: 1e-14,
      maxIter: 10_000_000,
    });
    const tight = pathCertificate(longley, exact)!.relativeGap.map(Number);
    expect(Math.max(...tight)).toBeLessThan(FAR_FROM_OPTIMAL);
  });

  it('dispatches binomial to its own certificate (glmCertificate.test.ts)', () => {
    const design = { n: 6, p: 1, values: Float64Array.of(1, 2, 3, 4, 5, 6) };
    const y = Float64Array.of(0, 1, 0, 1, 1, 0);
    const fit = fitPath(design, y, { family: 'binomial', nlambda: 3 });
    expect(pathCertificate({ design, y }, fit)!.gap).toHaveLength(fit.lambda.length);
  });
});
