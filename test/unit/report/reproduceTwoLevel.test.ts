/**
 * The reproduce code builds a two-level feature's single 0/1 column as Shrinkage does: R turns
 * the factor into that column before makeX, Python compares with the level coded 1 (and
 * imputes over both levels), Spark uses the StringIndexer index itself (0 for the reference)
 * and one-hot encodes only the features with more levels. The code is run by test/reproduce;
 * here its text, for hostile level names too.
 */
import { describe, expect, it } from 'vitest';
import { analysisResult } from '../../../shared/analysis/result';
import { runAnalysis } from '../../../shared/analysis/run';
import { type AnalysisSettings, DEFAULT_SETTINGS } from '../../../shared/analysis/settings';
import { readCsvText } from '../../../shared/data/csv';
import { pysparkCode, pythonCode, rCode } from '../../../shared/report/reproduce';

async function resultOf(text: string, settings: Partial<AnalysisSettings> = {}) {
  const full: AnalysisSettings = { ...DEFAULT_SETTINGS, target: 'y', ...settings };
  const dataset = readCsvText(text, { fileName: 'data.csv' });
  return analysisResult(
    await runAnalysis(dataset, full),
    full,
    {
      file: 'data.csv',
      sha256: 'a'.repeat(64),
    },
    { readSeconds: 0 },
  );
}

/** 30 rows: x, sex (levels F and `M"⏎x`, a quote and a line break), region a/b/c, y. */
function hostileCsv(): string {
  const male = '"M""\nx"';
  const rows = ['x,sex,region,y'];
  for (let i = 0; i < 30; i++) {
    const x = ((i * 7) % 11) / 3;
    rows.push(
      `${x.toFixed(3)},${i % 2 ? male : 'F'},${'abc'[i % 3]},${(x + (i % 2) * 2 + (i % 5) / 10).toFixed(3)}`,
    );
  }
  return `${rows.join('\n')}\n`;
}

const options = { index: 10, dataPath: 'data.csv' };

describe('reproduce code for a two-level feature coded as one 0/1 column', () => {
  it('R: pins both levels, makes the 0/1 column before makeX, with quoted literals', async () => {
    const result = await resultOf(hostileCsv());
    expect(result.columns).toEqual(['x', 'sex=M"\nx', 'region=a', 'region=b', 'region=c']);
    const r = rCode(result, options);
    expect(r).toContain('d[["sex"]] <- factor(d[["sex"]], levels = c("F", "M\\"\\nx"))');
    expect(r).toContain(
      'd[["sex"]] <- as.numeric(d[["sex"]] == "M\\"\\nx")  # 1 for M"⟨U+000A⟩x, 0 for F',
    );
    expect(r).toContain('x <- makeX(');
    // The comment cannot be ended by the level's line break.
    for (const line of r.split('\n')) expect(line.startsWith('x"')).toBe(false);
  });

  it('R without a factor left: as.matrix, not makeX', async () => {
    const result = await resultOf(hostileCsv(), { features: ['x', 'sex'] });
    const r = rCode(result, options);
    expect(r).toContain('x <- as.matrix(d[, c("x", "sex"), drop = FALSE])');
    expect(r).not.toContain('makeX(');
  });

  it('Python: the column compares with the level coded 1; imputation chooses between both levels', async () => {
    const result = await resultOf(hostileCsv(), { missing: 'impute' });
    const py = pythonCode(result, options);
    expect(py).toContain('    (d["sex"] == "M\\"\\nx").to_numpy(dtype=float),');
    // No column for the reference level.
    expect(py).not.toContain('(d["sex"] == "F")');
    expect(py).toContain('max(["F", "M\\"\\nx"], key=lambda level: counts.get(level, 0))');
  });

  it('Spark: the index is the 0/1 column; only region is one-hot encoded; names in Spark’s order', async () => {
    const result = await resultOf(hostileCsv());
    const spark = pysparkCode(result, options);
    expect(spark).toContain('indexed = ["shrinkage_index_0", "shrinkage_index_1"]');
    expect(spark).toContain('onehot = ["shrinkage_onehot_0"]');
    expect(spark).toContain(
      'encoder = OneHotEncoder(inputCols=["shrinkage_index_1"], outputCols=onehot, dropLast=False)',
    );
    expect(spark).toContain(
      'VectorAssembler(inputCols=["x"] + ["shrinkage_index_0"] + onehot, outputCol="features")',
    );
    expect(spark).toContain(
      'names = ["x", "sex=M\\"\\nx", "region=a", "region=b", "region=c"]  # Spark\'s order: numeric features, two-level dummies, then levels',
    );
  });

  it('Spark with two-level features only: no encoder', async () => {
    const result = await resultOf(hostileCsv(), { features: ['x', 'sex'] });
    const spark = pysparkCode(result, options);
    expect(spark).toContain('encoder = None');
    expect(spark).toContain(
      'VectorAssembler(inputCols=["x"] + ["shrinkage_index_0"], outputCol="features")',
    );
  });

  it('one-hot: every level a column, as before', async () => {
    const result = await resultOf(hostileCsv(), { twoLevelCoding: 'one-hot' });
    expect(result.columns.slice(1, 3)).toEqual(['sex=F', 'sex=M"\nx']);
    expect(rCode(result, options)).not.toContain('as.numeric(');
    expect(pysparkCode(result, options)).toContain(
      'OneHotEncoder(inputCols=["shrinkage_index_0", "shrinkage_index_1"]',
    );
  });
});
