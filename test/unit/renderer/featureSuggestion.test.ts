/** The default features leave out identifier-like and over-the-limit text columns (issue 16, item 5). */
import { describe, expect, it } from 'vitest';
import { DatasetService } from '../../../electron/services/datasetService';
import { fromSettings, levelProblem, suggestFeatures } from '../../../renderer/lib/settingsForm';
import { DEFAULT_SETTINGS } from '../../../shared/analysis/settings';
import type { DatasetInfo } from '../../../shared/ipc/contract';

/** 32 rows like mtcars: a name for most rows, a 3-level text column, a 60-level one and numbers. */
async function carsLike(): Promise<DatasetInfo> {
  const lines = ['car,gear,code,wt,mpg'];
  for (let i = 0; i < 64; i++)
    lines.push(`car${i % 40},g${i % 3},c${i % 60},${(i * 0.37) % 5},${20 + (i % 7)}`);
  return new DatasetService().openBytes(
    new TextEncoder().encode(`${lines.join('\n')}\n`),
    'cars.csv',
  );
}

describe('default feature suggestion', () => {
  it('unticks a column with a level per row and one over the level limit, keeps the rest', async () => {
    const info = await carsLike();
    expect(suggestFeatures(info, 'mpg')).toEqual(['gear', 'wt']);
  });

  it('says why such a column is a poor feature', async () => {
    const info = await carsLike();
    const column = (name: string) => info.summary.columns.find((c) => c.name === name)!;
    expect(levelProblem(column('car'), 64)).toMatch(/40 levels in 64 rows.*identifier/);
    expect(levelProblem(column('code'), 64)).toMatch(
      new RegExp(`60 levels, more than the limit of ${DEFAULT_SETTINGS.maxLevels}`),
    );
    expect(levelProblem(column('gear'), 64)).toBeUndefined();
    expect(levelProblem(column('wt'), 64)).toBeUndefined();
  });

  it('still restores settings without a feature list as every column but the excluded', async () => {
    const info = await carsLike();
    const form = fromSettings({ ...DEFAULT_SETTINGS, target: 'mpg', exclude: ['wt'] }, info);
    expect(form.features).toEqual(['car', 'gear', 'code']);
  });
});
