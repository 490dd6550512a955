/**
 * The path chart's pure helpers (renderer/lib/results.ts): the default coefficient scale and
 * its reason, the feature-count axis along the top, and the end-of-line labels (which lines,
 * nudged apart, names cut short).
 */
import { describe, expect, it } from 'vitest';
import {
  endLabelColumns,
  featureCountAt,
  featureCountTicks,
  pathSeries,
  powerOfTen,
  proposeCoefficientScale,
  scaleReason,
  spreadLabels,
  truncateName,
} from '../../../renderer/lib/results';
import { analysisResult } from '../../../shared/analysis/result';
import { runAnalysis } from '../../../shared/analysis/run';
import { DEFAULT_SETTINGS } from '../../../shared/analysis/settings';
import { readCsvText } from '../../../shared/data/csv';
import { renderReport } from '../../../shared/report/html';

/** y depends on a, b and c alike; each is written in its own unit (× units[j]). */
async function fitWithUnits(units: number[]) {
  const lines = ['a,b,c,y'];
  for (let i = 0; i < 80; i++) {
    const a = Math.sin(i * 1.3);
    const b = Math.cos(i * 0.7);
    const c = Math.sin(i * 0.37 + 1);
    const y = a + 0.8 * b - 0.6 * c + 0.3 * Math.sin(i * 5.1);
    lines.push([a * units[0]!, b * units[1]!, c * units[2]!, y].join(','));
  }
  const dataset = readCsvText(lines.join('\n'), { fileName: 'units.csv' });
  const settings = { ...DEFAULT_SETTINGS, target: 'y' };
  const run = await runAnalysis(dataset, settings);
  return analysisResult(run, settings, { file: 'units.csv', sha256: 'x' }, { readSeconds: 0 });
}

describe('the default coefficient scale', () => {
  it('is original when the features are in like units', async () => {
    const proposal = proposeCoefficientScale(await fitWithUnits([1, 1, 1]));
    expect(proposal.scale).toBe('original');
    expect(proposal.orders).toBe(0);
    expect(scaleReason(proposal, 'original')).toBeUndefined();
  });

  it('is original at one order of magnitude, standardized from two, saying why', async () => {
    expect(proposeCoefficientScale(await fitWithUnits([1, 10, 1]))).toEqual({
      scale: 'original',
      orders: 1,
    });
    expect(proposeCoefficientScale(await fitWithUnits([1, 100, 1]))).toEqual({
      scale: 'standardized',
      orders: 2,
    });
    const proposal = proposeCoefficientScale(await fitWithUnits([1e-3, 1, 10]));
    expect(proposal).toEqual({ scale: 'standardized', orders: 4 });
    expect(scaleReason(proposal, 'standardized')).toBe(
      'Standardized scale: coefficients differ by 10⁴ on the original scale.',
    );
    expect(scaleReason(proposal, 'original')).toMatch(
      /^Original scale: coefficients differ by 10⁴/,
    );
  });

  it('leaves out a feature too weak to compare (it would span orders on any scale)', async () => {
    const lines = ['a,b,weak,y'];
    for (let i = 0; i < 80; i++) {
      const a = Math.sin(i * 1.3);
      const b = Math.cos(i * 0.7);
      const weak = Math.sin(i * 0.37 + 1);
      lines.push([a, b, weak, a + b + 1e-5 * weak + 0.01 * Math.sin(i * 5.1)].join(','));
    }
    const settings = { ...DEFAULT_SETTINGS, target: 'y' };
    const run = await runAnalysis(readCsvText(lines.join('\n'), { fileName: 'w.csv' }), settings);
    const result = analysisResult(
      run,
      settings,
      { file: 'w.csv', sha256: 'x' },
      { readSeconds: 0 },
    );
    expect(proposeCoefficientScale(result).scale).toBe('original');
  });

  it('writes powers of ten with superscripts', () => {
    expect(powerOfTen(4)).toBe('10⁴');
    expect(powerOfTen(12)).toBe('10¹²');
  });
});

describe('the feature-count axis along the top', () => {
  it('labels about eight λ positions with the fit’s number of nonzero coefficients', async () => {
    const result = await fitWithUnits([1, 1, 1]);
    const { points } = pathSeries(result);
    expect(points.map((p) => p.nzero)).toEqual(result.path.df);
    const ticks = featureCountTicks(points);
    expect(ticks.length).toBeGreaterThanOrEqual(8);
    expect(ticks.length).toBeLessThanOrEqual(10);
    expect(ticks[0]).toBe(points[0]!.logLambda);
    expect(featureCountAt(points, points.at(-1)!.logLambda)).toBe(3);
    expect(featureCountAt(points, points[0]!.logLambda + 0.01)).toBe(0);
  });
});

