/** Seeded dense benchmark problems (same data on every run and machine). */
import { mulberry32, normal } from '../shared/solver/random';
import type { DesignMatrix } from '../shared/solver/types';

export interface BenchProblem {
  name: string;
  design: DesignMatrix;
  y: Float64Array;
}

/** n × p, columns sharing a latent factor (correlation ≈ 0.26), 10 true nonzero coefficients. */
export function denseProblem(n: number, p: number, seed = 20261127): BenchProblem {
  const { design, signal, random } = denseSignal(n, p, seed);
  const y = Float64Array.from(signal, (s) => s + 2 * normal(random));
  return { name: `${n}x${p}`, design, y };
}

/**
 * The same design and signal, y ~ Bernoulli(σ(signal / 3)) coded 0/1: a logistic problem whose
 * classes overlap (the scaled signal's sd is about 2), so the path is not cut short by separation.
 */
export function binomialProblem(n: number, p: number, seed = 20261127): BenchProblem {
  const { design, signal, random } = denseSignal(n, p, seed);
  const y = Float64Array.from(signal, (s) => (random() < 1 / (1 + Math.exp(-s / 3)) ? 1 : 0));
  return { name: `binomial-${n}x${p}`, design, y };
}

function denseSignal(n: number, p: number, seed: number) {
  const random = mulberry32(seed);
  const values = new Float64Array(n * p);
  const latent = Float64Array.from({ length: n }, () => normal(random));
  for (let j = 0; j < p; j++) {
    const offset = j * n;
    for (let i = 0; i < n; i++) values[offset + i] = 0.6 * latent[i]! + normal(random);
  }
  const signal = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < Math.min(10, p); j++)
      signal[i]! += (j % 2 ? -1 : 1) * (1 + j / 5) * values[j * n + i]!;
  }
  return { design: { n, p, values } as DesignMatrix, signal, random };
}

/** The problem as CSV text (x1 … xp, y), for end-to-end runs through the CLI. */
export function problemCsv({ design, y }: BenchProblem): string {
  const { n, p, values } = design;
  const lines = [[...Array.from({ length: p }, (_, j) => `x${j + 1}`), 'y'].join(',')];
  for (let i = 0; i < n; i++) {
    const cells: string[] = [];
    for (let j = 0; j < p; j++) cells.push(values[j * n + i]!.toPrecision(17));
    cells.push(y[i]!.toPrecision(17));
    lines.push(cells.join(','));
  }
  return `${lines.join('\n')}\n`;
}
