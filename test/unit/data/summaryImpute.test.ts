import { describe, expect, it } from 'vitest';
import { runAnalysis } from '../../../shared/analysis/run';
import { DEFAULT_SETTINGS } from '../../../shared/analysis/settings';
import { readCsvText } from '../../../shared/data/csv';
import { prepareDesign } from '../../../shared/data/design';
import { applyImputation, imputeWithinFold, learnImputation } from '../../../shared/data/impute';
import { summarizeDataset } from '../../../shared/data/summary';
import { fitFold, summarizeCv } from '../../../shared/solver/cv';
import { selectRows } from '../../../shared/solver/design';

const csv = (text: string) => readCsvText(text, { fileName: 's.csv' });

describe('dataset summary', () => {
  it('gives each column its type, missing count and range or level counts, and a preview', () => {
    const data = csv('x,g,ok,id\n1,b,yes,a\n3,a,no,b\nNA,b,yes,c\n5,b,no,d\n');
    const summary = summarizeDataset(data, 2);
    expect(summary).toMatchObject({
      fileName: 's.csv',
      rowCount: 4,
      columnCount: 4,
      delimiter: ',',
    });
    expect(summary.columns[0]).toMatchObject({
      name: 'x',
      kind: 'numeric',
      missing: 1,
      min: 1,
      max: 5,
      mean: 3,
    });
    expect(summary.columns[1]).toMatchObject({
      kind: 'categorical',
      levelCount: 2,
      levels: [
        { level: 'b', count: 3 },
        { level: 'a', count: 1 },
      ],
    });
    expect(summary.columns[2]).toMatchObject({ kind: 'boolean' });
    expect(summary.preview).toEqual([
      ['1', 'b', 'yes', 'a'],
      ['3', 'a', 'no', 'b'],
    ]);
    expect(summary.typeRules).toMatch(/numeric when every non-missing cell is a decimal number/);
  });

  it('names the problem of a column that cannot be used', () => {
    const summary = summarizeDataset(
      csv(
        `v,y\n${Array.from({ length: 30 }, (_, i) => `${i === 4 ? 'oops' : i},${i}`).join('\n')}\n`,
      ),
    );
    expect(summary.columns[0]!.problem).toMatch(/1 text cell, first 'oops' at row 6/);
  });
});

describe('imputation', () => {
  const data = csv('x,g,y\n1,a,1\nNA,b,2\n3,NA,3\n5,b,5\nNA,a,4\n7,b,8\n9,a,9\n11,b,12\n');
  const prepared = prepareDesign(data, { target: 'y', missing: 'impute' });

  it('keeps incomplete rows, marks missing cells, and fills them with the training mean or mode', () => {
    expect(prepared.design.n).toBe(8);
    expect(prepared.cellsToImpute).toBe(3);
    const fill = learnImputation(prepared.design, prepared.groups);
    expect(fill[0]).toBeCloseTo((1 + 3 + 5 + 7 + 9 + 11) / 6, 12); // mean of x
    expect(fill.slice(1)).toEqual([0, 1]); // g=b is the most frequent level
    const filled = applyImputation(prepared.design, fill);
    expect(filled.values.some(Number.isNaN)).toBe(false);
  });

  it('learns imputation values inside each CV fold from that fold’s training rows only', () => {
    const foldid = Int32Array.from([0, 0, 1, 1, 0, 1, 0, 1]);
    const options = { lambda: [0.5, 0.1] };
    const fold = fitFold(
      prepared.design,
      prepared.y,
      foldid,
      1,
      options,
      options.lambda,
      imputeWithinFold(prepared.groups),
    );
    // By hand: learn from fold 0's rows, impute both parts, fit, predict.
    const train = Int32Array.from([0, 1, 4, 6]);
    const test = Int32Array.from([2, 3, 5, 7]);
    const fill = learnImputation(selectRows(prepared.design, train), prepared.groups);
    expect(fill[0]).toBeCloseTo((1 + 9) / 2, 12);
    const manual = fitFold(
      applyImputation(prepared.design, fill),
      prepared.y,
      foldid,
      1,
      options,
      options.lambda,
    );
    expect(Array.from(fold.heldOut)).toEqual(Array.from(test));
    expect(Array.from(fold.linkPredictions)).toEqual(Array.from(manual.linkPredictions));
  });

  it('gives each CV fold imputation from its own training rows (no leakage from held-out rows)', async () => {
    const text = `x,z,y\n${Array.from({ length: 40 }, (_, i) => `${i % 6 === 0 ? 'NA' : i * (i % 3)},${(i * 7) % 5},${i + (i % 4) * 3}`).join('\n')}\n`;
    const settings = {
      ...DEFAULT_SETTINGS,
      target: 'y',
      missing: 'impute' as const,
      cv: { nfolds: 4, seed: 9, measure: 'mse' as const },
    };
    const result = await runAnalysis(csv(text), settings);
    const { design, y, groups } = result.prepared;
    const foldid = result.cv!.foldid;
    const folds = [0, 1, 2, 3].map((k) =>
      fitFold(
        design,
        y,
        foldid,
        k,
        { alpha: 1, nlambda: 100, thresh: 1e-7 },
        result.path.lambda,
        imputeWithinFold(groups),
      ),
    );
    const manual = summarizeCv(y, folds, result.path.lambda, result.path.df, design.p, 'mse');
    expect(result.cv!.cvm).toEqual(manual.cvm);
    // Imputing every row with all-row statistics first (the leak) gives a different curve.
    const leaked = applyImputation(design, learnImputation(design, groups));
    const leakyFolds = [0, 1, 2, 3].map((k) =>
      fitFold(leaked, y, foldid, k, { alpha: 1 }, result.path.lambda),
    );
    expect(
      summarizeCv(y, leakyFolds, result.path.lambda, result.path.df, design.p, 'mse').cvm,
    ).not.toEqual(manual.cvm);
  });

  it('runs a whole cross-validated analysis with imputation, and drops rows only for a missing target', async () => {
    const result = await runAnalysis(csv('x,y\n1,1\nNA,2\n3,NA\n4,4\n5,6\n6,5\n7,8\n8,7\n'), {
      ...DEFAULT_SETTINGS,
      target: 'y',
      missing: 'impute',
      cv: { nfolds: 3, seed: 1, measure: 'mse' },
    });
    expect(result.prepared.rowsDropped).toBe(1);
    expect(result.imputation?.[0]).toBeCloseTo((1 + 4 + 5 + 6 + 7 + 8) / 6, 12);
    expect(result.cv?.cvm.every(Number.isFinite)).toBe(true);
  });
});
