/**
 * The API contract: for every channel, a validator of the request (from the untrusted
 * renderer) and of the response (so a bug in main never sends malformed data). Objects are
 * strict (unknown fields are refused), strings and arrays are bounded, ids are UUIDs, and no
 * channel accepts a file path: files arrive by the native dialog in main, or as bytes.
 */
import { z } from 'zod';
import { analysisResultSchema, errorMetricsSchema, warningSchema } from '../analysis/result';
import { analysisSettingsSchema } from '../analysis/schema';
import { readOptionsSchema, remedySchema } from '../data/readOptions';
import { CHANNELS, type Channel } from './channels';

/** The settings have one definition, in shared/analysis/schema.ts; the contract reuses it. */
export { analysisSettingsSchema };
/** Largest file accepted as bytes over IPC/HTTP; bigger files go through the native dialog. */
export const MAX_UPLOAD_BYTES = 512 * 1024 * 1024;

const id = z.uuid();
const finite = z.number();
const numbers = z.array(finite);
/** A file's name as the user sees it: a base name, never a path. */
const fileName = z
  .string()
  .min(1)
  .max(255)
  .refine((value) => !/[/\\]|^\.\.?$|\0/.test(value), 'must be a file name, not a path');

/** How a file is read, and the one-click fixes of reading problems: one definition, in shared/data/readOptions.ts. */
const readOptions = readOptionsSchema;

export { readOptionsSchema, remedySchema };

/** An error as it crosses the boundary; a data problem may carry its one-click fix. */
export const errorSchema = z.strictObject({
  name: z.string(),
  message: z.string(),
  remedy: remedySchema.optional(),
});

const columnSummary = z.strictObject({
  name: z.string(),
  kind: z.enum(['numeric', 'categorical', 'boolean', 'unusable']),
  missing: z.int(),
  min: finite.optional(),
  mean: finite.optional(),
  max: finite.optional(),
  integer: z.boolean().optional(),
  twoValues: z.array(finite).max(2).optional(),
  levels: z.array(z.strictObject({ level: z.string(), count: z.int() })).optional(),
  levelCount: z.int().optional(),
  problem: z.string().optional(),
  remedy: remedySchema.optional(),
});

export const datasetInfoSchema = z.strictObject({
  datasetId: id,
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  byteLength: z.int().min(0),
  readSeconds: finite,
  /** The reading options it was read with (re-reading with others gives a new dataset). */
  readOptions: readOptionsSchema,
  summary: z.strictObject({
    fileName: z.string(),
    rowCount: z.int(),
    columnCount: z.int(),
    delimiter: z.string(),
    columns: z.array(columnSummary),
    preview: z.array(z.array(z.string())),
    warnings: z.array(warningSchema),
    typeRules: z.string(),
  }),
});

/**
 * Opening a file: its dataset, or why it could not be read, as data. Refusals are answers, not
 * thrown errors, because the desktop app's contextBridge keeps only an Error's message: the
 * remedy (drop the malformed rows, read these markers as missing…) would never reach the page.
 */
export const refusedSchema = z.strictObject({ refused: errorSchema });
export const openedDatasetSchema = z.union([datasetInfoSchema, refusedSchema]);

/** The result of one job: the AnalysisResult (its one definition) with the job's id and revision. */
export const jobResultSchema = analysisResultSchema.extend({ jobId: id, revision: z.int() });

export const predictionsSchema = z.strictObject({
  lambda: finite,
  /**
   * Held-out test rows when there are any, else the training rows; `outOfFold`: the training
   * rows, each predicted by the CV fold fit without it.
   */
  set: z.enum(['train', 'test', 'outOfFold']),
  actual: numbers,
  /** On the response scale: probabilities (logistic), expected counts (Poisson). */
  predicted: numbers,
  /** The sampled rows' observation weights, when the fit has any. */
  weights: numbers.optional(),
  metrics: errorMetricsSchema,
  /** Rows shown (a sample of at most the limit), of this many. */
  total: z.int(),
});

export const MENU_COMMANDS = ['openDataset', 'openProject', 'saveProject', 'exportReport'] as const;

