import { describe, expect, it } from 'vitest';
import {
  calibrationBins,
  confusionAt,
  poissonDevianceResidual,
  rocCurve,
} from '../../../shared/analysis/classification';
import { weightedAuc } from '../../../shared/solver/families/binomial';
import { poisson } from '../../../shared/solver/families/poisson';

/** A reproducible pseudo-random sequence (no test depends on Math.random). */
function lcg(seed: number) {
  let s = seed;
  return () => {
    s = (s * 1664525 + 1013904223) % 4294967296;
    return s / 4294967296;
  };
}

function sample(n: number, seed: number, ties: boolean) {
  const r = lcg(seed);
  const p = Float64Array.from({ length: n }, () => (ties ? Math.round(r() * 5) / 5 : r()));
  const y = Float64Array.from(p, (pi) => (r() < pi ? 1 : 0));
  const w = Float64Array.from({ length: n }, () => 0.2 + r() * 2);
  return { p, y, w };
}

describe('rocCurve', () => {
  it("gives the solver's weighted AUC, with and without ties and weights", () => {
    for (const ties of [false, true]) {
      const { p, y, w } = sample(300, ties ? 7 : 3, ties);
      const rows = Int32Array.from({ length: 300 }, (_, i) => i);
      expect(rocCurve(y, p).auc).toBeCloseTo(weightedAuc(y, rows, p, 0, null), 12);
      expect(rocCurve(y, p, w).auc).toBeCloseTo(weightedAuc(y, rows, p, 0, w), 12);
    }
  });

  it('counts a tie between a positive and a negative as one half', () => {
    expect(rocCurve([1, 0], [0.5, 0.5]).auc).toBe(0.5);
    expect(rocCurve([1, 0, 1, 0], [0.9, 0.1, 0.5, 0.5]).auc).toBe(0.875);
  });

  it('runs from (0, 0) to (1, 1), monotone, and is NaN with one class', () => {
    const { p, y } = sample(100, 5, false);
    const { points } = rocCurve(y, p);
    expect(points[0]).toMatchObject({ fpr: 0, tpr: 0 });
    expect(points.at(-1)).toMatchObject({ fpr: 1, tpr: 1 });
    for (let k = 1; k < points.length; k++) {
      expect(points[k]!.fpr).toBeGreaterThanOrEqual(points[k - 1]!.fpr);
      expect(points[k]!.tpr).toBeGreaterThanOrEqual(points[k - 1]!.tpr);
    }
    expect(rocCurve([1, 1], [0.2, 0.3]).auc).toBeNaN();
  });
});

describe('confusionAt', () => {
  it('calls ≥ threshold positive, and its counts sum to the rows (or weights)', () => {
    const y = [1, 0, 1, 0, 1];
    const p = [0.9, 0.6, 0.5, 0.2, 0.1];
    expect(confusionAt(y, p, 0.5)).toEqual({
      truePositive: 2,
      falseNegative: 1,
      falsePositive: 1,
      trueNegative: 1,
    });
    const { p: q, y: z, w } = sample(200, 9, false);
    const t = confusionAt(z, q, 0.3, w);
    const total = t.truePositive + t.falseNegative + t.falsePositive + t.trueNegative;
    expect(total).toBeCloseTo(
      w.reduce((a, b) => a + b, 0),
      10,
    );
    // The ROC point at a threshold is this table's rates.
    const roc = rocCurve(z, q, w).points.find((pt) => pt.threshold === q[17]);
    const at = confusionAt(z, q, q[17]!, w);
    expect(roc!.tpr).toBeCloseTo(at.truePositive / (at.truePositive + at.falseNegative), 12);
    expect(roc!.fpr).toBeCloseTo(at.falsePositive / (at.falsePositive + at.trueNegative), 12);
  });
});

describe('calibrationBins', () => {
  it('bins by predicted probability with the mean prediction and observed rate', () => {
    const bins = calibrationBins([0, 1, 1, 0, 1], [0.05, 0.08, 0.55, 0.52, 1]);
    expect(bins).toEqual([
      { from: 0, to: 0.1, meanPredicted: 0.065, observedRate: 0.5, count: 2, weight: 2 },
      { from: 0.5, to: 0.6, meanPredicted: 0.535, observedRate: 0.5, count: 2, weight: 2 },
      { from: 0.9, to: 1, meanPredicted: 1, observedRate: 1, count: 1, weight: 1 },
    ]);
  });

  it('keeps every row, and the weighted observed rates add up to the positives', () => {
    const { p, y, w } = sample(500, 11, false);
    const bins = calibrationBins(y, p, 10, w);
    expect(bins.reduce((a, b) => a + b.count, 0)).toBe(500);
    const positives = y.reduce((a, yi, i) => a + yi * w[i]!, 0);
    expect(bins.reduce((a, b) => a + b.observedRate * b.weight, 0)).toBeCloseTo(positives, 10);
  });
});

describe('poissonDevianceResidual', () => {
  it("squares and sums to the solver's Poisson deviance", () => {
    const y = Float64Array.from([0, 1, 4, 2, 9, 0, 3]);
    const mu = Float64Array.from([0.4, 1.7, 3.1, 2, 5.5, 1.2, 3.9]);
    const w = new Float64Array(y.length).fill(1);
    const sum = Array.from(y, (yi, i) => poissonDevianceResidual(yi, mu[i]!) ** 2).reduce(
      (a, b) => a + b,
    );
    expect(sum).toBeCloseTo(poisson.deviance(y, mu, w), 12);
    expect(poissonDevianceResidual(2, 2)).toBe(0);
    expect(poissonDevianceResidual(0, 0.4)).toBeCloseTo(-Math.sqrt(0.8), 14);
    expect(poissonDevianceResidual(4, 3.1)).toBeGreaterThan(0);
  });
});