describe('end-of-line labels', () => {
  const data = {
    points: [
      { index: 0, lambda: 1, logLambda: 0, values: [0, 0, 0, 0], nzero: 0 },
      { index: 1, lambda: 0.1, logLambda: -2.3, values: [0.5, -3, 0, 1], nzero: 3 },
    ],
    series: [0, 1, 2, 3].map((column) => ({ column, name: `x${column}`, color: '#000' })),
    entered: 3,
  };

  it('picks the largest |β| at the smallest λ, zeros never, the highlighted line always', () => {
    expect(endLabelColumns(data, 2)).toEqual([1, 3]);
    expect(endLabelColumns(data, 10)).toEqual([1, 3, 0]);
    expect(endLabelColumns(data, 2, 0)).toEqual([1, 0]);
    expect(endLabelColumns(data, 2, 2)).toEqual([1, 3]);
    // Only lines that are drawn: series are the drawn lines, named by their design column.
    const drawn = {
      ...data,
      points: data.points.map((p) => ({ ...p, values: [p.values[0]!, p.values[2]!] })),
      series: [data.series[0]!, data.series[2]!],
    };
    expect(endLabelColumns(drawn, 2)).toEqual([0]);
    // The highlight is a design column: column 2 is the drawn series at index 1 (zero, so not labelled).
    expect(endLabelColumns(drawn, 2, 2)).toEqual([0]);
  });

  it('nudges labels apart by the gap, keeping their order, moving them as little as it can', () => {
    expect(spreadLabels([10, 50, 90], 12, 0, 100)).toEqual([10, 50, 90]);
    // Two at one place: centred on it.
    expect(spreadLabels([50, 50], 12, 0, 100)).toEqual([44, 56]);
    // Order kept whatever order they come in; a cluster pushes its neighbour.
    const spread = spreadLabels([52, 50, 48, 61], 10, 0, 200);
    expect(spread[2]! + 10).toBeCloseTo(spread[1]!, 9);
    expect(spread[1]! + 10).toBeCloseTo(spread[0]!, 9);
    expect(spread[3]! - spread[0]!).toBeGreaterThanOrEqual(10 - 1e-9);
    // Kept inside the plot.
    expect(spreadLabels([0, 1, 2], 10, 5, 100)).toEqual([5, 15, 25]);
    expect(spreadLabels([99, 100], 10, 0, 100)).toEqual([90, 100]);
  });

  it('never leaves two labels closer than the gap (random wishes)', () => {
    let seed = 7;
    const random = () => {
      seed = (seed * 16807) % 2147483647;
      return seed / 2147483647;
    };
    for (let trial = 0; trial < 200; trial++) {
      const wanted = Array.from({ length: 1 + Math.floor(random() * 15) }, () => random() * 300);
      const out = [...spreadLabels(wanted, 13, 0, 300)].sort((a, b) => a - b);
      for (let k = 1; k < out.length; k++) expect(out[k]! - out[k - 1]!).toBeGreaterThan(13 - 1e-9);
      for (const y of out) {
        expect(y).toBeGreaterThanOrEqual(0);
        expect(y).toBeLessThanOrEqual(300 + 1e-9);
      }
    }
  });

  it('cuts long names with an ellipsis, counting characters not code units', () => {
    expect(truncateName('bmi', 10)).toBe('bmi');
    expect(truncateName('a_very_long_feature_name', 10)).toBe('a_very_lo…');
    expect(truncateName('😀😀😀😀😀😀', 4)).toBe('😀😀😀…');
  });
});

describe('the report draws the path on the same scale, saying why', () => {
  it('standardized with the reason when the units differ by 10⁴, else original', async () => {
    const units = await fitWithUnits([1e-3, 1, 10]);
    const html = renderReport({ result: units, selectedIndex: 5, generatedAt: new Date(0) });
    expect(html).toContain('standardized coefficient');
    expect(html).toContain(
      '<p class="meta scale-note">Standardized scale: coefficients differ by 10⁴ on the original scale.</p>',
    );
    const alike = await fitWithUnits([1, 1, 1]);
    const plain = renderReport({ result: alike, selectedIndex: 5, generatedAt: new Date(0) });
    expect(plain).toContain('coefficient (original scale)');
    expect(plain).not.toContain('scale-note');
  });
});
