/** The scored file: one row per dataset row, each with its own prediction; formulas defused. */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { loadDatasetFile } from '../../../electron/services/datasets';
import { buildModel, type FittedModel } from '../../../shared/analysis/model';
import { analysisResult } from '../../../shared/analysis/result';
import { runAnalysis } from '../../../shared/analysis/run';
import { scoredCsv } from '../../../shared/analysis/scoredCsv';
import { DEFAULT_SETTINGS } from '../../../shared/analysis/settings';
import { readCsvText } from '../../../shared/data/csv';

async function linearModel(): Promise<FittedModel> {
  const lines = ['a,b,y'];
  for (let i = 0; i < 30; i++)
    lines.push(`${i % 7},${(i * 3) % 5},${2 * (i % 7) - ((i * 3) % 5) + 1}`);
  const dataset = readCsvText(`${lines.join('\n')}\n`, { fileName: 'train.csv' });
  const settings = { ...DEFAULT_SETTINGS, target: 'y', lambda: [0.01] };
  const result = analysisResult(
    await runAnalysis(dataset, settings),
    settings,
    { file: 'train.csv', sha256: 'a'.repeat(64) },
    { readSeconds: 0 },
  );
  return buildModel(result, 0);
}

const predict = (model: FittedModel, a: number, b: number) =>
  model.intercept + model.coefficients[0]! * a + model.coefficients[1]! * b;

function score(text: string, model: FittedModel, options: { dropMalformedRows?: boolean } = {}) {
  const dataset = readCsvText(text, { fileName: 'new.csv', ...options });
  const scored = scoredCsv(text, dataset, model);
  return { ...scored, table: Papa.parse<string[]>(scored.csv.trim()).data };
}

