/**
 * The convergence certificate through the CLI: on longley (ill-conditioned: an intercept and
 * six nearly collinear trends) glmnet's default thresh stops far from the optimum and the
 * warning says so; --tighten refits those λ and moves β to the thresh-1e-14 answer.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AnalysisResult } from '../../shared/analysis/result';
import { cli, fitJson } from '../helpers/cli';
import { fixturesDir } from '../helpers/fixtures';

const longley = ['--data', `${fixturesDir}data/longley.csv`, '--target', 'Employed'];
const far = (json: AnalysisResult) =>
  json.diagnostics.warnings.filter((w) => w.code === 'far-from-optimal');

describe('CLI convergence certificate', () => {
  it('warns on longley at the default thresh, and --tighten removes the warning', async () => {
    const plain = await fitJson(...longley);
    expect(plain.run.code).toBe(0);
    const certificate = plain.json.diagnostics.certificate!;
    expect(certificate.relativeGap).toHaveLength(plain.json.path.lambda.length);
    expect(far(plain.json)).toHaveLength(1);
    expect(far(plain.json)[0]!.message).toMatch(/λ from .* to .*--tighten/);
    const summary = await cli('fit', ...longley);
    expect(summary.stdout).toMatch(/certificate: \d+ λ of \d+ may be far from optimal/);

    const tight = await fitJson(...longley, '--tighten');
    expect(tight.run.code).toBe(0);
    expect(far(tight.json)).toEqual([]);
    const tightened = tight.json.diagnostics.certificate!.tightened!;
    expect(tightened.indices.length).toBeGreaterThan(0);
    expect(tightened.stillFailing).toBe(0);
    expect((await cli('fit', ...longley, '--tighten')).stdout).toMatch(
      /certificate: within .* at every λ .*; tightened \d+ λ down to thresh 1e-\d+/,
    );
    // The same λ; λ that passed keep their default answers exactly.
    expect(tight.json.path.lambda).toEqual(plain.json.path.lambda);
    plain.json.path.beta.forEach((beta, k) => {
      if (!tightened.indices.includes(k)) expect(tight.json.path.beta[k]).toEqual(beta);
    });

    // The refitted λ now agree with a fit at thresh 1e-14 of the same λ sequence.
    const exact = await fitJson(
      ...longley,
      '--lambda',
      plain.json.path.lambda.join(','),
      '--thresh',
      '1e-14',
      '--max-iter',
      '10000000',
    );
    expect(exact.run.code).toBe(0);
    let before = 0;
    let after = 0;
    for (const k of tightened.indices) {
      const target = exact.json.path.beta[k]!;
      const size = Math.max(...target.map(Math.abs));
      const distance = (beta: number[]) =>
        Math.max(...beta.map((b, j) => Math.abs(b - target[j]!))) / size;
      before = Math.max(before, distance(plain.json.path.beta[k]!));
      after = Math.max(after, distance(tight.json.path.beta[k]!));
    }
    expect(before).toBeGreaterThan(0.05);
    // Tightening stops once the certificate passes (gap ≤ 1e-3 of the objective), not at 1e-14.
    expect(after).toBeLessThan(0.1);
    expect(after).toBeLessThan(before / 10);
  });

  it('certifies a binomial path too, and --tighten clears its warning (longley, yes/no target)', async () => {
    // longley's collinear predictors with Employed recoded hi / lo around its median: an
    // elastic net at thresh 1e-3 stops truly far from the optimum (test/unit/analysis/certifyGlm).
    const [header, ...rows] = readFileSync(`${fixturesDir}data/longley.csv`, 'utf8')
      .trim()
      .split('\n');
    const column = header!.split(',').indexOf('"Employed"');
    const values = rows.map((row) => Number(row.split(',')[column]));
    const median = [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
    const dir = mkdtempSync(join(tmpdir(), 'shrinkage-cert-'));
    const file = join(dir, 'longley-binary.csv');
    const recoded = rows.map((row, i) => {
      const cells = row.split(',');
      cells[column] = values[i]! > median ? 'hi' : 'lo';
      return cells.join(',');
    });
    writeFileSync(file, `${[header, ...recoded].join('\n')}\n`);
    try {
      const args = ['--data', file, '--target', 'Employed', '--family', 'binomial'];
      const loose = [...args, '--alpha', '0.5', '--thresh', '1e-3'];
      const plain = await fitJson(...loose);
      expect(plain.run.code).toBe(0);
      expect(plain.json.diagnostics.certificate!.relativeGap).toHaveLength(
        plain.json.path.lambda.length,
      );
      expect(far(plain.json)).toHaveLength(1);
      const tight = await fitJson(...loose, '--tighten');
      expect(tight.run.code).toBe(0);
      const certificate = tight.json.diagnostics.certificate!;
      expect(certificate.relativeGap).toHaveLength(tight.json.path.lambda.length);
      expect(certificate.tightened!.indices.length).toBeGreaterThan(0);
      expect(certificate.tightened!.stillFailing).toBe(0);
      expect(far(tight.json)).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
