/** A feature that leaks the target is named in a warning (issue 16, item 7). */
import { describe, expect, it } from 'vitest';
import { analysisResult } from '../../../shared/analysis/result';
import { runAnalysis } from '../../../shared/analysis/run';
import { DEFAULT_SETTINGS } from '../../../shared/analysis/settings';
import { readCsvText } from '../../../shared/data/csv';
import { renderReport } from '../../../shared/report/html';

/** 60 rows: y from a and b with noise; `copy` is y rescaled plus tiny noise, or left out. */
function csv(withCopy: boolean): string {
  const lines = [withCopy ? 'a,b,copy,y' : 'a,b,y'];
  for (let i = 0; i < 60; i++) {
    const a = (i * 7) % 11;
    const b = (i * 5) % 13;
    const y = a - 0.5 * b + (((i * 37) % 17) - 8);
    const copy = 3 * y + 10 + ((i % 3) - 1) * 0.01;
    lines.push(withCopy ? `${a},${b},${copy},${y}` : `${a},${b},${y}`);
  }
  return `${lines.join('\n')}\n`;
}

const leakCodes = (warnings: { code: string }[]) =>
  warnings.filter((w) => w.code === 'possible-leakage' || w.code === 'near-perfect-fit');

describe('leakage warnings', () => {
  it('names a feature correlated above 0.99 with the target, and the near-perfect fit', async () => {
    const dataset = readCsvText(csv(true), { fileName: 'leak.csv' });
    const run = await runAnalysis(dataset, { ...DEFAULT_SETTINGS, target: 'y', nlambda: 30 });
    const leak = run.warnings.find((w) => w.code === 'possible-leakage');
    expect(leak?.columns).toEqual(['copy']);
    expect(leak?.message).toMatch(/^copy is correlated above 0\.99 with the target y/);
    const perfect = run.warnings.find((w) => w.code === 'near-perfect-fit');
    expect(perfect?.columns).toEqual(['copy']);
    expect(perfect?.message).toMatch(/Deviance explained reaches 99\.\d\d% with copy/);
  });

  it('stays quiet on an ordinary fit', async () => {
    const dataset = readCsvText(csv(false), { fileName: 'plain.csv' });
    const run = await runAnalysis(dataset, { ...DEFAULT_SETTINGS, target: 'y', nlambda: 30 });
    expect(leakCodes(run.warnings)).toEqual([]);
  });

  it('is in the report', async () => {
    const dataset = readCsvText(csv(true), { fileName: 'leak.csv' });
    const settings = { ...DEFAULT_SETTINGS, target: 'y', nlambda: 30 };
    const result = analysisResult(
      await runAnalysis(dataset, settings),
      settings,
      { file: 'leak.csv', sha256: 'd'.repeat(64) },
      { readSeconds: 0 },
    );
    const html = renderReport({ result, selectedIndex: 0, generatedAt: new Date(0) });
    expect(html).toMatch(/<h2>Warnings<\/h2>.*copy is correlated above 0\.99 with the target y/s);
  });
});
