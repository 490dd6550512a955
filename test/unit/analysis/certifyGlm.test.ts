/**
 * The GLM certificate at the analysis level (issue 17, item 6), checked against the true
 * suboptimality (the objective of a fit at thresh 1e-14):
 * - a truly far answer is flagged and tighten clears it: longley's collinear predictors with a
 *   yes/no target (Employed above its median), elastic net at thresh 1e-3;
 * - a close answer is not flagged: birthwt without standardizing at glmnet's default thresh,
 *   whose certificate built from its own μ alone was loose (up to 4e-3 for answers 1e-9 from
 *   the optimum) until the failing λ took their dual points from a polished copy.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { type AnalysisExecutor, inProcessExecutor } from '../../../shared/analysis/executor';
import { runAnalysis } from '../../../shared/analysis/run';
import { type AnalysisSettings, DEFAULT_SETTINGS } from '../../../shared/analysis/settings';
import { readCsvText } from '../../../shared/data/csv';
import { FAR_FROM_OPTIMAL } from '../../../shared/solver/certificate';

const fixture = (name: string) =>
  readFileSync(new URL(`../../fixtures/data/${name}.csv`, import.meta.url), 'utf8');

/** longley.csv with Employed replaced by 'hi' / 'lo' around its median. */
function longleyBinary(): string {
  const [header, ...rows] = fixture('longley').trim().split('\n');
  const column = header!.split(',').indexOf('"Employed"');
  const values = rows.map((row) => Number(row.split(',')[column]));
  const median = [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
  const recoded = rows.map((row, i) => {
    const cells = row.split(',');
    cells[column] = values[i]! > median ? 'hi' : 'lo';
    return cells.join(',');
  });
  return [header, ...recoded].join('\n');
}

async function run(
  text: string,
  settings: Partial<AnalysisSettings> & { target: string },
  executor?: AnalysisExecutor,
) {
  const dataset = readCsvText(text, { fileName: 'data.csv' });
  return runAnalysis(
    dataset,
    { ...DEFAULT_SETTINGS, family: 'binomial', ...settings },
    executor && { executor },
  );
}

/** The in-process executor with a path "aside" (as the worker pool's), each call recorded. */
function withAside() {
  const calls: { options: Record<string, unknown>; signal: AbortSignal }[] = [];
  const executor: AnalysisExecutor = {
    ...inProcessExecutor,
    runPathAside: (problem, options, signal) => {
      calls.push({ options: options as Record<string, unknown>, signal });
      return inProcessExecutor.runPath(problem, options, undefined, signal);
    },
  };
  return { executor, calls };
}

/** Per λ: (P(answer) − P(exact)) / P(answer), against a fit at thresh 1e-14 on the same grid. */
async function trueSuboptimality(
  text: string,
  settings: Partial<AnalysisSettings> & { target: string },
  objective: readonly (number | null)[],
) {
  const exact = await run(text, { ...settings, thresh: 1e-14, maxIter: 100_000_000 });
  return objective.map((p, k) => {
    const best = exact.certificate!.objective[k];
    return p === null || best === null || best === undefined ? 0 : (p - best) / p;
  });
}

describe('certify: binomial', () => {
  it('flags a truly far answer, and tighten clears it', async () => {
    const text = longleyBinary();
    const settings = { target: 'Employed', alpha: 0.5, thresh: 1e-3 };
    const plain = await run(text, settings);
    const certificate = plain.certificate!;
    expect(certificate.relativeGap).toHaveLength(plain.path.lambda.length);
    expect(plain.warnings.map((w) => w.code)).toContain('far-from-optimal');
    const truth = await trueSuboptimality(text, settings, certificate.objective);
    // The flag is deserved: some answer really is more than 0.1% above the optimum, and every
    // gap bounds its answer's true distance.
    expect(Math.max(...truth)).toBeGreaterThan(FAR_FROM_OPTIMAL);
    for (const [k, t] of truth.entries())
      expect(t).toBeLessThanOrEqual(certificate.relativeGap[k]! + 1e-12);

    const tight = await run(text, { ...settings, tighten: true });
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

  it('polishes with a copy begun beside the fit when the executor has a thread to spare', async () => {
    // birthwt unstandardized: its raw gaps fail, the copy's dual points clear them, as the
    // copy fitted after the raw gaps does.
    const text = fixture('birthwt');
    const settings = { target: 'low', standardize: false };
    const { executor, calls } = withAside();
    const early = await run(text, settings, executor);
    const after = await run(text, settings);
    expect(calls).toHaveLength(1);
    expect(calls[0]!.options.thresh).toBe(1e-10);
    expect(calls[0]!.signal.aborted).toBe(false);
    expect(early.warnings.map((w) => w.code)).not.toContain('far-from-optimal');
    // The same answers (the copy only builds dual points) and bounds as tight.
    expect(early.path.beta).toEqual(after.path.beta);
    expect(early.certificate!.objective).toEqual(after.certificate!.objective);
    const truth = await trueSuboptimality(text, settings, early.certificate!.objective);
    for (const [k, t] of truth.entries()) {
      expect(t).toBeLessThanOrEqual(early.certificate!.relativeGap[k]! + 1e-12);
      expect(early.certificate!.relativeGap[k]!).toBeLessThanOrEqual(FAR_FROM_OPTIMAL);
    }
  });

  it('cancels the copy begun beside the fit when no λ needs it, and begins none with CV', async () => {
    const text = fixture('birthwt');
    const passing = withAside();
    const plain = await run(text, { target: 'low' }, passing.executor);
    expect(Math.max(...plain.certificate!.relativeGap.map(Number))).toBeLessThanOrEqual(
      FAR_FROM_OPTIMAL,
    );
    expect(passing.calls).toHaveLength(1);
    expect(passing.calls[0]!.signal.aborted).toBe(true);
    const cv = withAside();
    await run(
      text,
      { target: 'low', cv: { nfolds: 3, seed: 1, measure: 'deviance' } },
      cv.executor,
    );
    expect(cv.calls).toHaveLength(0);
  });

  it('does not flag answers that are close to optimal (birthwt, default thresh)', async () => {
    const text = fixture('birthwt');
    const settings = { target: 'low', standardize: false };
    const plain = await run(text, settings);
    const certificate = plain.certificate!;
    expect(plain.warnings.map((w) => w.code)).not.toContain('far-from-optimal');
    expect(Math.max(...certificate.relativeGap.map(Number))).toBeLessThanOrEqual(FAR_FROM_OPTIMAL);
    const truth = await trueSuboptimality(text, settings, certificate.objective);
    expect(Math.max(...truth)).toBeLessThan(1e-6);
    for (const [k, t] of truth.entries())
      expect(t).toBeLessThanOrEqual(certificate.relativeGap[k]! + 1e-12);
  });
});
