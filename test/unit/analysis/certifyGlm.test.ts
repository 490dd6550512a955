/**
 * Tightening for a GLM (issue 17, item 6): birthwt's binomial path without standardizing
 * (raw age and mother's weight beside 0/1 indicators, uncentred: coordinate descent crawls)
 * stops at glmnet's default thresh with duality gaps above FAR_FROM_OPTIMAL at its smallest
 * λ; tighten refits those λ and the warning goes, the other λ keeping their answers.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runAnalysis } from '../../../shared/analysis/run';
import { type AnalysisSettings, DEFAULT_SETTINGS } from '../../../shared/analysis/settings';
import { readCsvText } from '../../../shared/data/csv';
import { FAR_FROM_OPTIMAL } from '../../../shared/solver/certificate';

const birthwt = readFileSync(new URL('../../fixtures/data/birthwt.csv', import.meta.url), 'utf8');

async function run(tighten: boolean) {
  const dataset = readCsvText(birthwt, { fileName: 'birthwt.csv' });
  const settings: AnalysisSettings = {
    ...DEFAULT_SETTINGS,
    target: 'low',
    family: 'binomial',
    standardize: false,
    ...(tighten && { tighten: true }),
  };
  return runAnalysis(dataset, settings);
}

describe('certify: binomial', () => {
  it('warns far from optimal at the default thresh, and tighten clears it', async () => {
    const plain = await run(false);
    const certificate = plain.certificate!;
    expect(certificate.relativeGap).toHaveLength(plain.path.lambda.length);
    const worst = Math.max(...certificate.relativeGap.map(Number));
    expect(worst).toBeGreaterThan(FAR_FROM_OPTIMAL);
    expect(plain.warnings.map((w) => w.code)).toContain('far-from-optimal');

    const tight = await run(true);
    const after = tight.certificate!;
    expect(tight.warnings.map((w) => w.code)).not.toContain('far-from-optimal');
    expect(after.tightened!.indices.length).toBeGreaterThan(0);
    expect(after.tightened!.stillFailing).toBe(0);
    expect(Math.max(...after.relativeGap.map(Number))).toBeLessThanOrEqual(FAR_FROM_OPTIMAL);
    // λ that passed keep their default answers exactly.
    plain.path.beta.forEach((beta, k) => {
      if (!after.tightened!.indices.includes(k)) expect(tight.path.beta[k]).toEqual(beta);
    });
  });
});
