/**
 * A reference that shares no code with the solver: at λ = 0 every penalty is gone, and the path
 * must reach ordinary least squares, solved here with ml-matrix's dense linear algebra.
 */
import { Matrix, QrDecomposition } from 'ml-matrix';
import { describe, expect, it } from 'vitest';
import { fitPath } from '../../../shared/solver';
import { randomProblem } from '../../helpers/randomProblem';

describe('λ = 0 is least squares', () => {
  it.each([
    [1, 'covariance'],
    [0.5, 'naive'],
    [0, 'covariance'],
  ] as const)(
    'alpha %s (%s updates) matches least squares solved by ml-matrix (QR)',
    (alpha, updates) => {
      const { design, y } = randomProblem({ seed: 17, n: 120, p: 8, wildScales: true });
      const { n, p, values } = design;
      // Intercept by centring; least squares by QR of X itself (the normal equations would square
      // the condition number, which these wildly scaled columns make about 1e8).
      const means = Array.from(
        { length: p },
        (_, j) => values.subarray(j * n, (j + 1) * n).reduce((a, b) => a + b, 0) / n,
      );
      const yMean = y.reduce((a, b) => a + b, 0) / n;
      const X = new Matrix(n, p);
      for (let i = 0; i < n; i++)
        for (let j = 0; j < p; j++) X.set(i, j, values[j * n + i]! - means[j]!);
      const Y = Matrix.columnVector(Array.from(y, (v) => v - yMean));
      const beta = new QrDecomposition(X).solve(Y).getColumn(0);
      const sd = (j: number) => Math.sqrt(X.getColumn(j).reduce((a, v) => a + v * v, 0) / n);
      const sdY = Math.sqrt(Y.getColumn(0).reduce((a, v) => a + v * v, 0) / n);
      const intercept = yMean - beta.reduce((a, b, j) => a + b * means[j]!, 0);

      const fit = fitPath(design, y, {
        alpha,
        lambda: [0],
        thresh: 1e-20,
        maxIter: 10_000_000,
        updates,
      });
      expect(fit.diagnostics.converged).toBe(true);
      // Compared per sd of each feature and of y, the scale on which coefficients are comparable.
      fit.beta[0]!.forEach((b, j) => {
        expect((Math.abs(b - beta[j]!) * sd(j)) / sdY).toBeLessThan(1e-9);
      });
      expect(fit.a0[0]).toBeCloseTo(intercept, 6);
    },
  );
});
