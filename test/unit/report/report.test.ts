/** The HTML report and the code that reproduces a fit. */
import { describe, expect, it } from 'vitest';
import { analysisResult } from '../../../shared/analysis/result';
import { runAnalysis } from '../../../shared/analysis/run';
import { type AnalysisSettings, DEFAULT_SETTINGS } from '../../../shared/analysis/settings';
import { readCsvText } from '../../../shared/data/csv';
import { escapeHtml } from '../../../shared/report/escape';
import { coefficientsCsv } from '../../../shared/report/exports';
import { REPORT_CSP, renderReport } from '../../../shared/report/html';
import {
  pysparkCode,
  pythonCode,
  rCode,
  sklearnTranslation,
} from '../../../shared/report/reproduce';
import { HOSTILE_COLUMN, HOSTILE_LEVEL, hostileCsv } from '../../helpers/hostile';

const num = (v: number) => String(v);

/** The result JSON of analysing CSV text (the file's fingerprint faked as sha256 a…a). */
async function resultFor(csv: string, fileName: string, settings: AnalysisSettings) {
  const dataset = readCsvText(csv, { fileName });
  return analysisResult(
    await runAnalysis(dataset, settings),
    settings,
    { file: dataset.fileName, sha256: 'a'.repeat(64) },
    { readSeconds: 0 },
  );
}

function hostileResult() {
  return resultFor(hostileCsv(), '"evil" <file>.csv', {
    ...DEFAULT_SETTINGS,
    target: 'y',
    alpha: 0.4,
    thresh: 1e-9,
    cv: { nfolds: 4, seed: 5, measure: 'mse' as const },
  });
}

describe('HTML report', () => {
  it('escapes every user string, has no script and forbids loading anything', async () => {
    const json = await hostileResult();
    const html = renderReport({
      result: json,
      selectedIndex: json.cv!.index1se,
      generatedAt: new Date(0),
    });
    expect(html).not.toContain(HOSTILE_COLUMN);
    expect(html).not.toContain(HOSTILE_LEVEL);
    expect(html).not.toMatch(/<script/i);
    expect(html).toContain(escapeHtml(HOSTILE_COLUMN));
    expect(html).toContain(escapeHtml(`group=${HOSTILE_LEVEL}`));
    expect(html).toContain('&quot;evil&quot; &lt;file&gt;.csv');
    expect(html).toContain(`content="${REPORT_CSP}"`);
    expect(REPORT_CSP).toMatch(/default-src 'none'/);
    // No event-handler attribute inside any real tag (escaped text cannot open a tag).
    expect(html).not.toMatch(/<[^>]*\son[a-z]+\s*=/i);
  });

  it('shows the charts, the selected features, the settings and the fingerprint', async () => {
    const json = await hostileResult();
    const k = json.cv!.index1se;
    const html = renderReport({
      result: json,
      selectedIndex: k,
      generatedAt: new Date('2026-11-27T10:00:00Z'),
    });
    // The path, the CV curve and the information criteria (no predictions given).
    expect(html.match(/<svg /g)).toHaveLength(3);
    expect(html).toContain('aria-label="Coefficient path: coefficients against log λ"');
    expect(html.match(/class="error-bar"/g)!.length).toBe(json.cv!.lambda.length);
    expect(html).toContain(`${json.path.df[k]} of ${json.columns.length} features selected`);
    expect(html).toContain('a'.repeat(64));
    expect(html).toContain('report made 27 November 2026 at 10:00 UTC');
    expect(html).not.toContain('2026-11-27T10');
    expect(html).toContain('seed 5, mulberry32');
    expect(html).toContain('Fold assignment');
  });

  it('titles a ridge fit "Coefficients", without "Entered at λ", and counts in words (issue 16, item 14)', async () => {
    const ridge = await resultFor(hostileCsv(), 'ridge.csv', {
      ...DEFAULT_SETTINGS,
      target: 'y',
      alpha: 0,
      thresh: 1e-9,
    });
    const html = renderReport({ result: ridge, selectedIndex: 3, generatedAt: new Date(0) });
    expect(html).toContain('<h2>Coefficients</h2>');
    expect(html).not.toContain('Selected features');
    expect(html).not.toContain('Entered at λ');
    expect(html).toContain(`${ridge.columns.length} features, all kept (ridge)`);
    expect(html).toContain('report made 1 January 1970 at 00:00 UTC');
    expect(html).not.toMatch(/\(s\)/);
  });
});

