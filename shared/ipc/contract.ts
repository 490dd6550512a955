/**
 * The API contract: for every channel, a validator of the request (from the untrusted
 * renderer) and of the response (so a bug in main never sends malformed data). Objects are
 * strict (unknown fields are refused), strings and arrays are bounded, ids are UUIDs, and no
 * channel accepts a file path: files arrive by the native dialog in main, or as bytes.
 */
import { z } from 'zod';
import { analysisSettingsSchema, cvSettingsSchema, MAX_NAME, ownRecord } from '../analysis/schema';
import type { DesignColumn } from '../data/design';
import { CHANNELS, type Channel } from './channels';

/** The settings have one definition, in shared/analysis/schema.ts; the contract reuses it. */
export { analysisSettingsSchema };
/** Largest file accepted as bytes over IPC/HTTP; bigger files go through the native dialog. */
export const MAX_UPLOAD_BYTES = 512 * 1024 * 1024;

const id = z.uuid();
const name = z.string().min(1).max(MAX_NAME);
const finite = z.number();
const numbers = z.array(finite);
const maybeNumber = z.number().or(z.nan()).nullable();
/** A file's name as the user sees it: a base name, never a path. */
const fileName = z
  .string()
  .min(1)
  .max(255)
  .refine((value) => !/[/\\]|^\.\.?$|\0/.test(value), 'must be a file name, not a path');

const rowFilter = z.strictObject({ column: name, value: z.string().max(MAX_NAME) });

const readOptions = z.strictObject({
  missingMarkers: z.array(z.string().max(100)).max(100).optional(),
  dropMalformedRows: z.boolean().optional(),
  decimal: z.enum(['.', ',']).optional(),
});

const columnSummary = z.strictObject({
  name: z.string(),
  kind: z.enum(['numeric', 'categorical', 'boolean', 'unusable']),
  missing: z.int(),
  min: finite.optional(),
  mean: finite.optional(),
  max: finite.optional(),
  levels: z.array(z.strictObject({ level: z.string(), count: z.int() })).optional(),
  levelCount: z.int().optional(),
  problem: z.string().optional(),
});

export const datasetInfoSchema = z.strictObject({
  datasetId: id,
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  byteLength: z.int().min(0),
  readSeconds: finite,
  summary: z.strictObject({
    fileName: z.string(),
    rowCount: z.int(),
    columnCount: z.int(),
    delimiter: z.string(),
    columns: z.array(columnSummary),
    preview: z.array(z.array(z.string())),
    warnings: z.array(z.string()),
    typeRules: z.string(),
  }),
});

const metrics = z.strictObject({ mse: finite, mae: finite, r2: maybeNumber });

/** What a design column is, as data (never re-derived from its name). */
export const designColumnSchema = z.discriminatedUnion('kind', [
  z.strictObject({ name: z.string(), feature: z.string(), kind: z.literal('numeric') }),
  z.strictObject({
    name: z.string(),
    feature: z.string(),
    kind: z.literal('level'),
    level: z.string(),
  }),
]);

