/**
 * .shrinkage projects: the data file's location and fingerprint, the settings, the results and
 * the chosen λ, as JSON. Written atomically (temporary file, fsync, rename) so a crash during a
 * save leaves the previous file intact.
 *
 * A project file is untrusted input: it names a data file, and opening it must never make the
 * app read some other file (say /etc/shadow). So the data is found relative to the project's
 * folder (the absolute path saved with it is only a fallback hint), and is read only when its
 * size and SHA-256 match what the project recorded; otherwise the user chooses the file (the
 * desktop app asks in a dialog) and nothing runs on its own.
 */
import { readFile, stat } from 'node:fs/promises';
import { basename, dirname, isAbsolute, relative, resolve, sep } from 'node:path';
import { z } from 'zod';
import { upgradeSavedResult } from '../../shared/analysis/result';
import { resultShapeProblem } from '../../shared/analysis/resultShape';
import type { AnalysisSettings } from '../../shared/analysis/settings';
import { DataError } from '../../shared/data/errors';
import { readOptionsSchema } from '../../shared/data/readOptions';
import {
  analysisSettingsSchema,
  jobResultSchema,
  type OpenedProject,
} from '../../shared/ipc/contract';
import { APP_NAME, APP_VERSION } from '../../shared/version';
import type { DatasetService } from './datasetService';
import { NotFoundError } from './errors';
import { describeNonFile, hashFile, removeStaleTemporaries, writeFileAtomic } from './files';
import type { FitService } from './fitService';

export const PROJECT_EXTENSION = 'shrinkage';
/** The open project holds its dataset (kept when another file opens) until another project opens. */
export const PROJECT_HOLDER = 'open project';

const projectSchema = z.strictObject({
  format: z.literal('shrinkage-project'),
  /** 2 adds data.relativePath; 1 is still read. */
  formatVersion: z.union([z.literal(1), z.literal(2)]),
  app: z.strictObject({ name: z.string(), version: z.string() }),
  savedAt: z.string(),
  data: z.strictObject({
    /** Absolute path when saved, a hint only; null for an upload. */
    path: z.string().nullable(),
    /** The path from the project's folder, with / separators (null for an upload or before saving). */
    relativePath: z.string().nullable().optional(),
    fileName: z.string(),
    /** The fingerprint the data must match to be read; a project without one is never trusted. */
    sha256: z
      .string()
      .regex(/^[0-9a-f]{64}$/)
      .optional(),
    byteLength: z.int().min(0).optional(),
    /** How the file was read (missing markers, delimiter…); absent in older projects: the reader's defaults. */
    readOptions: readOptionsSchema.optional(),
  }),
  settings: analysisSettingsSchema,
  selectedIndex: z.int().min(0),
  /** Checked on opening (schema and shape); a damaged result is dropped with a message. */
  result: z.unknown(),
});

export type ProjectFile = z.output<typeof projectSchema>;

/** The desktop app's dialog for choosing a project's data file by hand (absent elsewhere). */
export type ChooseDataFile = (request: {
  projectName: string;
  fileName: string;
}) => Promise<string | null>;

type DataCheck = { verified: true; path: string } | { verified: false; reason: string };

const READ_REASONS: Record<string, string> = {
  EACCES: 'you do not have permission to read it',
  EPERM: 'you do not have permission to read it',
  ELOOP: 'it is a loop of symbolic links',
};

function systemReason(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code ?? '';
  return READ_REASONS[code] ?? (error as Error).message;
}

export class ProjectService {
  constructor(
    private readonly datasets: DatasetService,
    private readonly fits: FitService,
    private readonly chooseDataFile?: ChooseDataFile | undefined,
  ) {}

  compose(
    datasetId: string,
    jobId: string | undefined,
    settings: AnalysisSettings,
    selectedIndex: number,
  ): ProjectFile {
    const open = this.datasets.get(datasetId);
    return {
      format: 'shrinkage-project',
      formatVersion: 2,
      app: { name: APP_NAME, version: APP_VERSION },
      savedAt: new Date().toISOString(),
      data: {
        path: open.source === 'file' ? resolve(open.path) : null,
        relativePath: null,
        fileName: open.dataset.fileName,
        sha256: open.sha256,
        byteLength: open.byteLength,
        readOptions: open.info.readOptions,
      },
      settings,
      selectedIndex,
      result: jobId ? this.fits.result(jobId) : null,
    };
  }