describe('names with hidden characters', () => {
  it('shows bidi and zero-width characters as ⟨U+XXXX⟩, isolated, with a warning; the data keeps them', async () => {
    const rows = ['y,"cost\u202e(USD)","id\u200b",g'];
    for (let i = 0; i < 40; i++)
      rows.push(`${(i * 7) % 11},${(i * 5) % 13},${i % 4},${i % 2 ? 'a\u2066b' : 'c'}`);
    const json = await resultFor(`${rows.join('\n')}\n`, 'n\u200fames.csv', {
      ...DEFAULT_SETTINGS,
      target: 'y',
      lambda: [0.01],
    });
    // The names as data are exact.
    // g has two levels: one 0/1 column, 1 for c (after a⁦b in code-unit order).
    expect(json.columns).toEqual(['cost\u202e(USD)', 'id\u200b', 'g=c']);
    const html = renderReport({ result: json, selectedIndex: 0, generatedAt: new Date(0) });
    for (const hidden of ['\u202e', '\u200b', '\u2066', '\u200f'])
      expect(html.includes(hidden), `raw U+${hidden.codePointAt(0)!.toString(16)}`).toBe(false);
    expect(html).toContain('<bdi>cost⟨U+202E⟩(USD)</bdi>');
    // The level coded 0 is named only in the coding sentence, marked there too.
    expect(html).toContain('<bdi>g</bdi> is 1 for <bdi>c</bdi>, 0 for <bdi>a⟨U+2066⟩b</bdi>');
    expect(html).toContain('n⟨U+200F⟩ames.csv');
    expect(html).toMatch(
      /4 names hold invisible or direction-changing characters, shown as ⟨U\+…⟩/,
    );
    // The code blocks keep their line breaks (and quote the names with escapes).
    expect(html).toMatch(/<pre># Reproduces[^\n]*\n# from/);
    expect(html).toContain('&quot;cost\\u{202e}(USD)&quot;');
  });
});

describe('reproduce code', () => {
  it('carries the exact settings into R, Python and PySpark', async () => {
    const json = await hostileResult();
    const k = json.cv!.indexMin;
    const r = rCode(json, { index: k, dataPath: 'data.csv' });
    for (const setting of [
      'alpha = 0.4',
      'standardize = TRUE',
      'intercept = TRUE',
      'thresh = 1e-9',
      'nlambda = 100',
      'lambda.min.ratio = 0.0001',
      'maxit = 100000',
      'makeX(',
      'type.measure = "mse"',
    ]) {
      expect(r).toContain(setting);
    }
    expect(r).toContain(`foldid <- c(${json.cv!.foldid.join(', ')})`);
    expect(r).toContain(`coef(fit, s = ${num(json.path.lambda[k]!)})`);
    const py = pythonCode(json, { index: k, dataPath: 'data.csv' });
    for (const setting of [
      'a = 0.4',
      `s_y = ${num(json.standardization.yScale)}`,
      `lam = ${num(json.path.lambda[k]!)}`,
      'StandardScaler(with_mean=True)',
      'X = np.column_stack([',
      'fit_intercept=True',
    ]) {
      expect(py).toContain(setting);
    }
    const spark = pysparkCode(json, { index: k, dataPath: 'data.csv' });
    for (const setting of [
      'elasticNetParam=0.4',
      `regParam=${num(json.path.lambda[k]!)}`,
      'standardization=True',
      'dropLast=False',
      'stringOrderType="alphabetAsc"',
      'print(dict(zip(names, model.stages[-1].coefficients.toArray()))',
    ]) {
      expect(spark).toContain(setting);
    }
  });

  it('pins R’s factor levels to Shrinkage’s order, so makeX and penalty.factor line up', async () => {
    // R collates "apple" before "Banana"; Shrinkage orders by code unit ("Banana" first).
    // Checked by hand with R glmnet 4.1.6: with the pin the coefficients equal Shrinkage's,
    // without it penalty.factor lands on the wrong levels and the fit differs.
    const rows = ['y,x,fruit'];
    const levels = ['apple', 'Banana', 'cherry', 'Date'];
    for (let i = 0; i < 40; i++) rows.push(`${(i * 7) % 11},${(i * 5) % 13},${levels[i % 4]}`);
    const json = await resultFor(`${rows.join('\n')}\n`, 'fruit.csv', {
      ...DEFAULT_SETTINGS,
      target: 'y',
      penaltyFactor: { 'fruit=Banana': 0.2 },
    });
    expect(json.columns).toEqual([
      'x',
      'fruit=Banana',
      'fruit=Date',
      'fruit=apple',
      'fruit=cherry',
    ]);
    const r = rCode(json, { index: 0, dataPath: 'fruit.csv' });
    expect(r).toContain(
      'd[["fruit"]] <- factor(d[["fruit"]], levels = c("Banana", "Date", "apple", "cherry"))',
    );
    expect(r.indexOf('factor(d[["fruit"]]')).toBeLessThan(r.indexOf('makeX('));
    expect(r).toContain('penalty.factor = c(1, 0.2, 1, 1, 1)');
  });

  it('imputes in R and Python as Shrinkage did, when asked to impute', async () => {
    // Checked by hand here: the R code gives Shrinkage's coefficients exactly (glmnet 4.1.6),
    // the Python code to 8 digits at thresh 1e-14 (scikit-learn 1.2.1, pandas 1.5.3).
    const rows = ['y,x,fruit'];
    const levels = ['apple', 'Banana', ''];
    for (let i = 0; i < 40; i++)
      rows.push(
        `${i === 3 ? 'NA' : (i * 7) % 11},${i % 9 === 0 ? '' : (i * 5) % 13},${levels[i % 3]}`,
      );
    const json = await resultFor(`${rows.join('\n')}\n`, 'fruit.csv', {
      ...DEFAULT_SETTINGS,
      target: 'y',
      missing: 'impute',
    });
    const r = rCode(json, { index: 0, dataPath: 'fruit.csv' });
    expect(r).toContain('d <- d[!is.na(d[["y"]]), ]');
    expect(r).toContain('for (f in c("x")) d[[f]][is.na(d[[f]])] <- mean(d[[f]], na.rm = TRUE)');
    expect(r).toContain(
      'for (f in c("fruit")) d[[f]][is.na(d[[f]])] <- names(which.max(table(d[[f]])))',
    );
    expect(r).not.toContain('complete.cases');
    const py = pythonCode(json, { index: 0, dataPath: 'fruit.csv' });
    expect(py).toContain('d = d[d["y"].notna()].copy()');
    expect(py).toContain('d[f] = d[f].fillna(d[f].mean())');
    expect(py).toContain(
      'd["fruit"].fillna(max(["Banana", "apple"], key=lambda level: counts.get(level, 0)))',
    );
    expect(py).not.toContain('dropna');
  });

  it('translates glmnet’s (λ, α) into scikit-learn’s (alpha, l1_ratio) term by term', () => {
    for (const [lambda, alpha, sdY] of [
      [0.7, 1, 3.2],
      [2.5, 0.5, 77],
      [0.01, 0, 1.3],
      [5, 0.3, 0.2],
    ] as const) {
      const { alpha: a, l1Ratio: r } = sklearnTranslation(lambda, alpha, sdY);
      expect(a * r).toBeCloseTo(lambda * alpha, 12);
      expect(a * (1 - r)).toBeCloseTo((lambda * (1 - alpha)) / sdY, 12);
    }
  });
});

describe('coefficients CSV', () => {
  it('has one row per λ and defuses formula-like column names', async () => {
    const json = await hostileResult();
    const lines = coefficientsCsv(json).trim().split('\n');
    expect(lines).toHaveLength(json.path.lambda.length + 1);
    expect(lines[0]).toContain('lambda,nonzero,dev_ratio,(intercept)');
    const dangerous = coefficientsCsv({
      ...json,
      columns: ['=cmd|calc', '@x\ny', ...json.columns.slice(2)],
    });
    expect(dangerous.split('\n')[0]).toContain(",'=cmd|calc,");
    // A formula with a line break is defused too (papaparse's own check missed it).
    expect(dangerous).toContain(`,"'@x\ny",`);
  });
});
