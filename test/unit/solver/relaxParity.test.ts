/**
 * The relaxed lasso against R’s cv.glmnet(relax = TRUE) (test/fixtures/glmnet-relax, made by
 * test/fixtures/generate/relax-fixtures.R on fixed fold ids, at thresh 1e-14, gaussian's at
 * 1e-20 where glmnet's coordinate-descent refit reaches least squares): the blended
 * coefficients at every λ and γ, cvm and cvsd per γ, and the (λ, γ) chosen by min and 1se.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fitPath } from '../../../shared/solver';
import { fitFold } from '../../../shared/solver/cv';
import { relaxPath } from '../../../shared/solver/relaxed';
import { blendPath } from '../../../shared/solver/relaxedBlend';
import { summarizeRelaxedCv } from '../../../shared/solver/relaxedCv';
import { fixturesDir } from '../../helpers/fixtures';

interface RelaxFixture {
  id: string;
  data: string;
  target: string;
  features: string[];
  family: 'gaussian' | 'binomial' | 'poisson';
  positive_class: string | null;
  n: number;
  thresh: number;
  nfolds: number;
  foldid: number[];
  lambda: number[];
  gammas: number[];
  blended: { gamma: number; a0: number[]; beta: number[][] }[];
  cv: { cvm: number[]; cvsd: number[] }[];
  lambda_min: number;
  gamma_min: number;
  lambda_1se: number;
  gamma_1se: number;
  measure: 'mse' | 'deviance';
}

function load(id: string) {
  const f = JSON.parse(
    readFileSync(`${fixturesDir}glmnet-relax/${id}.json`, 'utf8'),
  ) as RelaxFixture;
  const lines = readFileSync(`${fixturesDir}data/${f.data}`, 'utf8').trim().split('\n');
  const header = lines[0]!.split(',');
  const cells = lines.slice(1).map((line) => line.split(','));
  const at = (name: string) => header.indexOf(name);
  const n = cells.length;
  const values = new Float64Array(n * f.features.length);
  f.features.forEach((name, j) => {
    cells.forEach((row, i) => {
      values[j * n + i] = Number(row[at(name)]);
    });
  });
  const y = Float64Array.from(cells, (row) =>
    f.positive_class === null
      ? Number(row[at(f.target)])
      : row[at(f.target)] === f.positive_class
        ? 1
        : 0,
  );
  return { f, design: { n, p: f.features.length, values }, y };
}

const close = (a: number, b: number) => Math.abs(a - b) / Math.max(Math.abs(b), 1);

describe.each(['diabetes-relax', 'pima-binomial-relax', 'birthwt-poisson-relax'])(
  'cv.glmnet(relax = TRUE) parity: %s',
  (id) => {
    const { f, design, y } = load(id);
    const options = { family: f.family, thresh: f.thresh, maxIter: 10_000_000 };
    const path = fitPath(design, y, options);

    it('blends the refits into glmnet’s coefficients at every λ and γ (1e-6)', () => {
      expect(path.lambda).toHaveLength(f.lambda.length);
      const refit = relaxPath(design, y, null, options, path);
      let worst = 0;
      for (const reference of f.blended) {
        const blended = blendPath(path, refit, reference.gamma);
        blended.a0.forEach((a0, l) => {
          worst = Math.max(worst, close(a0, reference.a0[l]!));
          blended.beta[l]!.forEach((b, j) => {
            worst = Math.max(worst, close(b, reference.beta[l]![j]!));
          });
        });
      }
      expect(worst).toBeLessThan(1e-6);
    });

    it('gives cvm and cvsd per γ and the (λ, γ) of min and 1se (1e-6)', () => {
      const foldid = Int32Array.from(f.foldid, (k) => k - 1);
      const folds = Array.from({ length: f.nfolds }, (_, k) =>
        fitFold(design, y, foldid, k, options, path.lambda, undefined, undefined, true),
      );
      const summary = summarizeRelaxedCv(
        y,
        folds,
        path.lambda,
        path.df,
        design.p,
        f.measure,
        f.gammas,
        {
          family: f.family,
        },
      );
      let worst = 0;
      summary.curves.forEach((curve, g) => {
        curve.cvm.forEach((value, l) => {
          worst = Math.max(worst, close(value, f.cv[g]!.cvm[l]!));
          worst = Math.max(worst, close(curve.cvsd[l]!, f.cv[g]!.cvsd[l]!));
        });
      });
      expect(worst).toBeLessThan(1e-6);
      expect(close(summary.lambdaMin, f.lambda_min)).toBeLessThan(1e-6);
      expect(close(summary.lambda1se, f.lambda_1se)).toBeLessThan(1e-6);
      expect(summary.gammaMin).toBe(f.gamma_min);
      expect(summary.gamma1se).toBe(f.gamma_1se);
    });
  },
);