  serialize(project: ProjectFile): string {
    return `${JSON.stringify(project, null, 1)}\n`;
  }

  /** Write the project, recording the data's path relative to the project's folder. */
  async save(
    path: string,
    project: ProjectFile,
    hooks?: Parameters<typeof writeFileAtomic>[2],
  ): Promise<void> {
    const dataPath = project.data.path;
    const relativePath =
      dataPath === null
        ? null
        : relative(dirname(resolve(path)), dataPath)
            .split(sep)
            .join('/');
    await writeFileAtomic(
      path,
      this.serialize({ ...project, data: { ...project.data, relativePath } }),
      hooks,
    );
  }

  async read(path: string): Promise<ProjectFile> {
    const fileName = basename(path);
    let text: string;
    try {
      text = await readFile(path, 'utf8');
    } catch {
      throw new NotFoundError(
        `Cannot read the project file ${fileName}. Check that it still exists.`,
      );
    }
    return this.parse(text, fileName);
  }

  /** A project file's text, checked against the project schema (the file named in errors). */
  parse(text: string, fileName: string): ProjectFile {
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      throw new DataError(
        'This is not a Shrinkage project: it is not valid JSON.',
        { file: fileName },
        'Choose a .shrinkage file saved by Shrinkage.',
      );
    }
    const parsed = projectSchema.safeParse(json);
    if (!parsed.success) {
      throw new DataError(
        `This is not a Shrinkage project, or it is damaged (${parsed.error.issues[0]?.path.join('.') || 'format'}: ${parsed.error.issues[0]?.message}).`,
        { file: fileName },
        'Choose a .shrinkage file saved by Shrinkage.',
      );
    }
    return parsed.data;
  }

  /** Whether a candidate path holds the project's data: same size, then same SHA-256. */
  private async check(path: string, expected: ProjectFile['data']): Promise<DataCheck> {
    let size: number;
    try {
      const info = await stat(path);
      const kind = describeNonFile(info);
      if (kind) return { verified: false, reason: `${path} is ${kind}, not the data file` };
      size = info.size;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' || code === 'ENOTDIR')
        return { verified: false, reason: `there is no file at ${path}` };
      return { verified: false, reason: `${path} cannot be read: ${systemReason(error)}` };
    }
    if (expected.sha256 === undefined || expected.byteLength === undefined) {
      return {
        verified: false,
        reason:
          "the project does not record the data file's size and fingerprint, so it cannot be checked",
      };
    }
    if (size !== expected.byteLength) {
      return {
        verified: false,
        reason: `${path} is ${size} bytes, but the project's data was ${expected.byteLength} bytes (a different or changed file)`,
      };
    }
    try {
      if ((await hashFile(path)) !== expected.sha256) {
        return {
          verified: false,
          reason: `${path} has changed since the project was saved (its fingerprint differs)`,
        };
      }
    } catch (error) {
      return { verified: false, reason: `${path} cannot be read: ${systemReason(error)}` };
    }
    return { verified: true, path };
  }

  /** Where to look for the data: beside the project first, then the saved absolute path. */
  private candidates(projectPath: string, data: ProjectFile['data']): string[] {
    const folder = dirname(resolve(projectPath));
    const paths: string[] = [];
    if (data.relativePath) paths.push(resolve(folder, data.relativePath));
    // Format 1 saved only this; a relative one (hand-edited) means relative to the project.
    if (data.path) paths.push(isAbsolute(data.path) ? data.path : resolve(folder, data.path));
    return [...new Set(paths)];
  }

  /** A saved result that passes the contract's schema and shape checks, or why it does not. */
  private savedResult(raw: unknown, fileName: string) {
    if (raw === null || raw === undefined) return { result: null, warning: undefined };
    const parsed = jobResultSchema.safeParse(upgradeSavedResult(raw));
    const problem = parsed.success
      ? resultShapeProblem(parsed.data)
      : `${parsed.error.issues[0]?.path.join('.') || 'result'}: ${parsed.error.issues[0]?.message}`;
    if (!parsed.success || problem) {
      return {
        result: null,
        warning: `The saved results in ${fileName} are damaged (${problem}) and were left out; run the analysis again to see results.`,
      };
    }
    return { result: parsed.data, warning: undefined };
  }

  /**
   * Read a project and reopen its data, but only a file that matches the recorded size and
   * fingerprint. When none does, the user may choose the file (desktop dialog); a chosen file
   * that does not match is opened as the user's choice, but the project is not verified and
   * nothing is re-run on its own.
   */
  async open(path: string): Promise<OpenedProject> {
    const project = await this.read(path);
    await removeStaleTemporaries(resolve(path));
    return this.reopen(project, basename(path), this.candidates(path, project.data));
  }

  /**
   * A project whose content came from the page (dropped, or chosen in the browser): there is
   * no project folder, so its data is an already open dataset with the recorded fingerprint,
   * or, where the host reads local files (`searchDisk`, the desktop app), the absolute path it
   * recorded, under the same size and fingerprint check. The web host reads no path a page
   * names: there the user opens the data file and the page applies the project to it.
   */
  async openContent(
    fileName: string,
    text: string,
    { searchDisk }: { searchDisk: boolean },
  ): Promise<OpenedProject> {
    const project = this.parse(text, fileName);
    const hint = project.data.path;
    const candidates = searchDisk && hint && isAbsolute(hint) ? [hint] : [];
    return this.reopen(project, fileName, candidates, !searchDisk);
  }

  private async reopen(
    project: ProjectFile,
    fileName: string,
    candidates: string[],
    pageOpensData = false,
  ): Promise<OpenedProject> {
    const expected = project.data;
    const read = expected.readOptions ?? {};
    const saved = this.savedResult(project.result, fileName);
    const warnings: string[] = saved.warning ? [saved.warning] : [];
    let dataset: OpenedProject['dataset'] = null;
    const opened = (dataVerified: boolean, dataset: OpenedProject['dataset']): OpenedProject => ({
      fileName,
      dataset,
      dataVerified,
      settings: project.settings,
      selectedIndex: project.selectedIndex,
      savedResult: saved.result,
      warnings,
      data: { fileName: expected.fileName, sha256: expected.sha256 ?? null },
    });

    // The data already open (dropped with the project, or opened before it) is the project's
    // when its bytes have the recorded fingerprint: nothing needs reading.
    const open =
      expected.sha256 !== undefined &&
      this.datasets.list().findLast((entry) => entry.sha256 === expected.sha256);
    if (open) {
      this.datasets.hold(PROJECT_HOLDER, open.info.datasetId);
      return opened(true, open.info);
    }

    const openTheData = pageOpensData
      ? `Open ${expected.fileName} (drop it here or use Open CSV…): when its fingerprint matches, the project's settings are applied and it re-runs.`
      : `Open the data file (File ▸ Open) to re-run the analysis.`;
    if (candidates.length === 0) {
      warnings.push(
        expected.path === null
          ? `The data (${expected.fileName}) was uploaded, not opened from disk. ${openTheData}`
          : `Data not verified: the data file ${expected.fileName} is not open. ${openTheData}`,
      );
      return opened(false, null);
    }
    const reasons: string[] = [];
    for (const candidate of candidates) {
      const check = await this.check(candidate, expected);
      if (!check.verified) {
        reasons.push(check.reason);
        continue;
      }
      try {
        dataset = await this.datasets.openPath(check.path, read);
      } catch (error) {
        reasons.push(`${check.path} cannot be read: ${(error as Error).message}`);
        continue;
      }
      // Re-checked on the bytes actually read: the file may have changed since it was hashed.
      if (dataset.sha256 === expected.sha256) {
        this.datasets.hold(PROJECT_HOLDER, dataset.datasetId);
        return opened(true, dataset);
      }
      this.datasets.close(dataset.datasetId);
      dataset = null;
      reasons.push(`${check.path} changed while it was being opened`);
    }
    const why = `Data not verified: choose the file. The project's data file ${expected.fileName} was not opened because ${reasons.join('; ')}.`;
    const chosen = await this.chooseDataFile?.({
      projectName: fileName,
      fileName: expected.fileName,
    });
    if (chosen) {
      dataset = await this.datasets.openPath(chosen, read);
      this.datasets.hold(PROJECT_HOLDER, dataset.datasetId);
      const dataVerified = dataset.sha256 === expected.sha256;
      if (!dataVerified) {
        warnings.push(
          `${dataset.summary.fileName} is not the file the project was saved with (its fingerprint differs); its settings are restored, but nothing was re-run. Press Run to analyse this file.`,
        );
      }
      return opened(dataVerified, dataset);
    }
    warnings.push(`${why} ${openTheData}`);
    return opened(false, null);
  }
}
