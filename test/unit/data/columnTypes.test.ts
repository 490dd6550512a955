/**
 * Forcing a column's type (issue 17, item 4): Cars93's Cylinders holds numbers and "rotary".
 * Read as categorical it gives R glmnet's lasso with Cylinders a factor; read as numeric,
 * "rotary" is missing (its row dropped, counted in a warning) and the fit is R's with
 * as.numeric(Cylinders). Reference: test/fixtures/generate/column-types.R.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadAnyDatasetBytes, loadDatasetFile } from '../../../electron/services/datasets';
import { runAnalysis } from '../../../shared/analysis/run';
import { DEFAULT_SETTINGS } from '../../../shared/analysis/settings';
import type { ColumnType } from '../../../shared/data/readOptions';
import { fixturesDir } from '../../helpers/fixtures';
import { parquetBytes } from '../../helpers/parquetFiles';

const cars = join(fixturesDir, 'data/cars93.csv');
interface RPath {
  columns: string[];
  lambda: number[];
  a0: number[];
  beta: number[][];
  n: number;
}
const reference = JSON.parse(
  readFileSync(join(fixturesDir, 'glmnet/cars93-column-types.json'), 'utf8'),
) as { features: string[]; thresh: number; categorical: RPath; numeric: RPath };

async function fitCars(type: ColumnType) {
  const { dataset } = await loadDatasetFile(cars, { columnTypes: { Cylinders: type } });
  const run = await runAnalysis(dataset, {
    ...DEFAULT_SETTINGS,
    target: 'Price',
    features: reference.features,
    thresh: reference.thresh,
  });
  return { dataset, run };
}

/** Agreement to glmnet's convergence tolerance (thresh 1e-14 on both sides). */
function expectPath(run: Awaited<ReturnType<typeof fitCars>>['run'], r: RPath) {
  expect(run.trainRows.length).toBe(r.n);
  const k = Math.min(run.path.lambda.length, r.lambda.length);
  expect(k).toBeGreaterThan(50);
  for (let i = 0; i < k; i++) {
    expect(run.path.lambda[i]).toBeCloseTo(r.lambda[i]!, 10);
    expect(run.path.a0[i]).toBeCloseTo(r.a0[i]!, 6);
    r.beta[i]!.forEach((b, j) => {
      expect(run.path.beta[i]![j]).toBeCloseTo(b, 6);
    });
  }
}

describe('a column type chosen by the user', () => {
  it('leaves Cylinders unusable when not chosen: numbers with one text cell', async () => {
    const { dataset } = await loadDatasetFile(cars);
    const cylinders = dataset.columns.find((c) => c.name === 'Cylinders')!;
    expect(cylinders.kind).toBe('numeric');
    expect(cylinders.problem?.message).toMatch(/1 text cell, first 'rotary' at row 58/);
  });

  it('categorical: the numbers become levels, and the fit is R glmnet with a factor', async () => {
    const { dataset, run } = await fitCars('categorical');
    const cylinders = dataset.columns.find((c) => c.name === 'Cylinders')!;
    expect(cylinders).toMatchObject({
      kind: 'categorical',
      levels: ['3', '4', '5', '6', '8', 'rotary'],
    });
    expect(run.prepared.columns.map((c) => c.name)).toHaveLength(
      reference.categorical.columns.length,
    );
    expectPath(run, reference.categorical);
  });

  it('numeric: text cells are missing, counted with an example, and the fit is R glmnet with as.numeric', async () => {
    const { dataset, run } = await fitCars('numeric');
    const cylinders = dataset.columns.find((c) => c.name === 'Cylinders')!;
    expect(cylinders).toMatchObject({ kind: 'numeric', missing: 1 });
    expect(cylinders.problem).toBeUndefined();
    expect(dataset.warnings.map((w) => w.message)).toContain(
      "Column 'Cylinders' is read as numbers, as chosen: its 1 text cell (first 'rotary' at row 58) is read as missing.",
    );
    expect(run.prepared.columns.map((c) => c.name)).toEqual(reference.numeric.columns);
    expectPath(run, reference.numeric);
  });

  it('applies to Parquet too: a DOUBLE column read as categorical', async () => {
    const bytes = parquetBytes([
      { name: 'g', data: [10, 9, 10, null], type: 'DOUBLE', nullable: true },
      { name: 'y', data: [1, 2, 3, 4], type: 'DOUBLE' },
    ]);
    const { dataset } = await loadAnyDatasetBytes(bytes, 'g.parquet', {
      columnTypes: { g: 'categorical' },
    });
    expect(dataset.columns[0]).toMatchObject({
      kind: 'categorical',
      levels: ['10', '9'],
      missing: 1,
    });
  });

  it('refuses a type chosen for a column the file does not have, naming it', async () => {
    await expect(
      loadDatasetFile(cars, { columnTypes: { cylinders: 'categorical' } }),
    ).rejects.toThrow(
      /cars93\.csv: A type was chosen for the column 'cylinders', but the file has no column of that name\..*spelling and case/,
    );
  });
});
