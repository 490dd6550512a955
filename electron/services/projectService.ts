/**
 * .shrinkage projects: the data file's location and fingerprint, the settings, the results and
 * the chosen λ, as JSON. Written atomically (temporary file, fsync, rename) so a crash during a
 * save leaves the previous file intact; on opening, the data file is read again and its
 * SHA-256 compared, so a changed file is said, never silently used.
 */
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { z } from 'zod';
import type { AnalysisSettings } from '../../shared/analysis/settings';
import { DataError } from '../../shared/data/errors';
import {
  analysisSettingsSchema,
  fitResultSchema,
  type OpenedProject,
} from '../../shared/ipc/contract';
import { APP_NAME, APP_VERSION } from '../../shared/version';
import type { DatasetService } from './datasetService';
import { NotFoundError } from './errors';
import { writeFileAtomic } from './files';
import type { FitService } from './fitService';

export const PROJECT_EXTENSION = 'shrinkage';

const projectSchema = z.strictObject({
  format: z.literal('shrinkage-project'),
  formatVersion: z.literal(1),
  app: z.strictObject({ name: z.string(), version: z.string() }),
  savedAt: z.string(),
  data: z.strictObject({
    /** Absolute path when the file was opened from disk; null for an upload. */
    path: z.string().nullable(),
    fileName: z.string(),
    sha256: z.string().regex(/^[0-9a-f]{64}$/),
    byteLength: z.int().min(0),
  }),
  settings: analysisSettingsSchema,
  selectedIndex: z.int().min(0),
  result: fitResultSchema.nullable(),
});

export type ProjectFile = z.output<typeof projectSchema>;

export class ProjectService {
  constructor(
    private readonly datasets: DatasetService,
    private readonly fits: FitService,
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
      formatVersion: 1,
      app: { name: APP_NAME, version: APP_VERSION },
      savedAt: new Date().toISOString(),
      data: {
        path: open.source === 'file' ? open.path : null,
        fileName: open.dataset.fileName,
        sha256: open.sha256,
        byteLength: open.byteLength,
      },
      settings,
      selectedIndex,
      result: jobId ? this.fits.result(jobId) : null,
    };
  }

  serialize(project: ProjectFile): string {
    return `${JSON.stringify(project, null, 1)}\n`;
  }

  async save(
    path: string,
    project: ProjectFile,
    hooks?: Parameters<typeof writeFileAtomic>[2],
  ): Promise<void> {
    await writeFileAtomic(path, this.serialize(project), hooks);
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

  /** Read a project and reopen its data file, saying if it moved or changed. */
  async open(path: string): Promise<OpenedProject> {
    const project = await this.read(path);
    const warnings: string[] = [];
    let dataset: OpenedProject['dataset'] = null;
    if (project.data.path === null) {
      warnings.push(
        `The data (${project.data.fileName}) was uploaded, not opened from disk; open it again to re-run the analysis.`,
      );
    } else {
      try {
        dataset = await this.datasets.openPath(project.data.path, {});
        if (dataset.sha256 !== project.data.sha256) {
          warnings.push(
            `The data file ${project.data.fileName} has changed since the project was saved (its fingerprint differs). The analysis is re-run on the file as it is now.`,
          );
        }
      } catch {
        warnings.push(
          `The data file is no longer at ${project.data.path}. Open it again to re-run the analysis.`,
        );
      }
    }
    return {
      fileName: basename(path),
      dataset,
      settings: project.settings,
      selectedIndex: project.selectedIndex,
      savedResult: project.result,
      warnings,
    };
  }
}
