/** Projects: save and reopen, crash-safe writes, and a changed or missing data file said. */
import {
  copyFileSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createServices } from '../../electron/services';
import { inProcessExecutor } from '../../shared/analysis/executor';
import { DEFAULT_SETTINGS } from '../../shared/analysis/settings';
import { examplesDir } from '../helpers/fixtures';

function workspace() {
  const dir = mkdtempSync(join(tmpdir(), 'shrinkage-project-'));
  const data = join(dir, 'diabetes.csv');
  copyFileSync(join(examplesDir, 'diabetes.csv'), data);
  const services = createServices({
    executor: inProcessExecutor,
    emit: () => {},
    host: { kind: 'test' },
    threads: 1,
  });
  return { dir, data, ...services };
}

const settings = {
  ...DEFAULT_SETTINGS,
  target: 'y',
  alpha: 0.8,
  cv: { nfolds: 5, seed: 11, measure: 'mse' as const },
};

async function analyse(services: ReturnType<typeof workspace>, datasetId: string) {
  const { jobId } = services.fits.start(datasetId, settings, 1);
  expect(await services.fits.settled(jobId)).toBe('done');
  return jobId;
}

describe('projects', () => {
  it('round-trips: reopening gives the same data, settings, choice and results', async () => {
    const ws = workspace();
    const info = await ws.datasets.openPath(ws.data);
    const jobId = await analyse(ws, info.datasetId);
    const path = join(ws.dir, 'study.shrinkage');
    await ws.projects.save(path, ws.projects.compose(info.datasetId, jobId, settings, 17));

    const fresh = workspace();
    const opened = await fresh.projects.open(path);
    expect(opened.warnings).toEqual([]);
    expect(opened.dataset?.sha256).toBe(info.sha256);
    expect(opened.settings).toEqual(settings);
    expect(opened.selectedIndex).toBe(17);
    expect(opened.savedResult).toEqual(ws.fits.result(jobId));
    // Re-running the restored settings on the reopened data reproduces the results exactly.
    const rerun = await analyse(fresh, opened.dataset!.datasetId);
    const again = fresh.fits.result(rerun);
    expect(again.path).toEqual(opened.savedResult!.path);
    expect(again.cv).toEqual(opened.savedResult!.cv);
  });

  it('leaves the previous file intact when a save fails between writing and renaming', async () => {
    const ws = workspace();
    const info = await ws.datasets.openPath(ws.data);
    const path = join(ws.dir, 'study.shrinkage');
    await ws.projects.save(path, ws.projects.compose(info.datasetId, undefined, settings, 3));
    const before = readFileSync(path, 'utf8');
    const crash = ws.projects.save(
      path,
      ws.projects.compose(info.datasetId, undefined, { ...settings, alpha: 0.1 }, 9),
      {
        beforeRename: () => {
          throw new Error('simulated crash');
        },
      },
    );
    await expect(crash).rejects.toThrow('simulated crash');
    expect(readFileSync(path, 'utf8')).toBe(before);
    expect(readdirSync(ws.dir).sort()).toEqual(['diabetes.csv', 'study.shrinkage']);
    expect((await ws.projects.read(path)).settings.alpha).toBe(0.8);
  });

  it('never opens a changed data file, and says why and what to do', async () => {
    const ws = workspace();
    const info = await ws.datasets.openPath(ws.data);
    const path = join(ws.dir, 'study.shrinkage');
    await ws.projects.save(path, ws.projects.compose(info.datasetId, undefined, settings, 0));
    writeFileSync(
      ws.data,
      `${readFileSync(ws.data, 'utf8')}59,2,32.1,101,157,93.2,38,4,4.8598,87,151\n`,
    );
    const fresh = workspace();
    const changed = await fresh.projects.open(path);
    expect(changed.dataset).toBeNull();
    expect(changed.dataVerified).toBe(false);
    expect(fresh.datasets.size).toBe(0);
    expect(changed.warnings.join(' ')).toMatch(
      /Data not verified: choose the file\. .*diabetes\.csv is \d+ bytes, but the project's data was \d+ bytes/,
    );
    // Same size, different bytes: the fingerprint decides.
    const original = readFileSync(join(examplesDir, 'diabetes.csv'), 'utf8');
    writeFileSync(ws.data, original.replace('59,2,32.1', '58,2,32.1'));
    const edited = await fresh.projects.open(path);
    expect(edited.dataset).toBeNull();
    expect(edited.warnings.join(' ')).toMatch(/has changed since the project was saved/);
    rmSync(ws.data);
    const gone = await fresh.projects.open(path);
    expect(gone.dataset).toBeNull();
    expect(gone.warnings.join(' ')).toMatch(/there is no file at .*diabetes\.csv/);
  });

  it('refuses a file that is not a project, naming it', async () => {
    const ws = workspace();
    const path = join(ws.dir, 'notes.shrinkage');
    writeFileSync(path, '{"format": "something-else"}');
    await expect(ws.projects.read(path)).rejects.toThrow(
      /notes\.shrinkage: This is not a Shrinkage project, or it is damaged/,
    );
    writeFileSync(path, 'not json');
    await expect(ws.projects.read(path)).rejects.toThrow(/not valid JSON/);
    expect(existsSync(join(ws.dir, 'missing.shrinkage'))).toBe(false);
    await expect(ws.projects.read(join(ws.dir, 'missing.shrinkage'))).rejects.toThrow(
      /Cannot read the project file missing\.shrinkage/,
    );
  });
});
