/**
 * `fit` command line → AnalysisSettings, with every mistake reported as a UsageError. Values
 * are checked by the settings schema (shared/analysis/schema.ts), the one the app's API uses,
 * so the CLI accepts exactly what the app accepts and refuses the rest in the same words.
 */
import { parseArgs } from 'node:util';
import type { z } from 'zod';
import { DESCRIPTORS } from '../../shared/analysis/families';
import {
  analysisSettingsSchema,
  cvSettingsSchema,
  EXCLUDED,
  familySchema,
  type LimitsSetting,
  lambdaValue,
  lowerLimitValue,
  type PenaltyFactorValue,
  penaltyFactorValue,
  settingsProblems,
  stabilitySettingsSchema,
  testSplitSchema,
  twoLevelCodingSchema,
  upperLimitValue,
} from '../../shared/analysis/schema';
import {
  type AnalysisSettings,
  DEFAULT_CV,
  DEFAULT_SETTINGS,
  DEFAULT_STABILITY,
  DEFAULT_TEST_SEED,
  PENALTY_ALPHA,
  type PenaltyName,
  type StabilitySettings,
} from '../../shared/analysis/settings';
import type { RowFilter } from '../../shared/data/design';
import type { DecimalMark } from '../../shared/data/numberFormat';
import {
  type ColumnType,
  type Delimiter,
  parseColumnTypes,
  type ReadingOptions,
  readOptionsSchema,
} from '../../shared/data/readOptions';
import type { CvMeasure } from '../../shared/solver/cv';
import { parseMemorySize } from '../services/streamingFit';
import { parseSelection, type Selection } from './outputs';
import { UsageError } from './usage';

export interface FitCommand {
  help: boolean;
  dataPath: string;
  /** How the file is read: the reading options' one definition (shared/data/readOptions.ts). */
  read: ReadingOptions;
  jsonPath?: string | undefined;
  reportPath?: string | undefined;
  modelPath?: string | undefined;
  select?: Selection | undefined;
  /** --memory-limit in bytes: a file whose in-memory fit would need more is streamed. */
  memoryLimit?: number | undefined;
  /** --select λ off the path: refit with it inserted (predict.glmnet's exact = TRUE), not interpolate. */
  exact?: boolean | undefined;
  settings: AnalysisSettings;
}