export const fitResultSchema = z.strictObject({
  jobId: id,
  revision: z.int(),
  version: z.string(),
  data: z.strictObject({
    file: z.string(),
    sha256: z.string(),
    rowsRead: z.int(),
    rowsUsed: z.int(),
    rowsTest: z.int(),
    rowsDropped: z.int(),
    rowsFiltered: z.int(),
  }),
  settings: z.strictObject({
    target: z.string(),
    features: z.array(z.string()),
    /** The weight and offset columns, or null; absent in results saved before they existed. */
    weights: z.string().nullable().optional(),
    offset: z.string().nullable().optional(),
    exclude: z.array(z.string()),
    rows: z.array(rowFilter),
    penalty: z.enum(['lasso', 'ridge', 'elastic-net']),
    alpha: finite,
    standardize: z.boolean(),
    intercept: z.boolean(),
    nlambda: z.int(),
    lambdaMinRatio: finite,
    lambda: numbers.nullable(),
    penaltyFactor: ownRecord(z.string(), finite, Number.MAX_SAFE_INTEGER),
    thresh: finite,
    maxIter: z.int(),
    alphas: numbers.nullable(),
    cv: cvSettingsSchema.nullable(),
    testRows: rowFilter.nullable(),
    missing: z.enum(['drop', 'impute']),
  }),
  columns: z.array(z.string()),
  /** One per column; absent only in results saved by versions before it was recorded. */
  designColumns: z.array(designColumnSchema).optional(),
  n: z.int(),
  path: z.strictObject({
    lambda: numbers,
    a0: numbers,
    beta: z.array(numbers),
    df: z.array(z.int()),
    devRatio: numbers,
    nulldev: finite,
  }),
  standardization: z.strictObject({
    xCenter: numbers,
    xScale: numbers,
    yCenter: finite,
    yScale: finite,
    xSd: numbers,
    ySd: finite,
  }),
  diagnostics: z.strictObject({
    converged: z.boolean(),
    passes: z.array(z.int()),
    sweeps: z.array(z.int()),
    lambdaMax: finite,
    warnings: z.array(z.string()),
  }),
  cv: z
    .strictObject({
      nfolds: z.int(),
      measure: z.enum(['mse', 'mae']),
      foldid: z.array(z.int()),
      foldLabels: z.array(z.union([z.string(), finite])),
      lambda: numbers,
      cvm: numbers,
      cvsd: numbers,
      cvup: numbers,
      cvlo: numbers,
      nzero: z.array(z.int()),
      lambdaMin: finite,
      lambda1se: finite,
      indexMin: z.int(),
      index1se: z.int(),
      selectionFrequency: z.array(numbers),
    })
    .optional(),
  test: z
    .strictObject({
      n: z.int(),
      mse: numbers,
      mae: numbers,
      r2: z.array(maybeNumber),
      atLambdaMin: metrics.nullable(),
      atLambda1se: metrics.nullable(),
    })
    .optional(),
  alphaSearch: z
    .strictObject({
      bestAlpha: finite,
      candidates: z.array(
        z.strictObject({
          alpha: finite,
          lambdaMin: finite,
          lambda1se: finite,
          cvmMin: finite,
          cvsdMin: finite,
          pathLength: z.int(),
        }),
      ),
    })
    .optional(),
  timing: z.strictObject({ readSeconds: finite, fitSeconds: finite, cvSeconds: finite.optional() }),
});

export const predictionsSchema = z.strictObject({
  lambda: finite,
  /** Held-out test rows when there are any, else the training rows. */
  set: z.enum(['train', 'test']),
  actual: numbers,
  predicted: numbers,
  metrics,
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
    error: z.strictObject({ name: z.string(), message: z.string() }),
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
  savedResult: fitResultSchema.nullable(),
  warnings: z.array(z.string()),
});

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
    response: datasetInfoSchema.nullable(),
  },
  [CHANNELS.openDatasetBytes]: {
    request: z.strictObject({
      fileName,
      bytes: z
        .custom<Uint8Array>((value) => value instanceof Uint8Array, "expected the file's bytes")
        .refine((b) => b.byteLength <= MAX_UPLOAD_BYTES, 'file too large to upload'),
      options: readOptions.optional(),
    }),
    response: datasetInfoSchema,
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
    response: fitResultSchema,
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
    }),
    response: z.strictObject({
      fileName: z.string(),
      text: z.string(),
      rows: z.int(),
      scored: z.int(),
      warnings: z.array(z.string()),
    }),
  },
  [CHANNELS.restoreSession]: {
    request: empty,
    response: z.strictObject({
      datasets: z.array(datasetInfoSchema),
      /** The newest finished analysis of the newest dataset, if any. */
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
    }),
    response: predictionsSchema,
  },
} satisfies Record<Channel, { request: z.ZodType; response: z.ZodType }>;

export type Contract = typeof contract;
export type RequestOf<C extends Channel> = z.input<Contract[C]['request']>;
export type ResponseOf<C extends Channel> = z.output<Contract[C]['response']>;
export type DatasetInfo = z.output<typeof datasetInfoSchema>;
export type FitResultPayload = z.output<typeof fitResultSchema>;
/** A result without its job: what reports, exports and models are made from (the CLI's JSON fits it). */
export type ResultLike = Omit<FitResultPayload, 'jobId' | 'revision'>;
export type Predictions = z.output<typeof predictionsSchema>;
export type WorkbenchEvent = z.output<typeof workbenchEventSchema>;
export type JobEvent = Extract<WorkbenchEvent, { jobId: string }>;
export type OpenedProject = z.output<typeof openedProjectSchema>;

// The schema and the type the design builds describe the same object: keep them in step.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const designColumnsMatch: Same<z.output<typeof designColumnSchema>, DesignColumn> = true;
void designColumnsMatch;
