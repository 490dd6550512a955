/**
 * A Parquet file as pandas/pyarrow write it (test/fixtures/generate/parquet-pyarrow.py: snappy,
 * dictionary-encoded strings, int64, date32, bool, nulls, 5 row groups): the diabetes columns
 * fit as the CSV does, bit for bit, and the other types map as the CSV rules read their text.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadDatasetFile } from '../../../electron/services/datasets';
import { runAnalysis } from '../../../shared/analysis/run';
import { DEFAULT_SETTINGS } from '../../../shared/analysis/settings';
import { fixturesDir } from '../../helpers/fixtures';

const extra = ['group', 'flag', 'day', 'count'];

describe('a Parquet file written by pyarrow', () => {
  it('reads every type and fits the diabetes columns as the CSV', async () => {
    const { dataset } = await loadDatasetFile(join(fixturesDir, 'data/diabetes-pyarrow.parquet'));
    expect(dataset.rowCount).toBe(442);
    const byName = Object.fromEntries(dataset.columns.map((c) => [c.name, c]));
    expect(byName.group).toMatchObject({ kind: 'categorical', levels: ['a', 'b', 'c'] });
    expect(byName.group!.missing).toBe(110);
    expect(byName.flag).toMatchObject({ kind: 'categorical', boolean: true, missing: 1 });
    expect(byName.day).toMatchObject({ kind: 'categorical', missing: 0 });
    expect((byName.day as { levels: string[] }).levels.slice(0, 2)).toEqual([
      '2024-01-01',
      '2024-01-02',
    ]);
    expect(byName.count).toMatchObject({ kind: 'numeric', missing: 1 });

    const settings = { ...DEFAULT_SETTINGS, target: 'y', exclude: extra };
    const parquet = await runAnalysis(dataset, settings);
    const csv = await runAnalysis(
      (await loadDatasetFile(join(fixturesDir, 'data/diabetes.csv'))).dataset,
      { ...DEFAULT_SETTINGS, target: 'y' },
    );
    expect(parquet.path.lambda).toEqual(csv.path.lambda);
    expect(parquet.path.beta).toEqual(csv.path.beta);
    expect(parquet.path.a0).toEqual(csv.path.a0);
  });
});
