/**
 * Stability selection: the complementary pairs, probabilities against subsamples refitted
 * directly, the selected set and its bound, seeds, λ beyond every subsample's λ_max, and
 * cancellation (in process; the worker pool's is in test/integration/stability.test.ts).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type AnalysisRun, runAnalysis } from '../../../shared/analysis/run';
import { DEFAULT_SETTINGS } from '../../../shared/analysis/settings';
import {
  falseSelectionBound,
  stabilityInput,
  stableSelection,
} from '../../../shared/analysis/stability';
import { readCsvText } from '../../../shared/data/csv';
import { selectRows } from '../../../shared/solver/design';
import { SolverCancelledError } from '../../../shared/solver/errors';
import { fitPath, fitPathOnRows } from '../../../shared/solver/path';
import { complementaryPairs } from '../../../shared/solver/stability';
import { examplesDir } from '../../helpers/fixtures';

const dataset = () =>
  readCsvText(readFileSync(join(examplesDir, 'diabetes.csv'), 'utf8'), {
    fileName: 'diabetes.csv',
  });

const settings = {
  ...DEFAULT_SETTINGS,
  target: 'y',
  nlambda: 30,
  stability: { pairs: 10, threshold: 0.6, seed: 7 },
};

describe('complementary pairs', () => {
  it('are disjoint halves of ⌊n/2⌋ rows, in increasing order, the same for the same seed', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 300 }),
        fc.integer({ min: 1, max: 8 }),
        fc.integer({ min: 0, max: 2 ** 32 - 1 }),
        (n, pairs, seed) => {
          const subsamples = complementaryPairs(n, pairs, seed);
          expect(subsamples).toHaveLength(2 * pairs);
          for (let b = 0; b < pairs; b++) {
            const [a, c] = [subsamples[2 * b]!, subsamples[2 * b + 1]!];
            expect(a.length).toBe(Math.floor(n / 2));
            expect(c.length).toBe(Math.floor(n / 2));
            const inA = new Set(a);
            expect(inA.size).toBe(a.length);
            for (const r of c) expect(inA.has(r)).toBe(false);
            for (const rows of [a, c]) {
              for (let k = 1; k < rows.length; k++) expect(rows[k]!).toBeGreaterThan(rows[k - 1]!);
              for (const r of rows) expect(r >= 0 && r < n).toBe(true);
            }
          }
          expect(complementaryPairs(n, pairs, seed)).toEqual(subsamples);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('differ between seeds', () => {
    expect(complementaryPairs(100, 3, 1)).not.toEqual(complementaryPairs(100, 3, 2));
  });
});

describe('stability selection through runAnalysis', () => {
  let run: AnalysisRun;
  const analysed = async () => {
    run ??= await runAnalysis(dataset(), settings);
    return run;
  };

  it('gives each column the share of subsamples, refitted directly, that select it', async () => {
    const { stability, path, fitted } = await analysed();
    const block = stability!;
    const subsamples = complementaryPairs(fitted.design.n, 10, 7);
    expect(block.subsamples).toBe(20);
    expect(block.subsampleSize).toBe(Math.floor(fitted.design.n / 2));
    const p = fitted.design.p;
    const counts = path.lambda.map(() => new Array<number>(p).fill(0));
    const unions = path.lambda.map(() => 0);
    for (const rows of subsamples) {
      const own = fitPath(
        selectRows(fitted.design, rows),
        Float64Array.from(rows, (r) => fitted.y[r]!),
        { alpha: 1, standardize: true, intercept: true, lambda: path.lambda },
      );
      expect(own.lambda).toHaveLength(path.lambda.length);
      const ever = new Set<number>();
      own.beta.forEach((beta, l) => {
        beta.forEach((b, j) => {
          if (b !== 0) {
            counts[l]![j]!++;
            ever.add(j);
          }
        });
        unions[l] += ever.size;
      });
    }
    block.probability.forEach((row, l) => {
      row.forEach((probability, j) => {
        expect(probability).toBeGreaterThanOrEqual(0);
        expect(probability).toBeLessThanOrEqual(1);
        expect(probability).toBe(counts[l]![j]! / 20);
      });
    });
    block.meanSelected.forEach((q, l) => {
      expect(q).toBeCloseTo(unions[l]! / 20, 12);
    });
  });

  it('selects the columns reaching π in Λ, with q²/((2π − 1)p), Λ as wide as a bound ≤ 1 allows', async () => {
    const block = (await analysed()).stability!;
    const p = block.probability[0]!.length;
    expect(block.penalized).toBe(p);
    const end = block.rangeEnd;
    expect(block.rangeRule).toBe('bound');
    expect(block.q).toBe(block.meanSelected[end]);
    expect(block.bound).toBeCloseTo((block.q * block.q) / ((2 * 0.6 - 1) * p), 12);
    expect(block.bound!).toBeLessThanOrEqual(1);
    if (end + 1 < block.meanSelected.length)
      expect(falseSelectionBound(block.meanSelected[end + 1]!, 0.6, p)).toBeGreaterThan(1);
    const expected = Array.from({ length: p }, (_, j) => j).filter(
      (j) => Math.max(...block.probability.slice(0, end + 1).map((row) => row[j]!)) >= 0.6,
    );
    expect(block.selected.map((s) => s.column).sort()).toEqual(expected);
    // The same from the block alone, as the app recomputes it when the λ control moves Λ.
    expect(stableSelection(stabilityInput(block), end).selected).toEqual(
      block.selected.map(({ column, maxProbability }) => ({ column, maxProbability })),
    );
  });

  it('is reproducible from its seed and changes with it', async () => {
    const first = (await analysed()).stability!;
    const again = (await runAnalysis(dataset(), settings)).stability!;
    expect(again.probability).toEqual(first.probability);
    const other = await runAnalysis(dataset(), {
      ...settings,
      stability: { ...settings.stability, seed: 8 },
    });
    expect(other.stability!.probability).not.toEqual(first.probability);
  });

  it('selects nothing at a λ above every subsample’s λ_max', async () => {
    const { fitted } = await analysed();
    const subsamples = complementaryPairs(fitted.design.n, 10, 7);
    const options = { alpha: 1, standardize: true, intercept: true, nlambda: 5 };
    const largest = Math.max(
      ...subsamples.map(
        (rows) => fitPathOnRows(fitted.design, fitted.y, rows, options).diagnostics.lambdaMax,
      ),
    );
    const withLarge = await runAnalysis(dataset(), {
      ...settings,
      lambda: [largest * 1.001, largest * 0.5, largest * 0.1],
    });
    const block = withLarge.stability!;
    expect(block.probability[0]!.every((probability) => probability === 0)).toBe(true);
    expect(block.meanSelected[0]).toBe(0);
    expect(block.probability[2]!.some((probability) => probability > 0)).toBe(true);
  });

  it('uses the λ range the settings give, and leaves unpenalized columns out of p', async () => {
    const unpenalized = { ...settings, penaltyFactor: { bmi: 0 } };
    const { path } = await runAnalysis(dataset(), unpenalized);
    const lambda = path.lambda[12]!;
    const given = (
      await runAnalysis(dataset(), {
        ...unpenalized,
        stability: { ...settings.stability, lambda: lambda * 1.0001 },
      })
    ).stability!;
    expect(given.rangeRule).toBe('given');
    expect(given.rangeEnd).toBe(12);
    expect(given.uncounted).toEqual([2]);
    expect(given.penalized).toBe(9);
    expect(given.selected.map((s) => s.name)).not.toContain('bmi');
  });

  it('names a column that is constant in some half-samples (a rare level) once, with its count', async () => {
    const [header, ...lines] = readFileSync(join(examplesDir, 'diabetes.csv'), 'utf8')
      .trim()
      .split('\n');
    const text = [`${header},rare`, ...lines.map((line, i) => `${line},${i < 2 ? 'a' : 'b'}`)].join(
      '\n',
    );
    const run = await runAnalysis(readCsvText(text, { fileName: 'rare.csv' }), settings);
    const constant = run.warnings.filter(
      (w) => w.code === 'constant-column' && w.message.includes('stability'),
    );
    expect(constant).toHaveLength(1);
    const name = run.prepared.columns.at(-1)!.name;
    expect(constant[0]!.columns).toEqual([name]);
    expect(constant[0]!.message).toMatch(new RegExp(`'${name}' \\(in \\d+ of 20\\)`));
  });

  it('stops with SolverCancelledError when cancelled during the subsamples', async () => {
    const controller = new AbortController();
    const running = runAnalysis(dataset(), settings, {
      signal: controller.signal,
      onProgress: ({ message }) => {
        if (message.includes('subsample 3 of')) controller.abort();
      },
    });
    await expect(running).rejects.toBeInstanceOf(SolverCancelledError);
  });
});
