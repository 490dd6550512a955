/**
 * Out-of-fold predictions against R: cv.glmnet(keep = TRUE)'s fit.preval (n × nλ, the link
 * scale) with the same foldid, for a linear and a weighted elastic-net logistic fit, through
 * runAnalysis and into the result JSON (test/fixtures/generate/keep-fixtures.R writes them).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analysisResult, analysisResultSchema } from '../../../shared/analysis/result';
import { runAnalysis } from '../../../shared/analysis/run';
import { DEFAULT_SETTINGS } from '../../../shared/analysis/settings';
import { readCsvText } from '../../../shared/data/csv';

interface KeepFixture {
  data: string;
  target: string;
  features: string[];
  family: 'gaussian' | 'binomial';
  alpha: number;
  weights: string | null;
  positive_class: string | null;
  nfolds: number;
  foldid: number[];
  lambda: number[];
  index_min: number;
  index_1se: number;
  fit_preval: number[][];
}

const dir = join(__dirname, '../../fixtures/keep');
const ids = ['prostate-gaussian-lasso-keep', 'pima-binomial-enet-keep'];

async function run(f: KeepFixture, keep: boolean | undefined) {
  const fileName = f.data;
  const dataset = readCsvText(readFileSync(join(dir, f.data), 'utf8'), { fileName });
  const settings = {
    ...DEFAULT_SETTINGS,
    family: f.family,
    target: f.target,
    positiveClass: f.positive_class,
    features: f.features,
    alpha: f.alpha,
    thresh: 1e-14,
    ...(f.weights ? { weights: f.weights } : {}),
    cv: {
      nfolds: f.nfolds,
      seed: 1,
      foldidColumn: 'fold',
      measure: f.family === 'binomial' ? ('deviance' as const) : ('mse' as const),
      ...(keep === undefined ? {} : { keep }),
    },
  };
  const analysis = await runAnalysis(dataset, settings);
  const result = analysisResult(
    analysis,
    settings,
    { file: fileName, sha256: 'x' },
    { readSeconds: 0 },
  );
  // What leaves the process is what the schema accepts (IPC, project files, --json).
  return analysisResultSchema.parse(JSON.parse(JSON.stringify(result)));
}

/** Largest |ours − R's| over every row and λ, relative to max(1, |R's|). */
function worst(ours: number[][], theirs: number[][]): number {
  let out = 0;
  theirs.forEach((row, i) => {
    row.forEach((value, l) => {
      out = Math.max(out, Math.abs(ours[i]![l]! - value) / Math.max(1, Math.abs(value)));
    });
  });
  return out;
}

describe.each(ids)('out-of-fold predictions match cv.glmnet(keep = TRUE): %s', (id) => {
  const f = JSON.parse(readFileSync(join(dir, `${id}.json`), 'utf8')) as KeepFixture;

  it('keeps fit.preval at every λ, to 1e-6, with the same folds', async () => {
    const result = await run(f, true);
    const cv = result.cv!;
    expect(result.settings.cv?.keep).toBe(true);
    expect(cv.foldid).toEqual(f.foldid);
    expect(cv.lambda).toHaveLength(f.lambda.length);
    expect(cv.indexMin + 1).toBe(f.index_min);
    expect(cv.index1se + 1).toBe(f.index_1se);
    const preval = cv.outOfFold!.fitPreval!;
    expect(preval).toHaveLength(f.fit_preval.length);
    expect(preval[0]).toHaveLength(f.lambda.length);
    expect(worst(preval, f.fit_preval)).toBeLessThan(1e-6);
    // The selected rules' columns are the same numbers.
    expect(cv.outOfFold!.atLambdaMin).toEqual(preval.map((row) => row[cv.indexMin]));
    expect(cv.outOfFold!.atLambda1se).toEqual(preval.map((row) => row[cv.index1se]));
  });

  it('without keep carries only λ_min and λ_1se (2n numbers), still R’s', async () => {
    const result = await run(f, undefined);
    const out = result.cv!.outOfFold!;
    expect(out.fitPreval).toBeUndefined();
    const column = (l: number) => f.fit_preval.map((row) => [row[l]!]);
    expect(
      worst(
        out.atLambdaMin.map((v) => [v]),
        column(f.index_min - 1),
      ),
    ).toBeLessThan(1e-6);
    expect(
      worst(
        out.atLambda1se.map((v) => [v]),
        column(f.index_1se - 1),
      ),
    ).toBeLessThan(1e-6);
  });
});
