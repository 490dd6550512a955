/**
 * The Reproduce code for a fit with observation weights and an offset, RUN: R's glmnet and
 * cv.glmnet (weights = w, offset = o, foldid) and scikit-learn (ElasticNet with sample_weight
 * on y − offset, weighted StandardScaler; enet_path on rescaled rows) give Shrinkage's
 * coefficients, and R its cross-validation curve. Skipped cleanly without R's glmnet or
 * Python's scikit-learn; the generated text is checked either way.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analysisResult } from '../../../shared/analysis/result';
import { runAnalysis } from '../../../shared/analysis/run';
import { type AnalysisSettings, DEFAULT_SETTINGS } from '../../../shared/analysis/settings';
import { readCsvText } from '../../../shared/data/csv';
import { renderReport } from '../../../shared/report/html';
import { pysparkCode, pythonCode, rCode } from '../../../shared/report/reproduce';
import { scratchDir } from '../../helpers/cli';
import { fixturesDir } from '../../helpers/fixtures';

const PYTHON = '/usr/bin/python3';
const HAS_GLMNET =
  spawnSync('Rscript', ['-e', 'library(glmnet)'], { timeout: 30_000 }).status === 0;
const HAS_SKLEARN =
  spawnSync(PYTHON, ['-c', 'import sklearn, pandas'], { timeout: 30_000 }).status === 0;

/** pima.csv with an offset column o (a known part of the prediction) added. */
function pimaWithOffset(): string {
  const lines = readFileSync(join(fixturesDir, 'data/pima.csv'), 'utf8').trim().split('\n');
  const header = lines[0]!.split(',');
  const age = header.indexOf('age');
  const body = lines
    .slice(1)
    .map((line) => `${line},${(Number(line.split(',')[age]) / 10).toFixed(1)}`);
  const path = join(scratchDir(), 'pima-offset.csv');
  writeFileSync(path, `${[`${lines[0]},o`, ...body].join('\n')}\n`);
  return path;
}

async function weightedResult(dataPath: string, extra: Partial<AnalysisSettings> = {}) {
  const text = readFileSync(dataPath, 'utf8');
  const settings: AnalysisSettings = {
    ...DEFAULT_SETTINGS,
    target: 'glu',
    features: ['npreg', 'bp', 'skin', 'bmi', 'ped', 'age'],
    weights: 'weight',
    offset: 'o',
    alpha: 0.5,
    thresh: 1e-14,
    cv: { nfolds: 5, seed: 3, measure: 'mse' },
    ...extra,
  };
  const dataset = readCsvText(text, { fileName: 'pima-offset.csv' });
  return analysisResult(
    await runAnalysis(dataset, settings),
    settings,
    { file: dataset.fileName, sha256: 'a'.repeat(64) },
    { readSeconds: 0 },
  );
}

const relative = (a: number, b: number) => Math.abs(a - b) / Math.max(1, Math.abs(b));

/** The numbers a script prints after a tag (`TAG v1 v2 …`). */
function tagged(stdout: string, tag: string): number[] {
  const line = stdout.split('\n').find((l) => l.startsWith(`${tag} `));
  expect(line, `${tag} in the output:\n${stdout}`).toBeDefined();
  return line!
    .slice(tag.length + 1)
    .trim()
    .split(/\s+/)
    .map(Number);
}