const OPTIONS = {
  data: { type: 'string' },
  target: { type: 'string' },
  family: { type: 'string' },
  positive: { type: 'string' },
  features: { type: 'string' },
  exclude: { type: 'string' },
  weights: { type: 'string' },
  offset: { type: 'string' },
  rows: { type: 'string', multiple: true },
  penalty: { type: 'string' },
  alpha: { type: 'string', multiple: true },
  cv: { type: 'string' },
  'foldid-column': { type: 'string' },
  seed: { type: 'string' },
  measure: { type: 'string' },
  keep: { type: 'boolean' },
  relax: { type: 'boolean' },
  gamma: { type: 'string' },
  stability: { type: 'boolean' },
  'stability-pairs': { type: 'string' },
  'stability-threshold': { type: 'string' },
  'stability-seed': { type: 'string' },
  'stability-lambda': { type: 'string' },
  'test-rows': { type: 'string' },
  'test-fraction': { type: 'string' },
  'test-seed': { type: 'string' },
  nlambda: { type: 'string' },
  'lambda-min-ratio': { type: 'string' },
  lambda: { type: 'string' },
  'no-standardize': { type: 'boolean' },
  'no-intercept': { type: 'boolean' },
  'penalty-factor': { type: 'string' },
  'lower-limits': { type: 'string' },
  'upper-limits': { type: 'string' },
  thresh: { type: 'string' },
  'max-iter': { type: 'string' },
  'max-iter-per-lambda': { type: 'string' },
  'no-path-stop': { type: 'boolean' },
  'noise-variance': { type: 'string' },
  'ebic-gamma': { type: 'string' },
  tighten: { type: 'boolean' },
  grouped: { type: 'string' },
  missing: { type: 'string' },
  'missing-markers': { type: 'string' },
  'max-levels': { type: 'string' },
  'two-level': { type: 'string' },
  'drop-malformed-rows': { type: 'boolean' },
  'column-type': { type: 'string', multiple: true },
  decimal: { type: 'string' },
  delimiter: { type: 'string' },
  json: { type: 'string' },
  report: { type: 'string' },
  model: { type: 'string' },
  select: { type: 'string' },
  'memory-limit': { type: 'string' },
  exact: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

const fields = analysisSettingsSchema.shape;

/** A number checked by its field of the settings schema; blank or non-numeric text is NaN, which every field refuses. */
function numberArg(flag: string, text: string, field: z.ZodType): number {
  const trimmed = text.trim();
  const value = trimmed === '' ? Number.NaN : Number(trimmed);
  const checked = field.safeParse(value);
  if (!checked.success) {
    throw new UsageError(`--${flag} ${checked.error.issues[0]?.message}; got '${text}'.`);
  }
  return value;
}

/** The flag that sets each settings field, to name it in messages. */
const FLAG_OF: Record<string, string> = {
  family: 'family',
  positiveClass: 'positive',
  target: 'target',
  features: 'features',
  exclude: 'exclude',
  weights: 'weights',
  offset: 'offset',
  rows: 'rows',
  alpha: 'alpha',
  alphas: 'alpha',
  testRows: 'test-rows',
  testSplit: 'test-fraction',
  nlambda: 'nlambda',
  lambdaMinRatio: 'lambda-min-ratio',
  lambda: 'lambda',
  penaltyFactor: 'penalty-factor',
  lowerLimits: 'lower-limits',
  upperLimits: 'upper-limits',
  thresh: 'thresh',
  maxIter: 'max-iter',
  maxIterPerLambda: 'max-iter-per-lambda',
  pathStop: 'no-path-stop',
  tighten: 'tighten',
  missing: 'missing',
  maxLevels: 'max-levels',
  twoLevelCoding: 'two-level',
  relax: 'relax',
  gammas: 'gamma',
};
const STABILITY_FLAG_OF: Record<string, string> = {
  pairs: 'stability-pairs',
  threshold: 'stability-threshold',
  seed: 'stability-seed',
  lambda: 'stability-lambda',
};
const CV_FLAG_OF: Record<string, string> = {
  nfolds: 'cv',
  seed: 'seed',
  foldidColumn: 'foldid-column',
  measure: 'measure',
  grouped: 'grouped',
  keep: 'keep',
};

/** The whole settings object through the schema (names' lengths, list sizes…), as the app checks it. */
function validSettings(settings: AnalysisSettings): AnalysisSettings {
  const [problem] = settingsProblems(settings);
  if (problem) {
    const [field, sub] = problem.path;
    const flag =
      field === 'cv' && typeof sub === 'string'
        ? CV_FLAG_OF[sub]
        : field === 'stability' && typeof sub === 'string'
          ? STABILITY_FLAG_OF[sub]
          : FLAG_OF[String(field)];
    throw new UsageError(
      `${flag ? `--${flag}` : `the setting ${problem.path.join('.')}`} ${problem.message}.`,
    );
  }
  return analysisSettingsSchema.parse(settings);
}

/** true or false, as the flag's value (`--grouped false`). */
function booleanArg(flag: string, text: string): boolean {
  const value = text.trim().toLowerCase();
  if (value === 'true') return true;
  if (value === 'false') return false;
  throw new UsageError(`--${flag} must be true or false; got '${text}'.`);
}

function listArg(text: string): string[] {
  return text
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');
}

function pairArg(flag: string, text: string): [string, string] {
  const at = text.lastIndexOf('=');
  if (at <= 0 || at === text.length - 1) {
    throw new UsageError(`--${flag} expects COLUMN=VALUE; got '${text}'.`);
  }
  return [text.slice(0, at).trim(), text.slice(at + 1).trim()];
}

const DELIMITER_WORDS: Record<string, Delimiter> = {
  ',': ',',
  comma: ',',
  ';': ';',
  semicolon: ';',
  tab: '\t',
  '\t': '\t',
  '\\t': '\t',
  '|': '|',
  pipe: '|',
};

/** --delimiter , ; tab | (or comma, semicolon, pipe): the field delimiter (default: detected). */
export function delimiterArg(text: string | undefined): Delimiter | undefined {
  if (text === undefined) return undefined;
  const delimiter = DELIMITER_WORDS[text.trim().toLowerCase()] ?? DELIMITER_WORDS[text];
  if (delimiter) return delimiter;
  throw new UsageError(`--delimiter must be , ; tab or | (the field delimiter); got '${text}'.`);
}

/** The flag of each reading option, to name it in messages. */
const READ_FLAG_OF: Record<keyof ReadingOptions, string> = {
  missingMarkers: 'missing-markers',
  dropMalformedRows: 'drop-malformed-rows',
  decimal: 'decimal',
  delimiter: 'delimiter',
  columnTypes: 'column-type',
};

/**
 * --column-type NAME=numeric|categorical (repeatable, or a comma list): the column's type as
 * chosen instead of guessed. A name holding '=' or ',' is split at the last '=' of each item.
 */
export function columnTypesArg(
  items: readonly string[] | undefined,
): Record<string, ColumnType> | undefined {
  if (items === undefined || items.length === 0) return undefined;
  const parsed = parseColumnTypes(items);
  if ('error' in parsed) throw new UsageError(`--column-type ${parsed.error}.`);
  return parsed.types;
}

/**
 * The reading flags → the reading options, checked by their schema (the one the app's API and
 * projects use), so the CLI refuses what the app refuses, in the same words.
 */
export function readingArgs(values: {
  'missing-markers'?: string | undefined;
  'drop-malformed-rows'?: boolean | undefined;
  decimal?: string | undefined;
  delimiter?: string | undefined;
  'column-type'?: string[] | undefined;
}): ReadingOptions {
  const columnTypes = columnTypesArg(values['column-type']);
  const markers = values['missing-markers'];
  const options: ReadingOptions = {
    // `--missing-markers ''` is the list of one empty marker: only empty cells are missing.
    ...(markers !== undefined && { missingMarkers: markers.split(',').map((m) => m.trim()) }),
    ...(values['drop-malformed-rows'] === true && { dropMalformedRows: true }),
    ...(values.decimal !== undefined && { decimal: decimalArg(values.decimal) }),
    ...(values.delimiter !== undefined && { delimiter: delimiterArg(values.delimiter) }),
    ...(columnTypes && { columnTypes }),
  };
  const checked = readOptionsSchema.safeParse(options);
  if (!checked.success) {
    const issue = checked.error.issues[0]!;
    const flag = READ_FLAG_OF[issue.path[0] as keyof ReadingOptions] ?? 'missing-markers';
    throw new UsageError(`--${flag} ${issue.message}.`);
  }
  return checked.data;
}

/** --decimal . or , : the decimal mark of the file's numbers (default: guessed). */
export function decimalArg(text: string | undefined): DecimalMark | undefined {
  if (text === undefined) return undefined;
  const mark = text.trim();
  if (mark === '.' || mark === ',') return mark;
  throw new UsageError(`--decimal must be . or , (the decimal mark); got '${text}'.`);
}

function rowFilter(text: string, flag = 'rows'): RowFilter {
  // Split at the first '=': a level may itself contain '=' but column names rarely do.
  const at = text.indexOf('=');
  if (at <= 0) throw new UsageError(`--${flag} expects COLUMN=VALUE; got '${text}'.`);
  return { column: text.slice(0, at).trim(), value: text.slice(at + 1).trim() };
}

function alphasFrom(penalty: string | undefined, alphaTexts: string[] | undefined): number[] {
  const texts = (alphaTexts ?? []).flatMap(listArg);
  if (texts.length <= 1) return [alphaFrom(penalty, texts[0])];
  if (penalty !== undefined) {
    throw new UsageError('Several --alpha values compare penalties; leave out --penalty.');
  }
  const alphas: number[] = [];
  for (const text of texts) {
    const alpha = alphaFrom(undefined, text);
    // Refused, not merged: `--alpha 0,0` would otherwise fit one α, with or without --cv.
    if (alphas.includes(alpha))
      throw new UsageError(`--alpha ${alpha} is given twice; give each α once.`);
    alphas.push(alpha);
  }
  return alphas;
}

function alphaFrom(penalty: string | undefined, alphaText: string | undefined): number {
  if (penalty !== undefined && !(penalty in PENALTY_ALPHA)) {
    throw new UsageError(`--penalty must be lasso, ridge or elastic-net; got '${penalty}'.`);
  }
  const named = penalty === undefined ? undefined : PENALTY_ALPHA[penalty as PenaltyName];
  if (alphaText === undefined) return named ?? DEFAULT_SETTINGS.alpha;
  const alpha = numberArg('alpha', alphaText, fields.alpha);
  const consistent =
    penalty === undefined ||
    (penalty === 'elastic-net' && alpha > 0 && alpha < 1) ||
    alpha === named;
  if (!consistent) {
    throw new UsageError(
      `--penalty ${penalty} means α = ${named}, but --alpha ${alphaText} was also given; keep one of them.`,
    );
  }
  return alpha;
}

/** --family: a registered family's name (the schema's list), default DEFAULT_FAMILY. */
function familyArg(text: string | undefined): AnalysisSettings['family'] {
  if (text === undefined) return DEFAULT_SETTINGS.family;
  const checked = familySchema.safeParse(text.trim());
  if (!checked.success)
    throw new UsageError(`--family ${checked.error.issues[0]?.message}; got '${text}'.`);
  return checked.data;
}

/**
 * `--lower-limits 0` (every column) or `--lower-limits x1=0,x2=-1` (those columns or features,
 * the rest unbounded); the same for --upper-limits. Each value checked by the schema's.
 */
function limitsArg(
  flag: string,
  text: string | undefined,
  value: z.ZodType,
): LimitsSetting | undefined {
  if (text === undefined) return undefined;
  if (!text.includes('=')) return numberArg(flag, text, value);
  // A Map, not an object: a column name such as __proto__ must stay a name.
  const bounds = new Map<string, number>();
  for (const item of listArg(text)) {
    const [name, bound] = pairArg(flag, item);
    if (bounds.has(name))
      throw new UsageError(
        `--${flag} names the column '${name}' twice; give each column one bound.`,
      );
    bounds.set(name, numberArg(flag, bound, value));
  }
  if (bounds.size === 0)
    throw new UsageError(`--${flag} needs a bound, e.g. --${flag} 0 or --${flag} x1=0,x2=-1.`);
  return Object.fromEntries(bounds);
}

export function parseFitArgs(argv: string[]): FitCommand {
  let values: ReturnType<typeof parseArgs<{ options: typeof OPTIONS; strict: true }>>['values'];
  try {
    ({ values } = parseArgs({
      args: argv,
      options: OPTIONS,
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    throw new UsageError(
      `${(error as Error).message.replace(/\.$/, '')}. See 'npm run cli -- fit --help'.`,
    );
  }
  if (values.help) {
    return {
      help: true,
      dataPath: '',
      read: {},
      settings: { ...DEFAULT_SETTINGS, target: '' },
    };
  }
  if (!values.data) throw new UsageError('--data FILE is required: the CSV file to fit.');
  if (!values.target) throw new UsageError('--target COLUMN is required: the column to predict.');

  // A Map, not an object: a column name such as __proto__ must stay a name, never a prototype.
  const penaltyFactor = new Map<string, PenaltyFactorValue>();
  for (const item of listArg(values['penalty-factor'] ?? '')) {
    const [name, text] = pairArg('penalty-factor', item);
    if (penaltyFactor.has(name))
      throw new UsageError(
        `--penalty-factor names the column '${name}' twice; give each column one factor.`,
      );
    // Inf excludes the column, as glmnet's penalty.factor = Inf.
    penaltyFactor.set(
      name,
      /^\s*inf(inity)?\s*$/i.test(text)
        ? EXCLUDED
        : numberArg('penalty-factor', text, penaltyFactorValue),
    );
  }
  const lowerLimits = limitsArg('lower-limits', values['lower-limits'], lowerLimitValue);
  const upperLimits = limitsArg('upper-limits', values['upper-limits'], upperLimitValue);
  const alphas = alphasFrom(values.penalty, values.alpha);
  const family = familyArg(values.family);
  const settings: AnalysisSettings = {
    ...DEFAULT_SETTINGS,
    family,
    target: values.target,
    positiveClass: values.positive?.trim() ?? null,
    features: values.features !== undefined ? listArg(values.features) : undefined,
    exclude: listArg(values.exclude ?? ''),
    weights: values.weights?.trim(),
    offset: values.offset?.trim(),
    rows: (values.rows ?? []).map((text) => rowFilter(text)),
    alpha: alphas[0]!,
    alphas: alphas.length > 1 ? alphas : undefined,
    standardize: !values['no-standardize'],
    intercept: !values['no-intercept'],
    penaltyFactor: Object.fromEntries(penaltyFactor),
    ...(lowerLimits !== undefined && { lowerLimits }),
    ...(upperLimits !== undefined && { upperLimits }),
  };
  if (values.nlambda !== undefined) {
    settings.nlambda = numberArg('nlambda', values.nlambda, fields.nlambda);
  }
  if (values['lambda-min-ratio'] !== undefined) {
    settings.lambdaMinRatio = numberArg(
      'lambda-min-ratio',
      values['lambda-min-ratio'],
      fields.lambdaMinRatio,
    );
  }
  if (values.lambda !== undefined) {
    const list = listArg(values.lambda);
    if (list.length === 0)
      throw new UsageError('--lambda needs at least one value, e.g. --lambda 1,0.1,0.01.');
    settings.lambda = list.map((text) => numberArg('lambda', text, lambdaValue));
  }
  if (values.thresh !== undefined) {
    settings.thresh = numberArg('thresh', values.thresh, fields.thresh);
  }
  if (values['max-iter'] !== undefined) {
    settings.maxIter = numberArg('max-iter', values['max-iter'], fields.maxIter);
  }
  if (values['max-iter-per-lambda'] !== undefined) {
    settings.maxIterPerLambda = numberArg(
      'max-iter-per-lambda',
      values['max-iter-per-lambda'],
      fields.maxIterPerLambda,
    );
  }
  if (values['no-path-stop']) settings.pathStop = false;
  if (values['noise-variance'] !== undefined || values['ebic-gamma'] !== undefined) {
    const ic = fields.informationCriteria.unwrap().shape;
    settings.informationCriteria = {
      ...(values['noise-variance'] !== undefined && {
        noiseVariance: numberArg('noise-variance', values['noise-variance'], ic.noiseVariance),
      }),
      ...(values['ebic-gamma'] !== undefined && {
        ebicGamma: numberArg('ebic-gamma', values['ebic-gamma'], ic.ebicGamma),
      }),
    };
  }
  if (values.relax) settings.relax = true;
  if (values.gamma !== undefined) {
    if (!values.relax)
      throw new UsageError('--gamma applies to the relaxed lasso only; add --relax.');
    const texts = values.gamma.split(',');
    settings.gammas = texts.map((text) => {
      const value = text.trim() === '' ? Number.NaN : Number(text.trim());
      if (!(value >= 0 && value <= 1))
        throw new UsageError(
          `--gamma needs numbers from 0 to 1, e.g. --gamma 0,0.5,1; got '${text}'.`,
        );
      return value;
    });
  }
  if (values.tighten) settings.tighten = true;
  if (values.cv !== undefined || values['foldid-column'] !== undefined) {
    // The family's measures, its default first (its descriptor, shared/analysis/families).
    const offered = DESCRIPTORS[family].measures.map((m) => m.id);
    const measure = (values.measure ?? offered[0]) as CvMeasure;
    if (!offered.includes(measure)) {
      throw new UsageError(`--measure must be ${offered.join(' or ')}; got '${values.measure}'.`);
    }
    settings.cv = {
      nfolds:
        values.cv === undefined
          ? DEFAULT_CV.nfolds
          : numberArg('cv', values.cv, cvSettingsSchema.shape.nfolds),
      seed:
        values.seed === undefined
          ? DEFAULT_CV.seed
          : numberArg('seed', values.seed, cvSettingsSchema.shape.seed),
      foldidColumn: values['foldid-column'],
      measure,
      ...(values.grouped !== undefined && { grouped: booleanArg('grouped', values.grouped) }),
      ...(values.keep && { keep: true }),
    };
  } else {
    for (const flag of ['seed', 'measure', 'grouped', 'keep'] as const) {
      if (values[flag] !== undefined)
        throw new UsageError(`--${flag} only applies to cross-validation; add --cv K.`);
    }
    if (alphas.length > 1) {
      throw new UsageError(
        'Comparing several α needs cross-validation to choose between them; add --cv K.',
      );
    }
  }
  const stability = stabilityArgs(values);
  if (stability) settings.stability = stability;
  if (values.missing !== undefined) {
    if (values.missing !== 'drop' && values.missing !== 'impute') {
      throw new UsageError(`--missing must be drop or impute; got '${values.missing}'.`);
    }
    settings.missing = values.missing;
  }
  if (values['max-levels'] !== undefined) {
    settings.maxLevels = numberArg('max-levels', values['max-levels'], fields.maxLevels);
  }
  if (values['two-level'] !== undefined) {
    const checked = twoLevelCodingSchema.safeParse(values['two-level'].trim());
    if (!checked.success)
      throw new UsageError(
        `--two-level ${checked.error.issues[0]?.message}; got '${values['two-level']}'.`,
      );
    settings.twoLevelCoding = checked.data;
  }
  if (values['test-rows'] !== undefined)
    settings.testRows = rowFilter(values['test-rows'], 'test-rows');
  if (values['test-fraction'] !== undefined) {
    if (values['test-rows'] !== undefined)
      throw new UsageError(
        '--test-fraction and --test-rows both choose the test set; keep one of them.',
      );
    settings.testSplit = {
      fraction: numberArg('test-fraction', values['test-fraction'], testSplitSchema.shape.fraction),
      seed:
        values['test-seed'] === undefined
          ? DEFAULT_TEST_SEED
          : numberArg('test-seed', values['test-seed'], testSplitSchema.shape.seed),
    };
  } else if (values['test-seed'] !== undefined) {
    throw new UsageError('--test-seed only applies to a random hold-out; add --test-fraction F.');
  }
  if (settings.features?.length === 0)
    throw new UsageError('--features needs at least one column name.');
  const select = parseSelection(values.select);
  if (values.exact && typeof select !== 'number')
    throw new UsageError('--exact refits at a λ value: give one with --select, e.g. --select 0.1.');
  const read = readingArgs(values);
  let memoryLimit: number | undefined;
  if (values['memory-limit'] !== undefined) {
    memoryLimit = parseMemorySize(values['memory-limit']);
    if (memoryLimit === undefined)
      throw new UsageError(
        `--memory-limit takes a size such as 4GB, 512MB or 1KB; got '${values['memory-limit']}'.`,
      );
  }
  return {
    help: false,
    memoryLimit,
    dataPath: values.data,
    jsonPath: values.json,
    reportPath: values.report,
    modelPath: values.model,
    select,
    exact: values.exact === true,
    read,
    settings: validSettings(settings),
  };
}

/** --stability with its pairs, threshold, seed and λ range (the defaults: DEFAULT_STABILITY). */
function stabilityArgs(values: {
  stability?: boolean | undefined;
  'stability-pairs'?: string | undefined;
  'stability-threshold'?: string | undefined;
  'stability-seed'?: string | undefined;
  'stability-lambda'?: string | undefined;
}): StabilitySettings | undefined {
  const flags = [
    'stability-pairs',
    'stability-threshold',
    'stability-seed',
    'stability-lambda',
  ] as const;
  if (!values.stability) {
    const given = flags.find((flag) => values[flag] !== undefined);
    if (given)
      throw new UsageError(`--${given} only applies to stability selection; add --stability.`);
    return undefined;
  }
  const shape = stabilitySettingsSchema.shape;
  const number = (flag: (typeof flags)[number], field: z.ZodType, fallback: number) =>
    values[flag] === undefined ? fallback : numberArg(flag, values[flag]!, field);
  const lambda = values['stability-lambda'];
  return {
    pairs: number('stability-pairs', shape.pairs, DEFAULT_STABILITY.pairs),
    threshold: number('stability-threshold', shape.threshold, DEFAULT_STABILITY.threshold),
    seed: number('stability-seed', shape.seed, DEFAULT_STABILITY.seed),
    ...(lambda !== undefined && {
      lambda: numberArg('stability-lambda', lambda, shape.lambda.unwrap()),
    }),
  };
}
