/**
 * Two-level text features as one 0/1 column (`twoLevelCoding: single`, the default for new
 * settings) or a column per level (`one-hot`, glmnet's makeX, and what settings saved before
 * the option read as): the design, its record of the reference level, imputation, the saved
 * model and scoring, penalty factors and the statement of the coding.
 */
import { describe, expect, it } from 'vitest';
import { codingSentences } from '../../../shared/analysis/coding';
import { buildModel, parseModel, scoreDataset } from '../../../shared/analysis/model';
import { analysisResult } from '../../../shared/analysis/result';
import { runAnalysis } from '../../../shared/analysis/run';
import { analysisSettingsSchema, parseSettings } from '../../../shared/analysis/schema';
import { type AnalysisSettings, DEFAULT_SETTINGS } from '../../../shared/analysis/settings';
import { readCsvText } from '../../../shared/data/csv';
import { prepareDesign } from '../../../shared/data/design';
import { applyImputation, learnImputation } from '../../../shared/data/impute';

const csv = (text: string) => readCsvText(text, { fileName: 't.csv' });

/** 40 rows: sex F/M, smoker no/yes, region a/b/c; y depends on sex and smoker. */
function healthCsv(): string {
  const lines = ['sex,smoker,region,x,y'];
  for (let i = 0; i < 40; i++) {
    const sex = i % 2 ? 'M' : 'F';
    const smoker = i % 3 === 0 ? 'yes' : 'no';
    const region = 'abc'[i % 3]!;
    const x = ((i * 37) % 11) - 5;
    const y = (sex === 'M' ? 2 : 0) + (smoker === 'yes' ? -1.5 : 0) + 0.3 * x + ((i * 13) % 7) / 10;
    lines.push(`${sex},${smoker},${region},${x},${y}`);
  }
  return `${lines.join('\n')}\n`;
}

async function fitted(settings: Partial<AnalysisSettings>, text = healthCsv()) {
  const dataset = csv(text);
  const full = { ...DEFAULT_SETTINGS, target: 'y', ...settings };
  const run = await runAnalysis(dataset, full);
  const json = analysisResult(
    run,
    full,
    { file: 't.csv', sha256: 'a'.repeat(64) },
    {
      readSeconds: 0,
    },
  );
  return { dataset, run, json };
}

describe('coding a two-level text feature', () => {
  it('single: one 0/1 column for the second level in sorted order, recording the reference', () => {
    const prepared = prepareDesign(csv(healthCsv()), { target: 'y', twoLevelCoding: 'single' });
    expect(prepared.columns).toEqual([
      { name: 'sex=M', feature: 'sex', kind: 'level', level: 'M', reference: 'F' },
      { name: 'smoker=yes', feature: 'smoker', kind: 'level', level: 'yes', reference: 'no' },
      // Three levels stay one-hot.
      { name: 'region=a', feature: 'region', kind: 'level', level: 'a' },
      { name: 'region=b', feature: 'region', kind: 'level', level: 'b' },
      { name: 'region=c', feature: 'region', kind: 'level', level: 'c' },
      { name: 'x', feature: 'x', kind: 'numeric' },
    ]);
    const { n, values } = prepared.design;
    expect(Array.from(values.subarray(0, 4))).toEqual([0, 1, 0, 1]);
    expect(Array.from(values.subarray(n, n + 4))).toEqual([1, 0, 0, 1]);
    expect(prepared.groups.map((g) => g.reference ?? false)).toEqual([true, true, false, false]);
  });

  it("one-hot (and prepareDesign without the option, as glmnet's makeX): a column per level", () => {
    for (const twoLevelCoding of ['one-hot', undefined] as const) {
      const prepared = prepareDesign(csv(healthCsv()), { target: 'y', twoLevelCoding });
      expect(prepared.columns.slice(0, 4)).toEqual([
        { name: 'sex=F', feature: 'sex', kind: 'level', level: 'F' },
        { name: 'sex=M', feature: 'sex', kind: 'level', level: 'M' },
        { name: 'smoker=no', feature: 'smoker', kind: 'level', level: 'no' },
        { name: 'smoker=yes', feature: 'smoker', kind: 'level', level: 'yes' },
      ]);
    }
  });

  it('counts the levels among the rows used: a row filter that leaves two makes one column', () => {
    const prepared = prepareDesign(csv(healthCsv()), {
      target: 'y',
      features: ['region', 'x'],
      rows: [{ column: 'smoker', value: 'no' }],
      twoLevelCoding: 'single',
    });
    // smoker = no only on rows where i % 3 ≠ 0, whose regions are b and c.
    expect(prepared.columns[0]).toEqual({
      name: 'region=c',
      feature: 'region',
      kind: 'level',
      level: 'c',
      reference: 'b',
    });
  });

  it('sorts levels by code unit, as a two-class target (a lower-case level after upper case)', () => {
    const text = 'g,y\nb,1\nB,2\nb,3\nB,5\n';
    const prepared = prepareDesign(csv(text), { target: 'y', twoLevelCoding: 'single' });
    expect(prepared.columns).toEqual([
      { name: 'g=b', feature: 'g', kind: 'level', level: 'b', reference: 'B' },
    ]);
  });
});