export const workbenchEventSchema = z.discriminatedUnion('type', [
  /** A menu item or shortcut in the desktop app asks the UI to act. */
  z.strictObject({
    type: z.literal('command'),
    command: z.enum(MENU_COMMANDS),
    jobId: z.undefined().optional(),
    revision: z.undefined().optional(),
  }),
  /** Main opened a project on its own (a .shrinkage file opened from the system). */
  z.strictObject({
    type: z.literal('projectOpened'),
    project: z.lazy(() => openedProjectSchema),
    jobId: z.undefined().optional(),
    revision: z.undefined().optional(),
  }),
  /** Main opened a dataset on its own (File ▸ Recent). */
  z.strictObject({
    type: z.literal('datasetOpened'),
    dataset: datasetInfoSchema,
    jobId: z.undefined().optional(),
    revision: z.undefined().optional(),
  }),
  z.strictObject({
    type: z.literal('progress'),
    jobId: id,
    revision: z.int(),
    fraction: z.number().min(0).max(1),
    message: z.string(),
  }),
  z.strictObject({ type: z.literal('done'), jobId: id, revision: z.int(), seconds: finite }),
  z.strictObject({ type: z.literal('cancelled'), jobId: id, revision: z.int() }),
  z.strictObject({
    type: z.literal('failed'),
    jobId: id,
    revision: z.int(),
    error: errorSchema,
  }),
]);

const empty = z.strictObject({});

/** A project as the UI restores it: the dataset (if it could be reopened), what to run, what was chosen. */
export const openedProjectSchema = z.strictObject({
  fileName: z.string(),
  dataset: datasetInfoSchema.nullable(),
  /** The dataset is the file the project was saved with (size and SHA-256 match); only then may it re-run on its own. */
  dataVerified: z.boolean(),
  settings: analysisSettingsSchema,
  selectedIndex: z.int().min(0),
  /** The results as saved (shown until a re-run replaces them). */
  savedResult: jobResultSchema.nullable(),
  /** Notices about opening the project (data not verified, results damaged): shown, never acted on. */
  warnings: z.array(z.string()),
  /**
   * The data file the project was saved with: a file the user opens later that has this
   * fingerprint is that data, and the project's settings apply to it. Absent from older hosts.
   */
  data: z
    .strictObject({
      fileName: z.string(),
      sha256: z
        .string()
        .regex(/^[0-9a-f]{64}$/)
        .nullable(),
    })
    .optional(),
});

/** Largest project file accepted as text (its saved results included). */
export const MAX_PROJECT_CHARS = 256 * 1024 * 1024;

