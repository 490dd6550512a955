/**
 * The one handler table: every channel of the contract mapped to a service call. Electron's
 * main process registers it on ipcMain, the web host serves it over HTTP, tests call it
 * directly. dispatch() validates the request before any service sees it (so a malformed
 * payload has no side effect) and the response before it leaves.
 */
import type { z } from 'zod';
import { buildModel } from '../../shared/analysis/model';
import { analysisReport } from '../../shared/analysis/report';
import { tableCsv } from '../../shared/analysis/scoredCsv';
import { decodeBytes } from '../../shared/data/encoding';
import { DataError } from '../../shared/data/errors';
import { bytesBuffer } from '../../shared/data/parquet';
import { CHANNEL_NAMES, CHANNELS, type Channel, type Envelope } from '../../shared/ipc/channels';
import { type Contract, contract, type Refused } from '../../shared/ipc/contract';
import { coefficientsCsv } from '../../shared/report/exports';
import { APP_NAME, APP_VERSION } from '../../shared/version';
import type { DatasetService } from './datasetService';
import { errorData, UnsupportedError, ValidationError } from './errors';
import type { FitService } from './fitService';
import { type ChooseDataFile, PROJECT_EXTENSION, type ProjectService } from './projectService';
import { scoreRead } from './scoring';

export interface Host {
  kind: 'electron' | 'web' | 'test';
  /** Shows the native open dialog; only the desktop app has one. */
  chooseCsvFile?: (() => Promise<string | null>) | undefined;
  /** Native dialogs for projects (desktop only). */
  chooseProjectToOpen?: (() => Promise<string | null>) | undefined;
  chooseProjectSavePath?: ((suggestedName: string) => Promise<string | null>) | undefined;
  /** Asks the user for a project's data file when the recorded one does not verify (desktop only). */
  chooseProjectData?: ChooseDataFile | undefined;
  /** Renders HTML to PDF (desktop: Chromium's printToPDF). */
  printToPdf?: ((html: string) => Promise<Uint8Array>) | undefined;
  /** A file the user opened or saved, for File ▸ Recent. */
  rememberFile?: ((path: string) => void) | undefined;
}

export interface Services {
  datasets: DatasetService;
  fits: FitService;
  projects: ProjectService;
  host: Host;
  threads: number;
}

export type Handlers = {
  [C in Channel]: (
    request: z.output<Contract[C]['request']>,
  ) => Promise<z.input<Contract[C]['response']>>;
};

/** A file that cannot be read is an answer (refused, with its remedy), not an error: see refusedSchema. */
async function opening<T>(read: () => Promise<T>): Promise<T | Refused> {
  try {
    return await read();
  } catch (error) {
    if (!(error instanceof DataError)) throw error;
    const { name, message, remedy } = errorData(error);
    return { refused: { name, message, ...(remedy && { remedy }) } };
  }
}

