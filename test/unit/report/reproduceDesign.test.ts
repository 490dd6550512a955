/**
 * The Reproduce code builds Shrinkage's design exactly, RUN: with a feature named `g=z` next to
 * `g`'s level z (design names made unique by Shrinkage), scikit-learn gets each design column
 * from its record, never from pandas' one-hot names (which collide). Skipped cleanly without
 * Python's scikit-learn; the generated text is checked either way.
 */
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analysisResult } from '../../../shared/analysis/result';
import { runAnalysis } from '../../../shared/analysis/run';
import { type AnalysisSettings, DEFAULT_SETTINGS } from '../../../shared/analysis/settings';
import { readCsvText } from '../../../shared/data/csv';
import { pysparkCode, pythonCode, rCode } from '../../../shared/report/reproduce';
import { scratchDir } from '../../helpers/cli';

const PYTHON = '/usr/bin/python3';
const HAS_GLMNET =
  spawnSync('Rscript', ['-e', 'library(glmnet)'], { timeout: 30_000 }).status === 0;
const HAS_SKLEARN =
  spawnSync(PYTHON, ['-c', 'import sklearn, pandas'], { timeout: 30_000 }).status === 0;

/** A file and the fit Shrinkage made of it, with the file on disk for the generated code. */
async function fitOf(csv: string, settings: Partial<AnalysisSettings> & { target: string }) {
  const dataPath = join(scratchDir(), 'data.csv');
  writeFileSync(dataPath, csv);
  const full: AnalysisSettings = { ...DEFAULT_SETTINGS, thresh: 1e-14, ...settings };
  const dataset = readCsvText(csv, { fileName: 'data.csv' });
  const result = analysisResult(
    await runAnalysis(dataset, full),
    full,
    { file: dataset.fileName, sha256: 'a'.repeat(64) },
    { readSeconds: 0 },
  );
  return { dataPath, result };
}

/** y, g (levels p, q, z, z_2), and numeric columns named like g's levels: g=z, g=z_2, h. */
function clashCsv(): string {
  const rows = ['y,g,g=z,g=z_2,h'];
  const levels = ['p', 'q', 'z', 'z_2'];
  for (let i = 0; i < 60; i++) {
    const g = levels[i % 4]!;
    const a = ((i * 7) % 11) / 3;
    const b = ((i * 5) % 13) / 4;
    const y = 1 + (g === 'z' ? 2 : 0) + 0.5 * a - 0.3 * b + ((i * 3) % 7) / 10;
    rows.push(`${y.toFixed(3)},${g},${a.toFixed(3)},${b.toFixed(3)},${i % 5}`);
  }
  return `${rows.join('\n')}\n`;
}

const clashSettings = { target: 'y', features: ['g', 'g=z', 'g=z_2'], alpha: 0.5 };
const relative = (a: number, b: number) => Math.abs(a - b) / Math.max(1, Math.abs(b));

/**
 * Run the generated R code at λ index `index` (its last value is its printout: cv.glmnet runs
 * before it), with `print` run after it, and check the printed coefficients are Shrinkage's.
 * Returns what R wrote, for more checks.
 */
function expectRMatches(
  result: Awaited<ReturnType<typeof fitOf>>['result'],
  dataPath: string,
  fileName: string,
  print: string[] = [],
): string {
  const index = 10;
  const code = [
    'printed <- local({',
    rCode(result, { index, dataPath }),
    '})',
    ...print,
    'cat("\\nCOEF", sprintf("%.17g", as.numeric(printed)), "\\n")',
  ].join('\n');
  const file = join(scratchDir(), fileName);
  writeFileSync(file, code);
  const run = spawnSync('Rscript', [file], { encoding: 'utf8', timeout: 120_000 });
  expect(run.status, run.stderr).toBe(0);
  const line = run.stdout.split('\n').find((l) => l.startsWith('COEF '));
  expect(line, run.stdout).toBeDefined();
  const [a0, ...beta] = line!.slice(5).trim().split(/\s+/).map(Number);
  expect(beta).toHaveLength(result.columns.length);
  expect(relative(a0!, result.path.a0[index]!)).toBeLessThan(1e-6);
  beta.forEach((b, j) => {
    expect(relative(b, result.path.beta[index]![j]!)).toBeLessThan(1e-6);
  });
  return run.stdout;
}

