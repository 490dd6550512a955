/** The CLI prints the leakage warning naming the feature, and the JSON carries it (issue 16, item 7). */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AnalysisResult } from '../../shared/analysis/result';
import { fitJson } from '../helpers/cli';
import { fixturesDir } from '../helpers/fixtures';

describe('CLI leakage warning', () => {
  it('prints a warning line naming the leaking feature', async () => {
    const { run, json } = await fitJson<AnalysisResult>(
      ...['--data', join(fixturesDir, 'data/leak.csv'), '--target', 'y'],
    );
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(/^warning: copy is correlated above 0\.99 with the target y/m);
    expect(run.stderr).toMatch(/^warning: Deviance explained reaches 99\.\d\d% with copy/m);
    expect(json.diagnostics.warnings.find((w) => w.code === 'possible-leakage')?.columns).toEqual([
      'copy',
    ]);
  });
});