export function createHandlers({ datasets, fits, projects, host, threads }: Services): Handlers {
  return {
    [CHANNELS.appInfo]: async () => ({
      name: APP_NAME,
      version: APP_VERSION,
      host: host.kind,
      threads,
      canChooseFiles: host.chooseCsvFile !== undefined,
    }),
    [CHANNELS.chooseDataset]: async ({ options }) => {
      if (!host.chooseCsvFile)
        throw new UnsupportedError(
          'Choosing a file from disk needs the desktop app; upload the file instead.',
        );
      const path = await host.chooseCsvFile();
      if (path === null) return null;
      return opening(async () => {
        const info = await datasets.openPath(path, options);
        host.rememberFile?.(path);
        return info;
      });
    },
    [CHANNELS.openDatasetBytes]: async ({ fileName, bytes, options }) =>
      opening(() => datasets.openBytes(bytes, fileName, options)),
    [CHANNELS.rereadDataset]: async ({ options }) => {
      if (!host.chooseCsvFile)
        throw new UnsupportedError(
          'Reading a file from disk again needs the desktop app; upload the file again.',
        );
      return opening(() => datasets.reread(options));
    },
    [CHANNELS.datasetPreview]: async ({ datasetId, offset, limit }) =>
      datasets.preview(datasetId, offset, limit),
    [CHANNELS.closeDataset]: async ({ datasetId }) => datasets.close(datasetId),
    [CHANNELS.startFit]: async ({ datasetId, settings, revision }) =>
      fits.start(datasetId, settings, revision),
    [CHANNELS.cancelFit]: async ({ jobId }) => fits.cancel(jobId),
    [CHANNELS.fitResult]: async ({ jobId }) => fits.result(jobId),
    [CHANNELS.fitPredictions]: async ({ jobId, lambdaIndex, limit, rows }) =>
      fits.predictions(jobId, lambdaIndex, limit, rows),
    [CHANNELS.saveProject]: async ({ datasetId, jobId, settings, selectedIndex }) => {
      const project = projects.compose(datasetId, jobId, settings, selectedIndex);
      if (!host.chooseProjectSavePath)
        return { savedAs: null, content: projects.serialize(project) };
      const suggested = `${project.data.fileName.replace(/\.[^.]+$/, '')}.${PROJECT_EXTENSION}`;
      const path = await host.chooseProjectSavePath(suggested);
      if (path === null) return { savedAs: null };
      await projects.save(path, project);
      host.rememberFile?.(path);
      return { savedAs: path };
    },
    [CHANNELS.openProject]: async () => {
      if (!host.chooseProjectToOpen)
        throw new UnsupportedError('Opening a project needs the desktop app.');
      const path = await host.chooseProjectToOpen();
      if (path === null) return null;
      const opened = await projects.open(path);
      host.rememberFile?.(path);
      return opened;
    },
    // Only the desktop app reads the path a project recorded (size and fingerprint checked);
    // the web host reads no path a page names.
    [CHANNELS.openProjectContent]: async ({ fileName, text }) =>
      projects.openContent(fileName, text, { searchDisk: host.kind === 'electron' }),
    [CHANNELS.exportResult]: async ({ jobId, selectedIndex, kind }) => {
      const result = fits.result(jobId);
      const analysis = fits.analysis(jobId);
      const index = Math.min(selectedIndex, result.path.lambda.length - 1);
      const { jobId: _job, revision: _revision, ...plain } = result;
      const base = result.data.file.replace(/\.[^.]+$/, '');
      switch (kind) {
        case 'report-html':
          return {
            fileName: `${base}-report.html`,
            mimeType: 'text/html',
            text: analysisReport(analysis, plain, index),
          };
        case 'report-pdf': {
          if (!host.printToPdf)
            throw new UnsupportedError(
              'PDF export needs the desktop app; export the HTML report and print it from the browser.',
            );
          return {
            fileName: `${base}-report.pdf`,
            mimeType: 'application/pdf',
            bytes: await host.printToPdf(analysisReport(analysis, plain, index)),
          };
        }
        case 'coefficients-csv':
          return {
            fileName: `${base}-coefficients.csv`,
            mimeType: 'text/csv',
            text: coefficientsCsv(plain),
          };
        case 'model-json':
          return {
            fileName: `${base}-model.json`,
            mimeType: 'application/json',
            text: `${JSON.stringify(buildModel(plain, index, analysis.imputation), null, 1)}\n`,
          };
        case 'results-json':
          return {
            fileName: `${base}-results.json`,
            mimeType: 'application/json',
            text: `${JSON.stringify(plain, null, 1)}\n`,
          };
      }
    },
    [CHANNELS.scoreData]: async ({ jobId, selectedIndex, fileName, bytes, threshold }) => {
      const result = fits.result(jobId);
      const { jobId: _job, revision: _revision, ...plain } = result;
      const index = Math.min(selectedIndex, result.path.lambda.length - 1);
      const model = buildModel(plain, index, fits.analysis(jobId).imputation);
      // Read as the fitted file was (the feature types chosen then).
      const { dataset } = await datasets.read(bytes, fileName, {
        columnTypes: model.data.columnTypes,
      });
      // A Parquet file is scored like a CSV one; the download is CSV either way.
      const { table, csv } = await scoreRead(
        dataset,
        model,
        {
          text: async () => decodeBytes(bytes, fileName).text,
          parquet: async () => bytesBuffer(bytes),
        },
        threshold,
      );
      return {
        fileName: `${fileName.replace(/\.[^.]+$/, '')}-scored.csv`,
        text: csv ?? tableCsv(table).csv,
        rows: table.rows.length,
        scored: table.scored,
        warnings: [...dataset.warnings, ...table.warnings],
      };
    },
    [CHANNELS.restoreSession]: async () => {
      // Only the current dataset: a page shows one, and each summary can be megabytes.
      const current = datasets.current();
      const last = current && fits.lastDone(current.datasetId);
      return {
        dataset: current?.info ?? null,
        last: current && last ? { datasetId: current.datasetId, ...last } : null,
      };
    },
  };
}

function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((issue) => `${issue.path.length > 0 ? issue.path.join('.') : 'payload'}: ${issue.message}`)
    .join('; ');
}

export function isChannel(value: string): value is Channel {
  return (CHANNEL_NAMES as readonly string[]).includes(value);
}

export async function dispatch(
  handlers: Handlers,
  channel: string,
  payload: unknown,
): Promise<Envelope> {
  try {
    if (!isChannel(channel))
      throw new ValidationError(`Unknown API channel '${channel.slice(0, 100)}'.`, undefined);
    const parsed = contract[channel].request.safeParse(payload);
    if (!parsed.success) {
      throw new ValidationError(
        `Invalid request to ${channel}: ${describeIssues(parsed.error)}`,
        parsed.error.issues,
      );
    }
    const handler = handlers[channel] as (request: unknown) => Promise<unknown>;
    const value = await handler(parsed.data);
    const checked = contract[channel].response.safeParse(value);
    if (!checked.success) {
      throw new Error(
        `the response to ${channel} did not match the contract (${describeIssues(checked.error)})`,
      );
    }
    return { ok: true, value: checked.data };
  } catch (error) {
    return { ok: false, error: errorData(error) };
  }
}