describe('scored CSV', () => {
  it('scores a row with trailing empty fields, and counts only non-empty predictions', async () => {
    const model = await linearModel();
    const { table, rows, scored } = score('a,b,y\n1,2,3,,,\n2,1,5\n,,,\n3,,\n4,4,\n', model);
    expect(table[0]).toEqual(['a', 'b', 'y', 'predicted_y']);
    expect(table.slice(1).map((row) => row.slice(0, 3))).toEqual([
      ['1', '2', '3'],
      ['2', '1', '5'],
      ['', '', ''],
      ['3', '', ''],
      ['4', '4', ''],
    ]);
    for (const row of table) expect(row).toHaveLength(4);
    const predictions = table.slice(1).map((row) => row[3]!);
    expect(Number(predictions[0])).toBeCloseTo(predict(model, 1, 2), 10);
    expect(Number(predictions[1])).toBeCloseTo(predict(model, 2, 1), 10);
    expect(predictions[2]).toBe('');
    expect(predictions[3]).toBe('');
    expect(Number(predictions[4])).toBeCloseTo(predict(model, 4, 4), 10);
    expect(rows).toBe(5);
    expect(scored).toBe(predictions.filter((p) => p !== '').length);
    expect(scored).toBe(3);
  });

  it('keeps a row of empty fields in its place, unscored and warned about', async () => {
    const model = await linearModel();
    const { table, rows, scored, warnings } = score('a,b,y\n1,2,3\n,,\n2,1,5\n', model);
    expect(rows).toBe(3);
    expect(scored).toBe(2);
    expect(table.slice(1).map((row) => row.slice(0, 3))).toEqual([
      ['1', '2', '3'],
      ['', '', ''],
      ['2', '1', '5'],
    ]);
    expect(table[2]![3]).toBe('');
    expect(Number(table[3]![3])).toBeCloseTo(predict(model, 2, 1), 10);
    expect(warnings.map((w) => w.code)).toEqual(['rows-not-scored']);
  });

  it('leaves out blank lines, as the reader does, and says so', async () => {
    const model = await linearModel();
    const text = '\na,b,y\n1,2,3\n\n   \r\n2,1,5\n\n';
    const { table, rows, scored, warnings } = score(text, model);
    expect(readCsvText(text, { fileName: 'new.csv' }).rowCount).toBe(2);
    expect(rows).toBe(2);
    expect(scored).toBe(2);
    expect(table.slice(1).map((row) => row.slice(0, 3))).toEqual([
      ['1', '2', '3'],
      ['2', '1', '5'],
    ]);
    expect(warnings).toEqual([
      {
        code: 'blank-lines',
        message: expect.stringMatching(
          /^The file has 4 blank lines.*Join predictions to the input by an identifier column/,
        ),
      },
    ]);
    // No blank line, no warning: the line break ending the file is none.
    expect(score('a,b,y\n1,2,3\n', model).warnings).toEqual([]);
  });

  it('the file reader agrees with it on what a row is, blank lines and empty rows alike', async () => {
    const model = await linearModel();
    const text = 'a,b,y\r\n1,2,3\r\n,,\r\n\r\n  \r\n2,1,5\r\n,,,,\r\n';
    const dir = await mkdtemp(join(tmpdir(), 'scored-'));
    try {
      await writeFile(join(dir, 'new.csv'), text);
      const { dataset } = await loadDatasetFile(join(dir, 'new.csv'));
      expect(dataset.rowCount).toBe(4);
      const scored = scoredCsv(text, dataset, model);
      expect([scored.rows, scored.scored]).toEqual([4, 2]);
      expect(scored.warnings.map((w) => w.code)).toEqual(['rows-not-scored', 'blank-lines']);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('leaves out the rows the reader dropped, so every other row keeps its own prediction', async () => {
    const model = await linearModel();
    const { table, rows, scored } = score('a,b,y\n1,2,3\n9,9\n2,1,5\n', model, {
      dropMalformedRows: true,
    });
    expect(rows).toBe(2);
    expect(scored).toBe(2);
    expect(table.slice(1).map((row) => row.slice(0, 3))).toEqual([
      ['1', '2', '3'],
      ['2', '1', '5'],
    ]);
    expect(Number(table[2]![3])).toBeCloseTo(predict(model, 2, 1), 10);
  });

  it('refuses to pair rows with predictions when the text is not what the dataset read', async () => {
    const model = await linearModel();
    const dataset = readCsvText('a,b,y\n1,2,3\n2,1,5\n', { fileName: 'new.csv' });
    expect(() => scoredCsv('a,b,y\n1,2,3\n', dataset, model)).toThrow(
      /has 1 data rows now but had 2 when it was read/,
    );
  });

  it('defuses formula-like text cells and names, and leaves numbers alone', async () => {
    const model = await linearModel();
    const text =
      'a,b,y,note,=h\n' +
      '-1.5,2,3,=2+3,x\n' +
      '1,+2,3,@A1,x\n' +
      '1,2,-3e2,"+cmd|\' /C calc\'!A0",x\n' +
      '1,2,3,-x,x\n' +
      '1,2,3,"\tq",x\n' +
      '1,2,3,"\rq",x\n' +
      '1,2,3,"=1\n+2",x\n' +
      '1,2,3,plain,x\n';
    const { table } = score(text, model);
    expect(table[0]).toEqual(['a', 'b', 'y', 'note', "'=h", 'predicted_y']);
    expect(table.slice(1).map((row) => row[3])).toEqual([
      "'=2+3",
      "'@A1",
      "'+cmd|' /C calc'!A0",
      "'-x",
      "'\tq",
      "'\rq",
      "'=1\n+2",
      'plain',
    ]);
    // Numbers, negative or signed, are numbers, not formulas.
    expect(table[1]!.slice(0, 3)).toEqual(['-1.5', '2', '3']);
    expect(table[2]![1]).toBe('+2');
    expect(table[3]![2]).toBe('-3e2');
    expect(Number(table[1]![5])).toBeCloseTo(predict(model, -1.5, 2), 10);
  });
});