describe('imputing a two-level feature coded as one column', () => {
  // sex missing in rows 4 and 5; among the rest, M (1) is the more frequent, then F.
  const missing = (rows: string[]) =>
    prepareDesign(csv(`sex,x,y\n${rows.join('\n')}\n`), {
      target: 'y',
      missing: 'impute',
      twoLevelCoding: 'single',
    });

  it('fills the most frequent level, 1 when it is the column’s level', () => {
    const prepared = missing(['M,1,1', 'M,2,2', 'F,3,3', ',4,4', ',5,5']);
    const fill = learnImputation(prepared.design, prepared.groups);
    expect(fill[0]).toBe(1);
    expect(Array.from(applyImputation(prepared.design, fill).values.subarray(0, 5))).toEqual([
      1, 1, 0, 1, 1,
    ]);
  });

  it('fills 0 when the reference level is the more frequent, and on a tie (first level first)', () => {
    const mostlyF = missing(['F,1,1', 'F,2,2', 'M,3,3', ',4,4']);
    expect(learnImputation(mostlyF.design, mostlyF.groups)[0]).toBe(0);
    const tie = missing(['F,1,1', 'M,2,2', ',3,3']);
    expect(learnImputation(tie.design, tie.groups)[0]).toBe(0);
    // One-hot coding of the same data agrees: F, the first level, takes the tie.
    const oneHot = prepareDesign(csv('sex,x,y\nF,1,1\nM,2,2\n,3,3\n'), {
      target: 'y',
      missing: 'impute',
      twoLevelCoding: 'one-hot',
    });
    expect(learnImputation(oneHot.design, oneHot.groups).slice(0, 2)).toEqual([1, 0]);
  });
});

describe('the setting', () => {
  it('is single for new settings and one-hot for settings saved before it existed', () => {
    expect(DEFAULT_SETTINGS.twoLevelCoding).toBe('single');
    const { twoLevelCoding: _, ...saved } = { ...DEFAULT_SETTINGS, target: 'y' };
    expect(parseSettings(saved).settings?.twoLevelCoding).toBe('one-hot');
    expect(
      analysisSettingsSchema.safeParse({ ...saved, twoLevelCoding: 'dummy' }).error?.issues[0]
        ?.message,
    ).toBe('must be single or one-hot');
  });

  it('makes the analysis fit one coefficient for sex (no split between sex=F and sex=M)', async () => {
    const single = await fitted({});
    expect(single.json.columns).toEqual([
      'sex=M',
      'smoker=yes',
      'region=a',
      'region=b',
      'region=c',
      'x',
    ]);
    expect(single.json.settings.twoLevelCoding).toBe('single');
    const last = single.json.path.beta.at(-1)!;
    // y = 2·[M] − 1.5·[yes] + 0.3x + noise in [0, 0.6]: near the least-squares effects.
    expect(last[0]).toBeCloseTo(2, 0);
    expect(last[1]).toBeCloseTo(-1.5, 0);
    const oneHot = await fitted({ twoLevelCoding: 'one-hot' });
    expect(oneHot.json.columns.slice(0, 2)).toEqual(['sex=F', 'sex=M']);
    // The same fitted values at the smallest λ: only the parametrization differs.
    const k = Math.min(single.json.path.lambda.length, oneHot.json.path.lambda.length) - 1;
    const linearPredictor = (r: typeof single) => {
      const { n, p, values } = r.run.fitted.design;
      return Array.from({ length: n }, (_, i) => {
        let eta = r.json.path.a0[k]!;
        for (let j = 0; j < p; j++) eta += r.json.path.beta[k]![j]! * values[j * n + i]!;
        return eta;
      });
    };
    const a = linearPredictor(single);
    const b = linearPredictor(oneHot);
    for (let i = 0; i < a.length; i++) expect(a[i]).toBeCloseTo(b[i]!, 2);
  });

  it('states the coding in words', async () => {
    const { json } = await fitted({});
    expect(codingSentences(json.designColumns!)).toEqual([
      "Two-level text features are one 0/1 column each: 'sex' is 1 for 'M', 0 for 'F'; 'smoker' is 1 for 'yes', 0 for 'no'.",
      'Text features with more levels have one 0/1 column per level.',
    ]);
    const oneHot = await fitted({ twoLevelCoding: 'one-hot' });
    expect(codingSentences(oneHot.json.designColumns!)).toEqual([
      "Text features have one 0/1 column per level (glmnet's full one-hot coding): a two-level feature's two columns are collinear, so the lasso may split its effect between them.",
    ]);
  });

  it('refuses a penalty factor for the reference level, naming the column to use', async () => {
    await expect(fitted({ penaltyFactor: { 'sex=F': 0 } })).rejects.toThrow(
      /'sex' has two levels and is one 0\/1 column, 'sex=M'.*Give the factor to 'sex=M' \(or 'sex'\)/s,
    );
    const { json } = await fitted({ penaltyFactor: { 'sex=M': 0 } });
    expect(json.settings.penaltyFactor['sex=M']).toBe(0);
  });
});

