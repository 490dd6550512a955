/**
 * Warnings are data: the analysis acts on their code (never their words), names the design
 * columns they concern, and the serializable result carries them as its schema says. Results
 * saved when warnings were sentences still read.
 */
import { describe, expect, it } from 'vitest';
import {
  analysisResult,
  analysisResultSchema,
  upgradeSavedResult,
} from '../../../shared/analysis/result';
import { runAnalysis } from '../../../shared/analysis/run';
import { DEFAULT_SETTINGS } from '../../../shared/analysis/settings';
import { readCsvText } from '../../../shared/data/csv';
import { groupWarnings, warningGroupText } from '../../../shared/warning';

/** 40 rows; `k=1` is constant (its name holds '=' on purpose), x carries the signal. */
function constantCsv(): string {
  const lines = ['x,k=1,y'];
  for (let i = 0; i < 40; i++) lines.push(`${i % 7},5,${(i % 7) * 2 + ((i * 13) % 5) / 10}`);
  return `${lines.join('\n')}\n`;
}

async function run(cv: boolean) {
  const dataset = readCsvText(constantCsv(), { fileName: 'constant.csv' });
  const settings = {
    ...DEFAULT_SETTINGS,
    target: 'y',
    nlambda: 10,
    ...(cv && { cv: { nfolds: 4, seed: 3, measure: 'mse' as const } }),
  };
  const analysis = await runAnalysis(dataset, settings);
  const result = analysisResult(
    analysis,
    settings,
    { file: 'constant.csv', sha256: 'b'.repeat(64) },
    { readSeconds: 0 },
  );
  return { analysis, result };
}

describe('structured warnings', () => {
  it('name a constant feature by its design column, found by code', async () => {
    const { analysis } = await run(false);
    const constant = analysis.warnings.filter((w) => w.code === 'constant-column');
    expect(constant).toEqual([
      {
        code: 'constant-column',
        columns: ['k=1'],
        message: "Constant feature 'k=1' cannot be fitted; its coefficient is reported as 0.",
      },
    ]);
  });

  it('keep the fold a cross-validation warning arose in', async () => {
    const { analysis } = await run(true);
    const folds = analysis.warnings.filter((w) => w.fold !== undefined);
    expect(folds.map((w) => w.fold)).toEqual([1, 2, 3, 4]);
    expect(folds.every((w) => w.code === 'constant-column')).toBe(true);
    expect(folds[0]!.message).toBe(
      "Fold 1: Constant feature 'k=1' cannot be fitted; its coefficient is reported as 0.",
    );
    // Named, like the fit on all rows, not numbered by design column (issue 16, item 14).
    expect(folds.every((w) => w.columns?.join() === 'k=1')).toBe(true);
  });

  it('repeated in every fold read as one line naming the folds (issue 16, item 14)', async () => {
    const { analysis } = await run(true);
    const lines = groupWarnings(analysis.warnings).map(warningGroupText);
    expect(lines).toContain(
      "In folds 1, 2, 3 and 4: Constant feature 'k=1' cannot be fitted; its coefficient is reported as 0.",
    );
    expect(lines.filter((l) => l.includes("'k=1'"))).toHaveLength(2);
  });

  it('are carried by the serializable result as its schema says', async () => {
    const { result } = await run(true);
    const parsed = analysisResultSchema.parse(JSON.parse(JSON.stringify(result)));
    expect(parsed.diagnostics.warnings).toEqual(result.diagnostics.warnings);
    expect(parsed.diagnostics.warnings[0]).toMatchObject({ code: 'constant-column' });
  });

  it('saved as sentences by older versions become legacy warnings; the rest is untouched', async () => {
    const { result } = await run(false);
    const old = {
      ...result,
      diagnostics: { ...result.diagnostics, warnings: ['An old sentence.'] },
    };
    const upgraded = analysisResultSchema.parse(upgradeSavedResult(old));
    expect(upgraded.diagnostics.warnings).toEqual([
      { code: 'legacy', message: 'An old sentence.' },
    ]);
    expect(analysisResultSchema.safeParse(old).success).toBe(false);
    expect(upgradeSavedResult(result)).toBe(result);
    expect(upgradeSavedResult('nothing')).toBe('nothing');
  });
});