describe('reproduce code with observation weights and an offset', () => {
  it('passes weights, offset and newoffset to glmnet, sample_weight and y − offset to scikit-learn, weightCol to Spark', async () => {
    const dataPath = pimaWithOffset();
    const result = await weightedResult(dataPath);
    const options = { index: 20, dataPath };
    const r = rCode(result, options);
    expect(r).toContain('w <- d[["weight"]]');
    expect(r).toContain('o <- d[["o"]]');
    expect(r).toMatch(/fit <- glmnet\(x, y, family = "gaussian", weights = w, offset = o,/);
    expect(r).toMatch(/cv\.glmnet\(x, y, foldid = foldid, .*weights = w, offset = o/);
    expect(r).toMatch(/predict\(fit, newx = x, s = [\d.e-]+, newoffset = o\)/);
    const py = pythonCode(result, options);
    expect(py).toContain('- d["o"].to_numpy(dtype=float)');
    expect(py).toContain('StandardScaler(with_mean=True).fit(X, sample_weight=w)');
    expect(py).toContain('.fit(Xs, y, sample_weight=w)');
    const spark = pysparkCode(result, options);
    expect(spark).toContain('weightCol="weight"');
    expect(spark).toContain('d = d.withColumn("shrinkage_label", d["glu"] - d["o"])');
    const html = renderReport({ result, selectedIndex: 20, generatedAt: new Date(0) });
    expect(html).toContain('Observation weights</th><td>column <bdi>weight</bdi></td>');
    expect(html).toMatch(/Offset<\/th><td>column <bdi>o<\/bdi>, added to every prediction/);
  });

  it('writes the centring into the Python path call itself, never `if True else` (issue 16, item 14)', async () => {
    const dataPath = pimaWithOffset();
    for (const extra of [{}, { weights: undefined, offset: undefined }, { intercept: false }]) {
      const py = pythonCode(await weightedResult(dataPath, extra), { index: 20, dataPath });
      expect(py).toContain('enet_path(');
      expect(py).not.toMatch(/if (True|False) else/);
    }
  });

  it.skipIf(!HAS_GLMNET)(
    'R: the generated code gives Shrinkage’s coefficients and CV curve (skipped without R glmnet)',
    async () => {
      const dataPath = pimaWithOffset();
      const result = await weightedResult(dataPath);
      const index = 20;
      const lambda = result.path.lambda[index]!;
      const code = [
        rCode(result, { index, dataPath }),
        `cat("COEF", sprintf("%.17g", as.numeric(coef(fit, s = ${lambda}))), "\\n")`,
        'cat("CVM", sprintf("%.17g", cvfit$cvm), "\\n")',
      ].join('\n');
      const file = join(scratchDir(), 'weights.R');
      writeFileSync(file, code);
      const run = spawnSync('Rscript', [file], { encoding: 'utf8', timeout: 120_000 });
      expect(run.status, run.stderr).toBe(0);
      const [a0, ...beta] = tagged(run.stdout, 'COEF');
      expect(relative(a0!, result.path.a0[index]!)).toBeLessThan(1e-6);
      beta.forEach((b, j) => {
        expect(relative(b, result.path.beta[index]![j]!)).toBeLessThan(1e-6);
      });
      const cvm = tagged(run.stdout, 'CVM');
      expect(cvm).toHaveLength(result.cv!.cvm.length);
      cvm.forEach((v, l) => {
        expect(Math.abs(v - result.cv!.cvm[l]!) / result.cv!.cvm[l]!).toBeLessThan(1e-6);
      });
    },
    180_000,
  );

  it.skipIf(!HAS_SKLEARN)(
    'Python: the generated scikit-learn code gives Shrinkage’s coefficients, at λ and along the path (skipped without scikit-learn)',
    async () => {
      const dataPath = pimaWithOffset();
      const result = await weightedResult(dataPath, { cv: undefined });
      const index = 20;
      const code = [
        pythonCode(result, { index, dataPath }),
        'print("COEF", intercept, *beta)',
        `print("PATH", *(coefs[:, ${index}] / scaler.scale_))`,
      ].join('\n');
      const file = join(scratchDir(), 'weights.py');
      writeFileSync(file, code);
      const run = spawnSync(PYTHON, [file], { encoding: 'utf8', timeout: 120_000 });
      expect(run.status, run.stderr).toBe(0);
      const [a0, ...beta] = tagged(run.stdout, 'COEF');
      expect(relative(a0!, result.path.a0[index]!)).toBeLessThan(1e-6);
      beta.forEach((b, j) => {
        expect(relative(b, result.path.beta[index]![j]!)).toBeLessThan(1e-6);
      });
      tagged(run.stdout, 'PATH').forEach((b, j) => {
        expect(relative(b, result.path.beta[index]![j]!)).toBeLessThan(1e-6);
      });
    },
    180_000,
  );
});
