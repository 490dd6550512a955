/**
 * `fit` without --memory-limit: the budget is SHRINKAGE_MEMORY_LIMIT or half of memory
 * (electron/services/memoryBudget.ts), so a file that does not fit streams (gaussian, the
 * in-memory numbers) or is refused before it is loaded (other families), and the JSON says
 * which mode ran and why.
 */
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { formatSummary } from '../../electron/cli/summary';
import { usableMemoryBytes } from '../../electron/services/memoryBudget';
import { estimatedMemoryBytes, sampleFileShape } from '../../electron/services/streamingFit';
import { cli, fitJson, scratchDir } from '../helpers/cli';
import { examplesDir } from '../helpers/fixtures';

const diabetes = join(examplesDir, 'diabetes.csv');

function relativeGap(a: readonly number[], b: readonly number[]): number {
  expect(a.length).toBe(b.length);
  const scale = Math.max(...b.map(Math.abs), 1e-300);
  return Math.max(0, ...a.map((v, i) => Math.abs(v - b[i]!) / scale));
}

afterEach(() => {
  delete process.env.SHRINKAGE_MEMORY_LIMIT;
});

describe('fit without --memory-limit', () => {
  it('a small file fits in memory under the machine default, and the JSON says why', async () => {
    delete process.env.SHRINKAGE_MEMORY_LIMIT;
    const { run, json } = await fitJson('--data', diabetes, '--target', 'y');
    expect(run.code).toBe(0);
    expect(json.diagnostics.mode).toBe('in-memory');
    expect(json.diagnostics.memory).toEqual({
      neededBytes: estimatedMemoryBytes(statSync(diabetes).size, {
        ...(await sampleFileShape(diabetes)),
        nlambda: 100,
      }),
      limitBytes: Math.floor(usableMemoryBytes() / 2),
      limitSource: 'machine',
    });
  });

  it('over SHRINKAGE_MEMORY_LIMIT a gaussian fit streams: the in-memory numbers to 1e-9', async () => {
    const args = ['--data', diabetes, '--target', 'y', '--cv', '3', '--test-fraction', '0.2'];
    const memory = await fitJson(...args);
    process.env.SHRINKAGE_MEMORY_LIMIT = '1KB';
    const streamed = await fitJson(...args);
    expect(streamed.run.code).toBe(0);
    expect(streamed.run.stderr).toMatch(
      /streaming mode: sufficient statistics \(the data were not held in memory\): about [\d.]+ KB, over SHRINKAGE_MEMORY_LIMIT 1 KB/,
    );
    expect(streamed.json.diagnostics.mode).toBe('streaming');
    expect(streamed.json.diagnostics.memory).toMatchObject({
      limitBytes: 1024,
      limitSource: 'environment',
    });
    expect(memory.json.diagnostics.mode).toBe('in-memory');
    expect(relativeGap(streamed.json.path.lambda, memory.json.path.lambda)).toBeLessThan(1e-9);
    for (const [l, beta] of memory.json.path.beta.entries())
      expect(relativeGap(streamed.json.path.beta[l]!, beta)).toBeLessThan(1e-9);
    expect(relativeGap(streamed.json.cv!.cvm, memory.json.cv!.cvm)).toBeLessThan(1e-9);
    expect(formatSummary(streamed.json)).toMatch(
      /mode: streaming, from sufficient statistics \(the data were not held in memory; about [\d.]+ KB needed, budget 1 KB \(SHRINKAGE_MEMORY_LIMIT\)\)/,
    );
    // --memory-limit overrides the environment.
    const roomy = await fitJson('--data', diabetes, '--target', 'y', '--memory-limit', '4GB');
    expect(roomy.json.diagnostics.mode).toBe('in-memory');
    expect(roomy.json.diagnostics.memory?.limitSource).toBe('flag');
  });

  it('other families are refused before the file is loaded, saying what to do', async () => {
    // The last row is malformed: loading would fail on it; the refusal comes first.
    const path = join(scratchDir(), 'pima-bad.csv');
    const pima = readFileSync(join(examplesDir, 'pima.csv'), 'utf8');
    writeFileSync(path, `${pima.trimEnd()}\n1,2\n`);
    process.env.SHRINKAGE_MEMORY_LIMIT = '1KB';
    const run = await cli('fit', '--data', path, '--target', 'type', '--family', 'binomial');
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(
      /binomial family needs its data in memory \(about [\d.]+ KB, over SHRINKAGE_MEMORY_LIMIT 1 KB\); only gaussian fits can stream/,
    );
    expect(run.stderr).toMatch(/Raise --memory-limit if the machine has the memory/);
    delete process.env.SHRINKAGE_MEMORY_LIMIT;
    const loaded = await cli('fit', '--data', path, '--target', 'type', '--family', 'binomial');
    expect(loaded.code).toBe(1);
    expect(loaded.stderr).not.toMatch(/needs its data in memory/);
    expect(loaded.stderr).toMatch(/pima-bad\.csv.*row/);
  });

  it('an unreadable SHRINKAGE_MEMORY_LIMIT is an error', async () => {
    process.env.SHRINKAGE_MEMORY_LIMIT = 'lots';
    const run = await cli('fit', '--data', diabetes, '--target', 'y');
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/SHRINKAGE_MEMORY_LIMIT takes a size such as 4GB/);
  });
});