describe('the model file and scoring', () => {
  it('records the reference level (format 4) and scores it as 0, exactly as the fit predicted', async () => {
    const { dataset, run, json } = await fitted({});
    const k = json.path.lambda.length - 1;
    const written = JSON.parse(JSON.stringify(buildModel(json, k)));
    expect(written.formatVersion).toBe(4);
    expect(written.columns[0]).toEqual({
      name: 'sex=M',
      feature: 'sex',
      kind: 'level',
      level: 'M',
      reference: 'F',
    });
    const scores = scoreDataset(parseModel(written, 'm.json'), dataset);
    expect(scores.unscored).toBe(0);
    // F is a level the model knows: no unseen-level warning.
    expect(scores.warnings.map((w) => w.code)).not.toContain('unseen-level');
    const { values, n, p } = run.fitted.design;
    for (let i = 0; i < n; i++) {
      let expected = json.path.a0[k]!;
      for (let j = 0; j < p; j++) expected += json.path.beta[k]![j]! * values[j * n + i]!;
      expect(scores.predictions[i]).toBeCloseTo(expected, 10);
    }
  });

  it('scores an unseen level as the reference level, and says so', async () => {
    const { json } = await fitted({});
    const model = parseModel(JSON.parse(JSON.stringify(buildModel(json, 5))), 'm.json');
    const scored = scoreDataset(model, csv('sex,smoker,region,x\nX,no,a,0\nF,no,a,0\n'));
    expect(scored.predictions[0]).toBe(scored.predictions[1]);
    expect(scored.warnings).toContainEqual({
      code: 'unseen-level',
      columns: ['sex'],
      message:
        "1 row has a level of 'sex' the model never saw; its column is 0 for them, so they are scored as its reference level 'F'.",
    });
  });

  it('imputes a missing cell with the fit’s 0 or 1 when the fit imputed', async () => {
    const text = healthCsv().replace(/\nM,no,b,/, '\n,no,b,');
    const { json, run } = await fitted({ missing: 'impute' }, text);
    const model = parseModel(
      JSON.parse(JSON.stringify(buildModel(json, 5, run.imputation))),
      'm.json',
    );
    // 19 M and 20 F among the other rows: F, the reference, is the mode, coded 0.
    expect(model.imputation![0]).toBe(0);
  });

  it('still reads and scores a version-3 (one-hot) model file', async () => {
    const { dataset, json } = await fitted({ twoLevelCoding: 'one-hot' });
    const v4 = JSON.parse(JSON.stringify(buildModel(json, 5)));
    const v3 = parseModel({ ...v4, formatVersion: 3 }, 'old.json');
    expect(v3.columns[0]).toEqual({ name: 'sex=F', feature: 'sex', kind: 'level', level: 'F' });
    const now = scoreDataset(parseModel(v4, 'm.json'), dataset).predictions;
    expect(Array.from(scoreDataset(v3, dataset).predictions)).toEqual(Array.from(now));
  });

  it('refuses a model whose reference level is not text', async () => {
    const { json } = await fitted({});
    const written = JSON.parse(JSON.stringify(buildModel(json, 5)));
    written.columns[0].reference = 7;
    expect(() => parseModel(written, 'bad.json')).toThrow(/damaged/);
  });
});
