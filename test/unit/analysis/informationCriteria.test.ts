/**
 * AIC, BIC and extended BIC along the path (issue 17 item 9): the gaussian criterion against
 * scikit-learn's LassoLarsIC on diabetes (test/fixtures/generate/lasso-lars-ic.py), refitting
 * our lasso at its alphas (glmnet's λ without standardization); the ridge effective df against
 * the closed form Σ d²/(d² + nλ) of the SVD; df = nonzero count for the lasso.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Matrix, SingularValueDecomposition } from 'ml-matrix';
import { describe, expect, it } from 'vitest';
import { informationCriteria, logGamma } from '../../../shared/analysis/informationCriteria';
import { type AnalysisSettings, DEFAULT_SETTINGS } from '../../../shared/analysis/settings';
import { fitPath } from '../../../shared/solver/path';
import { mulberry32 } from '../../../shared/solver/random';
import { DEFAULT_PATH_OPTIONS } from '../../../shared/solver/types';
import { analyse } from '../../helpers/analyse';
import { fixturesDir } from '../../helpers/fixtures';

const diabetesPath = join(fixturesDir, 'data/diabetes.csv');
interface Reference {
  n: number;
  noiseVariance: number;
  features: string[];
  aic: { alphas: number[]; criterion: number[]; alpha: number; selected: string[] };
  bic: {
    alphas: number[];
    criterion: number[];
    alpha: number;
    selected: string[];
    df: number[];
  };
}
const reference = JSON.parse(
  readFileSync(join(fixturesDir, 'ic/diabetes-lassolarsic.json'), 'utf8'),
) as Reference;
const base: AnalysisSettings = { ...DEFAULT_SETTINGS, target: 'y', thresh: 1e-14 };

describe('information criteria against LassoLarsIC on diabetes', () => {
  // LassoLarsIC's last alpha is 0 (OLS); a lasso path's λ > 0, so it is left out.
  const alphas = reference.bic.alphas.filter((a) => a > 0);
  const settings: AnalysisSettings = { ...base, standardize: false, lambda: alphas };

  it('states the OLS noise variance RSS/(n − p − 1) and matches AIC and BIC to 1e-6', async () => {
    const result = await analyse(diabetesPath, settings);
    const ic = result.informationCriteria!;
    expect(ic.form).toBe('gaussian');
    expect(ic.noiseVarianceSource).toBe('ols');
    expect(ic.olsResidualDf).toBe(reference.n - reference.features.length - 1);
    expect(Math.abs(ic.noiseVariance! / reference.noiseVariance - 1)).toBeLessThan(1e-9);
    expect(result.path.lambda).toHaveLength(alphas.length);
    const { df } = reference.bic;
    let knots = 0;
    for (const [ours, theirs, k] of [
      [ic.aic, reference.aic.criterion, 2],
      [ic.bic, reference.bic.criterion, Math.log(reference.n)],
    ] as const) {
      ours.forEach((value, l) => {
        // LARS's alphas are the knots where a variable enters or leaves: there LARS has its
        // coefficient exactly 0, coordinate descent a residue of the order of its tolerance
        // (|β| below 1e-4 of that coefficient's largest on the path), counted as one df
        // more. The criterion is then LassoLarsIC's plus k for each such coefficient.
        const extra = ic.df[l]! - df[l]!;
        if (extra !== 0) {
          knots++;
          expect(extra).toBe(1);
          const residue = result.path.beta[l]!.map((b, j) => {
            const largest = Math.max(...result.path.beta.map((row) => Math.abs(row[j]!)));
            return b !== 0 && Math.abs(b) < 1e-4 * largest;
          });
          expect(residue.filter(Boolean)).toHaveLength(1);
        }
        expect(Math.abs((value - k * extra) / theirs[l]! - 1)).toBeLessThan(1e-6);
      });
    }
    expect(knots).toBeGreaterThan(0);
    const chosen = (index: number) =>
      result.columns.filter((_, j) => result.path.beta[index]![j] !== 0);
    expect(ic.lambdaBic).toBeCloseTo(reference.bic.alpha, 10);
    expect(ic.lambdaAic).toBeCloseTo(reference.aic.alpha, 10);
    expect(chosen(ic.indexBic)).toEqual(reference.bic.selected);
    expect(chosen(ic.indexAic)).toEqual(reference.aic.selected);
  });

  it('uses a σ² the user gives, and the EBIC adds 2γ·log C(p, df) to the BIC', async () => {
    const result = await analyse(diabetesPath, {
      ...settings,
      informationCriteria: { noiseVariance: 3000, ebicGamma: 1 },
    });
    const ic = result.informationCriteria!;
    expect(ic.noiseVarianceSource).toBe('user');
    expect(ic.noiseVariance).toBe(3000);
    const p = 10;
    ic.bic.forEach((bic, l) => {
      const d = ic.df[l]!;
      const choose = logGamma(p + 1) - logGamma(d + 1) - logGamma(p - d + 1);
      expect(ic.ebic[l]).toBeCloseTo(bic + 2 * choose, 8);
    });
    expect(Math.exp(logGamma(11))).toBeCloseTo(3628800, 4);
  });
});

describe('degrees of freedom', () => {
  it('lasso: df is the number of nonzero coefficients at every λ', async () => {
    const result = await analyse(diabetesPath, { ...base, nlambda: 30 });
    const ic = result.informationCriteria!;
    expect(ic.dfKind).toBe('nonzero');
    expect(ic.df).toEqual(result.path.beta.map((b) => b.filter((v) => v !== 0).length));
  });

  it('ridge: the effective df equals Σ d²/(d² + nλ) of the standardized design', async () => {
    const result = await analyse(diabetesPath, { ...base, alpha: 0, nlambda: 20 });
    const ic = result.informationCriteria!;
    expect(ic.dfKind).toBe('effective');
    // The design centred and scaled to unit population sd, as glmnet standardizes.
    const rows = readFileSync(diabetesPath, 'utf8').trim().split('\n').slice(1);
    const x = rows.map((line) => line.split(',').slice(0, 10).map(Number));
    const n = x.length;
    const z = new Matrix(x);
    for (let j = 0; j < 10; j++) {
      const column = z.getColumn(j);
      const mean = column.reduce((s, v) => s + v, 0) / n;
      const sd = Math.sqrt(column.reduce((s, v) => s + (v - mean) ** 2, 0) / n);
      z.setColumn(
        j,
        column.map((v) => (v - mean) / sd),
      );
    }
    const d = new SingularValueDecomposition(z).diagonal;
    result.path.lambda.forEach((lambda, l) => {
      // glmnet's ridge path starts at a λ whose coefficients it reports as exactly 0.
      if (result.path.beta[l]!.some((b) => b === 0)) return;
      const closed = d.reduce((s, di) => s + (di * di) / (di * di + n * lambda), 0);
      expect(ic.df[l]).toBeCloseTo(closed, 8);
    });
    expect(ic.df[0]).toBeLessThan(0.1);
    expect(ic.df.at(-1)).toBeGreaterThan(ic.df[1]!);
  });

  it('elastic net: effective df lies between the ridge shrinkage and the active-set size', async () => {
    const result = await analyse(diabetesPath, { ...base, alpha: 0.5, nlambda: 30 });
    const ic = result.informationCriteria!;
    result.path.beta.forEach((b, l) => {
      const active = b.filter((v) => v !== 0).length;
      expect(ic.df[l]).toBeLessThanOrEqual(active + 1e-9);
      if (active > 0) expect(ic.df[l]).toBeGreaterThan(0);
    });
  });
});

describe('other families and wide data', () => {
  // 6 rows, 8 columns: no residual degrees of freedom for an OLS σ².
  const n = 6;
  const p = 8;
  const random = mulberry32(3);
  const values = Float64Array.from({ length: n * p }, () => random() - 0.5);
  const y = Float64Array.from({ length: n }, (_, i) => values[i]! * 2 + random());

  it('without residual degrees of freedom (n ≤ p) uses n·log(RSS/n) + k·df and says so', async () => {
    const path = fitPath({ n, p, values }, y, { ...DEFAULT_PATH_OPTIONS, nlambda: 8 });
    const input = {
      family: 'gaussian' as const,
      design: { n, p, values },
      y,
      alpha: 1,
      intercept: true,
      xScale: path.standardization.xScale,
      lambda: path.lambda,
      a0: path.a0,
      beta: path.beta,
    };
    const ic = informationCriteria(input)!;
    expect(ic.form).toBe('gaussian-profile');
    expect(ic.noiseVariance).toBeNull();
    expect(ic.profileReason).toBe('no-residual-df');
    path.lambda.forEach((_, l) => {
      let rss = 0;
      for (let i = 0; i < n; i++) {
        let fitted = path.a0[l]!;
        for (let j = 0; j < p; j++) fitted += path.beta[l]![j]! * values[j * n + i]!;
        rss += (y[i]! - fitted) ** 2;
      }
      expect(ic.bic[l]).toBeCloseTo(n * Math.log(rss / n) + Math.log(n) * ic.df[l]!, 8);
    });
    // With a σ² given, the σ² form.
    const given = informationCriteria(input, { noiseVariance: 0.1 })!;
    expect(given.form).toBe('gaussian');
    expect(given.noiseVarianceSource).toBe('user');
  });

  it('binomial: AIC is the deviance + 2·df, the deviance the path reports', async () => {
    const pima = join(fixturesDir, 'data/pima.csv');
    const result = await analyse(pima, {
      ...base,
      family: 'binomial',
      target: 'type',
      exclude: ['set', 'weight'],
      nlambda: 15,
    });
    const ic = result.informationCriteria!;
    expect(ic.form).toBe('deviance');
    ic.aic.forEach((aic, l) => {
      const deviance = (1 - result.path.devRatio[l]!) * result.path.nulldev;
      expect(aic - 2 * ic.df[l]!).toBeCloseTo(deviance, 4);
    });
  });

  it('logistic elastic net: effective df with the IRLS weights as computed from glmnet’s fit in R', async () => {
    const reference = JSON.parse(
      readFileSync(join(fixturesDir, 'ic/effective-df.json'), 'utf8'),
    ) as { pima: { lambda: number[]; df: number[]; deviance: number[]; nonzero: number[] } };
    const { lambda, df, deviance, nonzero } = reference.pima;
    const result = await analyse(join(fixturesDir, 'data/pima.csv'), {
      ...base,
      family: 'binomial',
      target: 'type',
      exclude: ['set', 'weight'],
      alpha: 0.5,
      lambda,
    });
    const ic = result.informationCriteria!;
    expect(ic.dfKind).toBe('effective');
    expect(result.path.df).toEqual(nonzero);
    ic.df.forEach((value, l) => {
      expect(Math.abs(value - df[l]!)).toBeLessThan(1e-6);
      expect(Math.abs((ic.aic[l]! - 2 * value) / deviance[l]! - 1)).toBeLessThan(1e-6);
    });
  });

  it('observation weights all equal change nothing (they are normalized to sum to n)', () => {
    const path = fitPath({ n, p, values }, y, { ...DEFAULT_PATH_OPTIONS, alpha: 0.5, nlambda: 6 });
    const input = {
      family: 'gaussian' as const,
      design: { n, p, values },
      y,
      alpha: 0.5,
      intercept: true,
      xScale: path.standardization.xScale,
      lambda: path.lambda,
      a0: path.a0,
      beta: path.beta,
    };
    const plain = informationCriteria(input, { noiseVariance: 0.2 })!;
    const weighted = informationCriteria(
      { ...input, weights: new Float64Array(n).fill(3) },
      { noiseVariance: 0.2 },
    )!;
    plain.bic.forEach((value, l) => {
      expect(weighted.bic[l]).toBeCloseTo(value, 9);
      expect(weighted.df[l]).toBeCloseTo(plain.df[l]!, 9);
    });
    expect(plain.df.some((d) => d > 0 && !Number.isInteger(d))).toBe(true);
  });
});