describe('reproduce code for design names that clash', () => {
  it('builds every design column from its record: no get_dummies, unique names', async () => {
    const { result } = await fitOf(clashCsv(), clashSettings);
    expect(new Set(result.columns).size).toBe(result.columns.length);
    expect(result.columns.filter((c) => c.startsWith('g=z'))).toHaveLength(4);
    const py = pythonCode(result, { index: 10, dataPath: 'data.csv' });
    expect(py).not.toContain('get_dummies');
    expect(py).toContain('dtype={"g": str}');
    expect(py).toContain('(d["g"] == "z_2").to_numpy(dtype=float),');
    expect(py).toContain('    d["g=z_2"].to_numpy(dtype=float),');
    const r = rCode(result, { index: 10, dataPath: 'data.csv' });
    expect(r).toContain(`colnames(x) <- c(${result.columns.map((c) => `"${c}"`).join(', ')})`);
  });

  it.skipIf(!HAS_GLMNET)(
    'R: the generated code runs, prints Shrinkage’s names and coefficients (skipped without R glmnet)',
    async () => {
      const { dataPath, result } = await fitOf(clashCsv(), clashSettings);
      const stdout = expectRMatches(result, dataPath, 'clash.R', [
        'cat("NAMES", rownames(printed)[-1], sep = "|")',
      ]);
      expect(stdout).toContain(`NAMES|${result.columns.join('|')}`);
    },
    180_000,
  );

  it('names Spark’s helper columns apart from the columns used (a feature called shrinkage_index_0)', async () => {
    const csv = clashCsv()
      .split('\n')
      .map((line, i) => (line && i > 0 ? `${line},${i % 3}` : line && `${line},shrinkage_index_0`))
      .join('\n');
    const { result } = await fitOf(csv, {
      ...clashSettings,
      features: ['g', 'g=z', 'shrinkage_index_0'],
    });
    const spark = pysparkCode(result, { index: 10, dataPath: 'data.csv' });
    expect(spark).toContain('d = d.select(["y", "g", "g=z", "shrinkage_index_0"])');
    expect(spark).toContain('indexed = ["shrinkage_index_0_2"]');
    expect(spark).toContain('onehot = ["shrinkage_onehot_0"]');
    expect(spark).toContain('VectorAssembler(inputCols=["g=z", "shrinkage_index_0"] + onehot');
    expect(spark).not.toContain('c + "_index"');
  });

  it.skipIf(!HAS_SKLEARN)(
    'Python: the generated code runs and gives Shrinkage’s coefficients (skipped without scikit-learn)',
    async () => {
      const { dataPath, result } = await fitOf(clashCsv(), clashSettings);
      const index = 10;
      const code = [
        pythonCode(result, { index, dataPath }),
        'print("COEF", intercept, *beta)',
      ].join('\n');
      const file = join(scratchDir(), 'clash.py');
      writeFileSync(file, code);
      const run = spawnSync(PYTHON, [file], { encoding: 'utf8', timeout: 120_000 });
      expect(run.status, run.stderr).toBe(0);
      const line = run.stdout.split('\n').find((l) => l.startsWith('COEF '));
      const [a0, ...beta] = line!.slice(5).trim().split(/\s+/).map(Number);
      expect(beta).toHaveLength(result.columns.length);
      expect(relative(a0!, result.path.a0[index]!)).toBeLessThan(1e-6);
      beta.forEach((b, j) => {
        expect(relative(b, result.path.beta[index]![j]!)).toBeLessThan(1e-6);
      });
    },
    180_000,
  );
});

describe('reproduce code for a design of one column', () => {
  const oneFeature = {
    target: 'y',
    features: ['g=z'],
    cv: { nfolds: 4, seed: 2, measure: 'mse' as const },
  };

  it('pads R’s matrix with a constant column, since glmnet needs two', async () => {
    const { result } = await fitOf(clashCsv(), oneFeature);
    expect(result.columns).toEqual(['g=z']);
    const r = rCode(result, { index: 10, dataPath: 'data.csv' });
    expect(r).toContain('x <- cbind(x, .shrinkage_pad = 0)');
    expect(r).toContain('penalty.factor = c(1, 1)');
    expect(r).toMatch(/coef\(fit, s = [\d.e-]+\)\[1:2, , drop = FALSE\]/);
    const two = await fitOf(clashCsv(), { ...oneFeature, features: ['g=z', 'g=z_2'] });
    expect(rCode(two.result, { index: 10, dataPath: 'data.csv' })).not.toContain('.shrinkage_pad');
  });

  it.skipIf(!HAS_GLMNET)(
    'R: the generated code runs and gives Shrinkage’s coefficients (skipped without R glmnet)',
    async () => {
      const { dataPath, result } = await fitOf(clashCsv(), oneFeature);
      expect(result.columns).toHaveLength(1);
      expectRMatches(result, dataPath, 'one.R');
    },
    180_000,
  );
});

describe('reproduce code for a column name holding a CR', () => {
  // R's read.csv reads the quoted header field "a⏎b" (with a CR) as a, LF, b.
  const name = 'a\rb';
  function crCsv(): string {
    const rows = clashCsv().trim().split('\n');
    rows[0] = rows[0]!.replace(',g=z,', ',"a\rb",');
    return `${rows.join('\n')}\n`;
  }
  const settings = { target: 'y', features: [name, 'g=z_2'] };

  it('renames the column back to Shrinkage’s name in R', async () => {
    const { result } = await fitOf(crCsv(), settings);
    expect(result.columns).toEqual([name, 'g=z_2']);
    const r = rCode(result, { index: 10, dataPath: 'data.csv' });
    expect(r).toContain('names(d)[match(c("a\\nb"), names(d))] <- c("a\\rb")');
  });

  it.skipIf(!HAS_GLMNET)(
    'R: the generated code runs and gives Shrinkage’s coefficients (skipped without R glmnet)',
    async () => {
      const { dataPath, result } = await fitOf(crCsv(), settings);
      expect(result.columns).toHaveLength(2);
      expectRMatches(result, dataPath, 'cr.R');
    },
    180_000,
  );
});
