/** Projects: save and reopen, crash-safe writes, and a changed or missing data file said. */
import { execFileSync } from 'node:child_process';
import {
  chmodSync,
  copyFileSync,
  existsSync,
  lstatSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  symlinkSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createServices } from '../../electron/services';
import type { Host } from '../../electron/services/api';
import {
  type LoadOptions,
  loadDatasetBytes,
  loadDatasetFile,
} from '../../electron/services/datasets';
import { PROJECT_HOLDER } from '../../electron/services/projectService';
import { inProcessExecutor } from '../../shared/analysis/executor';
import { DEFAULT_SETTINGS } from '../../shared/analysis/settings';
import { DataError } from '../../shared/data/errors';
import { CHANNELS } from '../../shared/ipc/channels';
import { examplesDir } from '../helpers/fixtures';

/** Every path the data loader was asked to read, to prove which files a project made us open. */
function recordingLoader(reads: string[], fail?: (path: string) => Error | false) {
  return {
    loadFile: async (path: string, options?: LoadOptions) => {
      reads.push(path);
      const error = fail?.(path);
      if (error) throw error;
      return loadDatasetFile(path, options);
    },
    loadBytes: async (bytes: Uint8Array, fileName: string, options?: LoadOptions) =>
      loadDatasetBytes(bytes, fileName, options),
  };
}

function workspace(
  options: {
    chooseProjectData?: Host['chooseProjectData'];
    fail?: (path: string) => Error | false;
  } = {},
) {
  const dir = mkdtempSync(join(tmpdir(), 'shrinkage-project-'));
  const data = join(dir, 'diabetes.csv');
  copyFileSync(join(examplesDir, 'diabetes.csv'), data);
  const reads: string[] = [];
  const services = createServices({
    executor: inProcessExecutor,
    loader: recordingLoader(reads, options.fail),
    emit: () => {},
    host: { kind: 'test', chooseProjectData: options.chooseProjectData },
    threads: 1,
  });
  return { dir, data, reads, ...services };
}

// biome-ignore lint/suspicious/noExplicitAny: tests edit saved JSON freely, as an attacker would.
type Project = Record<string, any>;