export const contract = {
  [CHANNELS.appInfo]: {
    request: empty,
    response: z.strictObject({
      name: z.string(),
      version: z.string(),
      host: z.enum(['electron', 'web', 'test']),
      threads: z.int(),
      canChooseFiles: z.boolean(),
    }),
  },
  [CHANNELS.chooseDataset]: {
    request: z.strictObject({ options: readOptions.optional() }),
    response: openedDatasetSchema.nullable(),
  },
  [CHANNELS.openDatasetBytes]: {
    request: z.strictObject({
      fileName,
      bytes: z
        .custom<Uint8Array>((value) => value instanceof Uint8Array, "expected the file's bytes")
        .refine((b) => b.byteLength <= MAX_UPLOAD_BYTES, 'file too large to upload'),
      options: readOptions.optional(),
    }),
    response: openedDatasetSchema,
  },
  [CHANNELS.rereadDataset]: {
    /** The file last opened from disk (desktop), read again with these options. */
    request: z.strictObject({ options: readOptions }),
    response: openedDatasetSchema,
  },
  [CHANNELS.datasetPreview]: {
    request: z.strictObject({
      datasetId: id,
      offset: z.int().min(0),
      limit: z.int().min(1).max(500),
    }),
    response: z.strictObject({
      offset: z.int(),
      total: z.int(),
      rows: z.array(z.array(z.string())),
    }),
  },
  [CHANNELS.closeDataset]: {
    request: z.strictObject({ datasetId: id }),
    response: z.strictObject({ closed: z.boolean() }),
  },
  [CHANNELS.startFit]: {
    request: z.strictObject({
      datasetId: id,
      settings: analysisSettingsSchema,
      revision: z.int().min(0),
    }),
    response: z.strictObject({ jobId: id }),
  },
  [CHANNELS.cancelFit]: {
    request: z.strictObject({ jobId: id }),
    response: z.strictObject({ cancelled: z.boolean() }),
  },
  [CHANNELS.fitResult]: {
    request: z.strictObject({ jobId: id }),
    response: jobResultSchema,
  },
  [CHANNELS.saveProject]: {
    request: z.strictObject({
      datasetId: id,
      jobId: id.optional(),
      settings: analysisSettingsSchema,
      selectedIndex: z.int().min(0).max(10_000),
    }),
    response: z.strictObject({
      /** Where it was saved (desktop), or null if the user cancelled. */
      savedAs: z.string().nullable(),
      /** The project file's content when the host cannot write files itself (web). */
      content: z.string().optional(),
    }),
  },
  [CHANNELS.openProject]: {
    request: empty,
    response: openedProjectSchema.nullable(),
  },
  [CHANNELS.openProjectContent]: {
    request: z.strictObject({
      fileName,
      text: z.string().max(MAX_PROJECT_CHARS, 'project file too large to upload'),
    }),
    response: openedProjectSchema,
  },
  [CHANNELS.exportResult]: {
    request: z.strictObject({
      jobId: id,
      selectedIndex: z.int().min(0).max(10_000),
      kind: z.enum(['report-html', 'report-pdf', 'coefficients-csv', 'model-json', 'results-json']),
    }),
    response: z.strictObject({
      fileName: z.string(),
      mimeType: z.string(),
      text: z.string().optional(),
      bytes: z.custom<Uint8Array>((value) => value instanceof Uint8Array).optional(),
    }),
  },
  [CHANNELS.scoreData]: {
    request: z.strictObject({
      jobId: id,
      selectedIndex: z.int().min(0).max(10_000),
      fileName,
      bytes: z
        .custom<Uint8Array>((value) => value instanceof Uint8Array, "expected the file's bytes")
        .refine((b) => b.byteLength <= MAX_UPLOAD_BYTES, 'file too large to upload'),
      /** Two-class models: p above it is the positive class; omitted: DEFAULT_THRESHOLD (0.5). */
      threshold: z
        .number()
        .gt(0, 'must be strictly between 0 and 1')
        .lt(1, 'must be strictly between 0 and 1')
        .optional(),
    }),
    response: z.strictObject({
      fileName: z.string(),
      text: z.string(),
      rows: z.int(),
      scored: z.int(),
      warnings: z.array(warningSchema),
    }),
  },
  [CHANNELS.restoreSession]: {
    request: empty,
    response: z.strictObject({
      /** The page's current dataset only: one summary to send, however many files it opened. */
      dataset: datasetInfoSchema.nullable(),
      /** Its newest finished analysis, if any. */
      last: z
        .strictObject({ datasetId: id, jobId: id, settings: analysisSettingsSchema })
        .nullable(),
    }),
  },
  [CHANNELS.fitPredictions]: {
    request: z.strictObject({
      jobId: id,
      lambdaIndex: z.int().min(0).max(10_000),
      limit: z.int().min(1).max(20_000).optional(),
      /** The fit's own predictions (default) or the out-of-fold ones (see PredictionRows). */
      rows: z.enum(['fitted', 'outOfFold']).optional(),
    }),
    response: predictionsSchema,
  },
} satisfies Record<Channel, { request: z.ZodType; response: z.ZodType }>;

export type Contract = typeof contract;
export type RequestOf<C extends Channel> = z.input<Contract[C]['request']>;
export type ResponseOf<C extends Channel> = z.output<Contract[C]['response']>;
export type DatasetInfo = z.output<typeof datasetInfoSchema>;
export type OpenedDataset = z.output<typeof openedDatasetSchema>;
export type Refused = z.output<typeof refusedSchema>;
export type JobResult = z.output<typeof jobResultSchema>;
export type Predictions = z.output<typeof predictionsSchema>;
export type WorkbenchEvent = z.output<typeof workbenchEventSchema>;
export type JobEvent = Extract<WorkbenchEvent, { jobId: string }>;
export type OpenedProject = z.output<typeof openedProjectSchema>;
