/**
 * The relaxed refits' properties that need no reference: a refit is least squares on its
 * active set (the residual is orthogonal to every active column and to the intercept); a
 * duplicated column (collinear active set) falls back to the λ = 0 solver and still fits the
 * same values; active sets beyond maxp = n − 3 are left out and take the last refit, as
 * glmnet's relax.glmnet and blend.relaxed(extend = TRUE).
 */
import { describe, expect, it } from 'vitest';
import { fitPath, SolverCancelledError } from '../../../shared/solver';
import { mulberry32 } from '../../../shared/solver/random';
import { relaxPath } from '../../../shared/solver/relaxed';

function problem(n: number, p: number, seed: number) {
  const random = mulberry32(seed);
  const values = Float64Array.from({ length: n * p }, () => random() * 2 - 1);
  const y = Float64Array.from({ length: n }, (_, i) => {
    let sum = 0.3 * (random() - 0.5);
    for (let j = 0; j < Math.min(p, 3); j++) sum += (j + 1) * values[j * n + i]!;
    return sum;
  });
  return { design: { n, p, values }, y };
}

const options = { thresh: 1e-14, maxIter: 1_000_000 };

describe('relaxed refits', () => {
  it('leave residuals orthogonal to the intercept and every active column', () => {
    const { design, y } = problem(60, 6, 7);
    const path = fitPath(design, y, options);
    const refit = relaxPath(design, y, null, options, path);
    refit.beta.forEach((beta, l) => {
      const residual = Array.from(y, (yi, i) => {
        let eta = refit.a0[l]!;
        beta.forEach((b, j) => {
          eta += b * design.values[j * design.n + i]!;
        });
        return yi - eta;
      });
      expect(Math.abs(residual.reduce((a, b) => a + b, 0))).toBeLessThan(1e-9);
      path.beta[l]!.forEach((b, j) => {
        if (b === 0) {
          expect(beta[j]).toBe(0);
          return;
        }
        const dot = residual.reduce((a, r, i) => a + r * design.values[j * design.n + i]!, 0);
        expect(Math.abs(dot)).toBeLessThan(1e-9);
      });
    });
  });

  it('fits a collinear active set (a duplicated column) by the λ = 0 solver', () => {
    const { design, y } = problem(40, 3, 11);
    const n = design.n;
    // Column 3 repeats column 0; both join the active set only when penalties allow it.
    const values = new Float64Array(n * 4);
    values.set(design.values);
    values.set(design.values.subarray(0, n), 3 * n);
    const doubled = { n, p: 4, values };
    const fake = { a0: [0], beta: [[1, 1, 1, 1]] };
    const refit = relaxPath(doubled, y, null, options, fake);
    const single = relaxPath(design, y, null, options, { a0: [0], beta: [[1, 1, 1]] });
    const b = refit.beta[0]!;
    const s = single.beta[0]!;
    expect(b[0]! + b[3]!).toBeCloseTo(s[0]!, 6);
    expect(b[1]).toBeCloseTo(s[1]!, 6);
    expect(refit.a0[0]).toBeCloseTo(single.a0[0]!, 6);
  });

  it('leaves out active sets beyond n − 3 columns, which take the last refit', () => {
    const { design, y } = problem(8, 7, 3);
    const path = {
      a0: [1, 2, 3],
      beta: [
        [1, 0, 0, 0, 0, 0, 0],
        [1, 1, 1, 1, 1, 1, 0],
        [1, 1, 0, 0, 0, 0, 0],
      ],
    };
    const refit = relaxPath(design, y, null, options, path);
    expect(refit.refitted).toEqual([true, false, true]);
    expect(refit.beta[1]).toEqual(refit.beta[2]);
    expect(refit.a0[1]).toBe(refit.a0[2]);
  });

  it('keeps the penalized fit where no active set could be refitted', () => {
    const { design, y } = problem(6, 5, 9);
    const path = {
      a0: [1, 2],
      beta: [
        [1, 1, 1, 1, 0],
        [1, 1, 1, 1, 1],
      ],
    };
    const refit = relaxPath(design, y, null, options, path);
    expect(refit.refitted).toEqual([false, false]);
    expect(refit.a0).toEqual(path.a0);
    expect(refit.beta).toEqual(path.beta);
  });

  it('stops before a refit when asked (cancel)', () => {
    const { design, y } = problem(20, 3, 5);
    const path = { a0: [0], beta: [[1, 0, 1]] };
    expect(() => relaxPath(design, y, null, options, path, () => true)).toThrow(
      SolverCancelledError,
    );
  });
});