/** Save a project of the workspace's data, then let `edit` change its JSON. */
async function savedProject(
  ws: ReturnType<typeof workspace>,
  edit: (project: Project) => void = () => {},
) {
  const info = await ws.datasets.openPath(ws.data);
  const path = join(ws.dir, 'study.shrinkage');
  await ws.projects.save(path, ws.projects.compose(info.datasetId, undefined, settings, 0));
  const project = JSON.parse(readFileSync(path, 'utf8'));
  edit(project);
  writeFileSync(path, JSON.stringify(project));
  ws.datasets.close(info.datasetId);
  ws.reads.length = 0;
  return path;
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

  it('keeps the weight and offset columns: reopened settings and results are the weighted fit', async () => {
    const ws = workspace();
    const info = await ws.datasets.openPath(ws.data);
    const weighted = { ...settings, weights: 'sex', offset: 's6' };
    const { jobId } = ws.fits.start(info.datasetId, weighted, 1);
    expect(await ws.fits.settled(jobId)).toBe('done');
    const path = join(ws.dir, 'weighted.shrinkage');
    await ws.projects.save(path, ws.projects.compose(info.datasetId, jobId, weighted, 3));

    const fresh = workspace();
    const opened = await fresh.projects.open(path);
    expect(opened.warnings).toEqual([]);
    expect(opened.settings).toEqual(weighted);
    expect(opened.savedResult?.settings).toMatchObject({ weights: 'sex', offset: 's6' });
    expect(opened.savedResult?.settings.features).not.toContain('sex');
    const rerun = fresh.fits.start(opened.dataset!.datasetId, opened.settings, 2);
    expect(await fresh.fits.settled(rerun.jobId)).toBe('done');
    expect(fresh.fits.result(rerun.jobId).path).toEqual(opened.savedResult!.path);
    // Not the unweighted fit.
    const plain = await analyse(fresh, opened.dataset!.datasetId);
    expect(fresh.fits.result(plain).path.beta).not.toEqual(opened.savedResult!.path.beta);
  });

  it('opens a project saved before the two-level option as one-hot, so its results re-run exactly', async () => {
    const ws = workspace();
    const quine = join(ws.dir, 'quine.csv');
    copyFileSync(join(examplesDir, 'quine.csv'), quine);
    const info = await ws.datasets.openPath(quine);
    const before = {
      ...settings,
      family: 'poisson' as const,
      target: 'Days',
      twoLevelCoding: 'one-hot' as const,
    };
    const { jobId } = ws.fits.start(info.datasetId, before, 1);
    expect(await ws.fits.settled(jobId)).toBe('done');
    const path = join(ws.dir, 'old.shrinkage');
    await ws.projects.save(path, ws.projects.compose(info.datasetId, jobId, before, 4));
    // What a Shrinkage without the option wrote: neither the settings nor the result name it.
    const project = JSON.parse(readFileSync(path, 'utf8'));
    delete project.settings.twoLevelCoding;
    delete project.result.settings.twoLevelCoding;
    writeFileSync(path, JSON.stringify(project));

    const fresh = workspace();
    const opened = await fresh.projects.open(path);
    expect(opened.warnings).toEqual([]);
    expect(opened.settings.twoLevelCoding).toBe('one-hot');
    expect(opened.savedResult?.columns.slice(0, 4)).toEqual(['Eth=A', 'Eth=N', 'Sex=F', 'Sex=M']);
    const rerun = fresh.fits.start(opened.dataset!.datasetId, opened.settings, 2);
    expect(await fresh.fits.settled(rerun.jobId)).toBe('done');
    expect(fresh.fits.result(rerun.jobId).path).toEqual(opened.savedResult!.path);
    // A new analysis of the same data codes them as one 0/1 column each.
    const now = fresh.fits.start(
      opened.dataset!.datasetId,
      { ...opened.settings, twoLevelCoding: DEFAULT_SETTINGS.twoLevelCoding },
      3,
    );
    expect(await fresh.fits.settled(now.jobId)).toBe('done');
    expect(fresh.fits.result(now.jobId).columns.slice(0, 2)).toEqual(['Eth=N', 'Sex=M']);
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

  it('never reads a file a project points at unless it is the recorded data (no /etc/shadow)', async () => {
    const ws = workspace();
    const secret = join(ws.dir, 'secret.csv');
    writeFileSync(secret, 'user,hash\nroot,$6$abc\n');
    const path = await savedProject(ws, (project) => {
      project.data.path = secret;
      project.data.relativePath = 'secret.csv';
    });
    const opened = await ws.projects.open(path);
    expect(ws.reads).toEqual([]);
    expect(ws.datasets.size).toBe(0);
    expect(opened.dataset).toBeNull();
    expect(opened.dataVerified).toBe(false);
    expect(opened.warnings.join(' ')).toMatch(/^Data not verified: choose the file\./);
    expect(opened.warnings.join(' ')).not.toContain('root');
    // The same when the attacker also gives the secret file's true size.
    const sized = await savedProject(ws, (project) => {
      project.data.path = secret;
      project.data.relativePath = null;
      project.data.byteLength = statSync(secret).size;
    });
    expect((await ws.projects.open(sized)).dataset).toBeNull();
    expect(ws.reads).toEqual([]);
  });

  it('treats a project without a fingerprint as unverified, and reads nothing', async () => {
    const ws = workspace();
    const path = await savedProject(ws, (project) => {
      project.formatVersion = 1;
      delete project.data.sha256;
      delete project.data.byteLength;
      delete project.data.relativePath;
    });
    const opened = await ws.projects.open(path);
    expect(ws.reads).toEqual([]);
    expect(opened.dataset).toBeNull();
    expect(opened.warnings.join(' ')).toMatch(
      /does not record the data file's size and fingerprint/,
    );
  });

  it('finds the data relative to the project folder, wherever the pair was moved', async () => {
    const ws = workspace();
    const path = await savedProject(ws);
    expect(JSON.parse(readFileSync(path, 'utf8')).data.relativePath).toBe('diabetes.csv');
    const moved = `${ws.dir}-moved`;
    renameSync(ws.dir, moved);
    const opened = await ws.projects.open(join(moved, 'study.shrinkage'));
    expect(opened.dataVerified).toBe(true);
    expect(ws.reads).toEqual([join(moved, 'diabetes.csv')]);
    // A relative path in a format-1 project means relative to the project, not the cwd.
    const v1 = join(moved, 'v1.shrinkage');
    const project = JSON.parse(readFileSync(join(moved, 'study.shrinkage'), 'utf8'));
    project.formatVersion = 1;
    project.data.path = 'diabetes.csv';
    delete project.data.relativePath;
    writeFileSync(v1, JSON.stringify(project));
    expect(process.cwd()).not.toBe(moved);
    const old = await ws.projects.open(v1);
    expect(old.dataVerified).toBe(true);
    expect(old.dataset?.summary.fileName).toBe('diabetes.csv');
  });

  it('asks for the file when the data does not verify, and re-runs only a matching choice', async () => {
    const requests: unknown[] = [];
    let answer: string | null = null;
    const ws = workspace({
      chooseProjectData: async (request) => {
        requests.push(request);
        return answer;
      },
    });
    const path = await savedProject(ws);
    const elsewhere = join(ws.dir, 'copy-of-data.csv');
    renameSync(ws.data, elsewhere);
    expect((await ws.projects.open(path)).dataset).toBeNull();
    expect(requests).toEqual([{ projectName: 'study.shrinkage', fileName: 'diabetes.csv' }]);
    answer = elsewhere;
    const chosen = await ws.projects.open(path);
    expect(chosen.dataVerified).toBe(true);
    expect(chosen.dataset?.summary.rowCount).toBe(442);
    // A different file chosen by the user opens (their choice) but is not verified (the
    // matching data is closed first: while it is open, the project uses it, and holds it).
    ws.datasets.unhold(PROJECT_HOLDER);
    ws.datasets.close(chosen.dataset!.datasetId);
    const other = join(ws.dir, 'other.csv');
    copyFileSync(join(examplesDir, 'prostate.csv'), other);
    answer = other;
    const different = await ws.projects.open(path);
    expect(different.dataset?.summary.fileName).toBe('other.csv');
    expect(different.dataVerified).toBe(false);
    expect(different.warnings.join(' ')).toMatch(/not the file the project was saved with/);
  });

  it('opens a project from its content: the open data with its fingerprint, else the path only where the host reads disk', async () => {
    const ws = workspace();
    const path = await savedProject(ws);
    const text = readFileSync(path, 'utf8');
    // The web host: nothing open, and no path read; the project says which file to open.
    const web = await ws.projects.openContent('study.shrinkage', text, { searchDisk: false });
    expect(web.dataset).toBeNull();
    expect(web.dataVerified).toBe(false);
    expect(ws.reads).toEqual([]);
    expect(web.data).toEqual({
      fileName: 'diabetes.csv',
      sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    expect(web.warnings.join(' ')).toMatch(/Open diabetes\.csv \(drop it here or use Open CSV…\)/);
    expect(web.settings.alpha).toBe(0.8);
    // The data opened (uploaded) first is the project's when its bytes match.
    const uploaded = await ws.datasets.openBytes(
      new Uint8Array(readFileSync(ws.data)),
      'diabetes.csv',
    );
    const matched = await ws.projects.openContent('study.shrinkage', text, { searchDisk: false });
    expect(matched.dataVerified).toBe(true);
    expect(matched.dataset?.datasetId).toBe(uploaded.datasetId);
    expect(ws.reads).toEqual([]);
    // The open project holds it; another project (none here) would let it go.
    ws.datasets.unhold(PROJECT_HOLDER);
    ws.datasets.close(uploaded.datasetId);
    // Other bytes open under the same name are not the project's.
    const other = await ws.datasets.openBytes(
      new Uint8Array(readFileSync(join(examplesDir, 'prostate.csv'))),
      'diabetes.csv',
    );
    expect(
      (await ws.projects.openContent('study.shrinkage', text, { searchDisk: false })).dataVerified,
    ).toBe(false);
    ws.datasets.close(other.datasetId);
    // The desktop app reads the recorded absolute path, verified as ever.
    const desktop = await ws.projects.openContent('study.shrinkage', text, { searchDisk: true });
    expect(desktop.dataVerified).toBe(true);
    expect(ws.reads).toEqual([ws.data]);
    // Not a project: refused, naming the file.
    await expect(
      ws.projects.openContent('notes.shrinkage', 'hello', { searchDisk: false }),
    ).rejects.toThrow(/not valid JSON/);
  });

  it('the openContent channel reads the recorded path in the desktop app only', async () => {
    const ws = workspace();
    const path = await savedProject(ws);
    const text = readFileSync(path, 'utf8');
    const opened: Record<string, boolean> = {};
    for (const kind of ['electron', 'web'] as const) {
      const reads: string[] = [];
      const host = createServices({
        executor: inProcessExecutor,
        loader: recordingLoader(reads),
        emit: () => {},
        host: { kind },
        threads: 1,
      });
      const project = await host.handlers[CHANNELS.openProjectContent]({
        fileName: 'study.shrinkage',
        text,
      });
      opened[kind] = project.dataVerified;
      expect(reads, kind).toEqual(kind === 'electron' ? [ws.data] : []);
    }
    expect(opened).toEqual({ electron: true, web: false });
  });

  it('says data that cannot be read cannot be read (and why), not that it moved', async () => {
    let denied = false;
    const ws = workspace({
      fail: (path) =>
        denied &&
        new DataError(
          'Cannot read the file.',
          { file: path },
          'You do not have permission to read it. Check the file permissions.',
        ),
    });
    const path = await savedProject(ws);
    denied = true;
    const opened = await ws.projects.open(path);
    expect(opened.dataset).toBeNull();
    const text = opened.warnings.join(' ');
    expect(text).toMatch(/diabetes\.csv cannot be read: .*You do not have permission to read it/);
    expect(text).not.toMatch(/no longer at/);
  });

  it('drops damaged saved results with a message and keeps the rest of the project', async () => {
    const ws = workspace();
    const info = await ws.datasets.openPath(ws.data);
    const jobId = await analyse(ws, info.datasetId);
    const path = join(ws.dir, 'study.shrinkage');
    await ws.projects.save(path, ws.projects.compose(info.datasetId, jobId, settings, 4));
    const project = JSON.parse(readFileSync(path, 'utf8'));
    const damage: [string, (result: Project) => void][] = [
      [
        'empty λ',
        (r) => Object.assign(r.path, { lambda: [], a0: [], beta: [], df: [], devRatio: [] }),
      ],
      ['short a0', (r) => r.path.a0.pop()],
      ['cv index', (r) => Object.assign(r.cv, { indexMin: 10_000 })],
      ['not a result', (r) => Object.assign(r, { path: 'nothing' })],
    ];
    for (const [label, edit] of damage) {
      const copy = structuredClone(project);
      edit(copy.result);
      writeFileSync(path, JSON.stringify(copy));
      const opened = await ws.projects.open(path);
      expect(opened.savedResult, label).toBeNull();
      expect(opened.warnings.join(' '), label).toMatch(
        /The saved results in study\.shrinkage are damaged/,
      );
      expect(opened.settings, label).toEqual(settings);
      expect(opened.dataVerified, label).toBe(true);
    }
  });

  it('opens results saved when warnings were sentences, as legacy warnings', async () => {
    const ws = workspace();
    const info = await ws.datasets.openPath(ws.data);
    const jobId = await analyse(ws, info.datasetId);
    const path = join(ws.dir, 'study.shrinkage');
    await ws.projects.save(path, ws.projects.compose(info.datasetId, jobId, settings, 4));
    const project = JSON.parse(readFileSync(path, 'utf8'));
    const structured = { code: 'rows-dropped', message: '2 row(s) were dropped.' };
    project.result.diagnostics.warnings = ['Fold 3: an old sentence.', structured];
    writeFileSync(path, JSON.stringify(project));
    // Opening the project reads its data anew: the dataset before, and its analysis, are released.
    const fitted = ws.fits.result(jobId).path;
    const opened = await ws.projects.open(path);
    expect(opened.warnings).toEqual([]);
    expect(opened.savedResult?.diagnostics.warnings).toEqual([
      { code: 'legacy', message: 'Fold 3: an old sentence.' },
      structured,
    ]);
    expect(opened.savedResult?.path).toEqual(fitted);
  });

  it('saves how the file was read and reads it the same way on opening (and holds it)', async () => {
    const ws = workspace();
    const read = { missingMarkers: ['', 'NA', '-99'], decimal: '.' as const };
    const info = await ws.datasets.openPath(ws.data, read);
    expect(info.readOptions).toEqual(read);
    const path = join(ws.dir, 'read.shrinkage');
    await ws.projects.save(path, ws.projects.compose(info.datasetId, undefined, settings, 0));
    expect(JSON.parse(readFileSync(path, 'utf8')).data.readOptions).toEqual(read);
    const opened = await ws.projects.open(path);
    expect(opened.dataVerified).toBe(true);
    expect(opened.dataset?.readOptions).toEqual(read);
    // The open project holds its dataset: opening another file keeps it.
    await ws.datasets.openBytes(new TextEncoder().encode('a,y\n1,2\n2,3\n'), 'other.csv');
    expect(ws.datasets.get(opened.dataset!.datasetId).dataset.fileName).toBe(info.summary.fileName);
  });

  it('saves through a symlink, keeps a private mode, and cleans up temporaries a kill left', async () => {
    const ws = workspace();
    const info = await ws.datasets.openPath(ws.data);
    const real = join(ws.dir, 'real.shrinkage');
    const link = join(ws.dir, 'link.shrinkage');
    await ws.projects.save(real, ws.projects.compose(info.datasetId, undefined, settings, 1));
    chmodSync(real, 0o600);
    symlinkSync(real, link);
    const stale = join(ws.dir, '.real.shrinkage.0123456789ab.tmp');
    const fresh = join(ws.dir, '.real.shrinkage.ba9876543210.tmp');
    const notOurs = join(ws.dir, '.real.shrinkage.tmp');
    for (const file of [stale, fresh, notOurs]) writeFileSync(file, 'partial');
    const anHourAgo = new Date(Date.now() - 3_600_000);
    utimesSync(stale, anHourAgo, anHourAgo);
    await ws.projects.save(link, ws.projects.compose(info.datasetId, undefined, settings, 7));
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect((await ws.projects.read(real)).selectedIndex).toBe(7);
    expect(statSync(real).mode & 0o777).toBe(0o600);
    expect(existsSync(stale)).toBe(false);
    // One a save may still be writing, and files not named like ours, stay.
    expect(existsSync(fresh)).toBe(true);
    expect(existsSync(notOurs)).toBe(true);
    // Opening cleans up too.
    utimesSync(fresh, anHourAgo, anHourAgo);
    await ws.projects.open(link);
    expect(existsSync(fresh)).toBe(false);
  });

  it('refuses to save onto a pipe or a device instead of replacing it', async () => {
    const ws = workspace();
    const info = await ws.datasets.openPath(ws.data);
    const fifo = join(ws.dir, 'pipe.shrinkage');
    execFileSync('mkfifo', [fifo]);
    const project = ws.projects.compose(info.datasetId, undefined, settings, 0);
    await expect(ws.projects.save(fifo, project)).rejects.toThrow(
      /pipe\.shrinkage: Cannot write here: this is a named pipe \(FIFO\), not a file/,
    );
    expect(statSync(fifo).isFIFO()).toBe(true);
    expect(readdirSync(ws.dir).sort()).toEqual(['diabetes.csv', 'pipe.shrinkage']);
  });
});
