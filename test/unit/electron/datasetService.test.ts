/** Open datasets are bounded and released: the cap, closing all, and a released session's jobs. */
import { describe, expect, it } from 'vitest';
import { createServices } from '../../../electron/services';
import { DatasetService, MAX_OPEN_DATASETS } from '../../../electron/services/datasetService';
import { inProcessExecutor } from '../../../shared/analysis/executor';

const csv = (label: string) => new TextEncoder().encode(`x,y\n1,2\n2,${label.length}\n3,5\n`);

describe('open datasets', () => {
  it(`keeps at most ${MAX_OPEN_DATASETS}: opening one more releases the one opened longest ago`, async () => {
    const datasets = new DatasetService();
    const ids: string[] = [];
    for (let i = 0; i < MAX_OPEN_DATASETS + 2; i++)
      ids.push((await datasets.openBytes(csv(`f${i}`), `f${i}.csv`)).datasetId);
    expect(datasets.size).toBe(MAX_OPEN_DATASETS);
    expect(datasets.list().map((open) => open.datasetId)).toEqual(ids.slice(2));
    expect(() => datasets.get(ids[0]!)).toThrow(/no longer open\. Open the file again/);
    expect(datasets.get(ids.at(-1)!).dataset.fileName).toBe(`f${MAX_OPEN_DATASETS + 1}.csv`);
  });

  it("releasing a page's services drops its datasets and results", async () => {
    const services = createServices({
      executor: inProcessExecutor,
      emit: () => {},
      host: { kind: 'test' },
      threads: 1,
    });
    const { datasetId } = await services.datasets.openBytes(csv('a'), 'a.csv');
    const { jobId } = services.fits.start(
      datasetId,
      {
        family: 'gaussian',
        target: 'y',
        exclude: [],
        rows: [],
        alpha: 1,
        standardize: true,
        intercept: true,
        nlambda: 5,
        penaltyFactor: {},
        thresh: 1e-7,
        maxIter: 1000,
        missing: 'drop',
        maxLevels: 50,
        twoLevelCoding: 'single',
      },
      1,
    );
    await services.fits.settled(jobId);
    services.release();
    expect(services.datasets.size).toBe(0);
    expect(() => services.fits.result(jobId)).toThrow(/unknown or was discarded/);
  });
});
