/**
 * The model form as the user edits it, and its translation to the engine's AnalysisSettings.
 * Defaults are chosen so that one click on Run does the right thing: lasso, standardized,
 * 10-fold CV with a fixed seed, every other column as a feature.
 */

import { describeFamily } from '../../shared/analysis/families';
import { proposeFamily } from '../../shared/analysis/familyProposal';
import {
  EXCLUDED,
  MAX_LAMBDAS,
  type PenaltyFactorValue,
  settingsProblems,
} from '../../shared/analysis/schema';
import type { AnalysisSettings } from '../../shared/analysis/settings';
import {
  DEFAULT_CV,
  DEFAULT_SETTINGS,
  DEFAULT_STABILITY,
  DEFAULT_TEST_SEED,
  PENALTY_ALPHA,
  type PenaltyName,
  penaltyName,
} from '../../shared/analysis/settings';
import type { TwoLevelCoding } from '../../shared/data/design';
import type { DatasetInfo } from '../../shared/ipc/contract';
import type { CvMeasure } from '../../shared/solver/cv';
import type { FamilyName } from '../../shared/solver/family';

export interface ModelForm {
  /** The response family; its descriptor lists the measures the form offers. */
  family: FamilyName;
  target: string;
  /** Logistic regression: the target value modelled ('' = the second in sorted order). */
  positiveClass: string;
  features: string[];
  /** Column of observation weights, and column added to the linear predictor ('' = none). */
  weights: string;
  offset: string;
  missing: 'drop' | 'impute';
  /** A two-level text feature: one 0/1 column (1 = its second level) or a column per level. */
  twoLevelCoding: TwoLevelCoding;
  /** Keep only the rows where each column has its value (as the file writes it). */
  rowFilters: { column: string; value: string }[];
  /**
   * The test set: none, rows where testColumn = testValue ('column'), or a random
   * testPercent % of the rows drawn with testSeed ('random').
   */
  testMode: 'none' | 'column' | 'random';
  testColumn: string;
  testValue: string;
  /** As typed, in percent (20 = a fifth of the rows). */
  testPercent: string;
  testSeed: number;
  penalty: PenaltyName;
  /** L1 ratio for elastic net. */
  alpha: number;
  standardize: boolean;
  intercept: boolean;
  nlambda: number;
  /** '' = automatic (1e-4 when n ≥ p, else 1e-2). */
  lambdaMinRatio: string;
  /** 0 = no cross-validation (unless foldColumn is set). */
  folds: number;
  /** A column whose values are the folds ('' = a seeded random partition into `folds`). */
  foldColumn: string;
  seed: number;
  measure: CvMeasure;
  /** Keep the out-of-fold predictions at every λ (cv.glmnet keep = TRUE), not only at λ_min and λ_1se. */
  keep: boolean;
  /** CV standard errors from the folds (cv.glmnet's grouped = TRUE) or from the rows. */
  grouped: boolean;
  /** End the default path early as glmnet does (false: fit every grid value). */
  pathStop: boolean;
  /** Refit λ whose convergence certificate fails at smaller thresh (settings.tighten). */
  tighten: boolean;
  /** Compare the α values of alphaGrid on the same folds. */
  compare: boolean;
  /** The relaxed lasso (glmnet's relax = TRUE) at glmnet's default γ; absent in older forms. */
  relax?: boolean | undefined;
  /** The level limit: most levels a categorical feature may have (Reading options). */
  maxLevels: number;
  /** The α values compared, as typed ("1, 0.5, 0"). */
  alphaGrid: string;
  /** Explicit λ values instead of the grid, as typed ('' = the grid). */
  lambda: string;
  /** Penalty factor by feature (all its design columns); absent = 1, 0 = unpenalized. */
  penaltyFactors: Record<string, number>;
  /**
   * Factors by design column (`feature=level`) from settings made elsewhere (the CLI), which
   * the feature list cannot show: passed through as they came.
   */
  columnPenaltyFactors: Record<string, PenaltyFactorValue>;
  /** Coordinate descent's threshold and sweep cap, as typed. */
  thresh: string;
  maxIter: string;
  /** Every coefficient ≥ 0 (glmnet's lower.limits = 0): the Non-negative coefficients box. */
  nonNegative: boolean;
  /**
   * Other coefficient bounds from settings made elsewhere (the CLI: by column, or a negative
   * lower bound, or upper bounds), which the form has no control for: passed through as they came.
   */
  otherLimits: Pick<AnalysisSettings, 'lowerLimits' | 'upperLimits'>;
  /** Stability selection: complementary pairs of half-samples, the threshold π as typed, the seed. */
  stability: boolean;
  stabilityPairs: number;
  stabilityThreshold: string;
  stabilitySeed: number;
  /** The end of its λ range from settings made elsewhere (the CLI): passed through as it came. */
  stabilityLambda?: number | undefined;
}

/** The α values compared by default: lasso, elastic net (α = 0.5) and ridge. */
export const COMPARE_ALPHAS = [1, 0.5, 0];

/** A list as typed: numbers separated by commas, semicolons or spaces; anything else is NaN. */
export function parseNumberList(text: string): number[] {
  return text
    .split(/[\s,;]+/)
    .filter((item) => item !== '')
    .map((item) =>
      /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(item) ? Number(item) : Number.NaN,
    );
}

/** A list of numbers as the form shows it. */
export function formatNumberList(values: readonly number[]): string {
  return values.map((v) => String(v)).join(', ');
}

/** A penalty factor of a feature (own keys only: a column may be called __proto__). */
export function penaltyFactorOf(form: ModelForm, feature: string): number {
  return Object.hasOwn(form.penaltyFactors, feature) ? form.penaltyFactors[feature]! : 1;
}

/** The form with these features' penalty factor set (1 removes it: the default). */
export function withPenaltyFactor(
  form: ModelForm,
  features: readonly string[],
  factor: number,
): ModelForm {
  const names = new Set(features);
  const kept = Object.entries(form.penaltyFactors).filter(([name]) => !names.has(name));
  const set = factor === 1 ? [] : features.map((name) => [name, factor] as const);
  return { ...form, penaltyFactors: Object.fromEntries([...kept, ...set]) };
}

/** The features without a column given a role (weights, folds, a filter…), as the target is. */
export function withoutFeature(form: ModelForm, column: string): string[] {
  return form.features.filter((f) => f !== column);
}

/** Columns with a role of their own (weights, offset, folds, filters, test set): never features. */
export function roleColumns(form: ModelForm): Set<string> {
  return new Set(
    [
      form.weights,
      form.offset,
      form.foldColumn,
      ...form.rowFilters.map((f) => f.column),
      form.testMode === 'random' ? '' : form.testColumn,
    ].filter((name) => name !== ''),
  );
}

/** Names that say "this is what to predict" (whole name, any case). */
const TARGET_NAME = /^(y|target|outcome|response|label|class|dependent|dv)$/i;

/** Why a target was proposed: its name says so, or the user chose it before for these columns. */
export type TargetReason = 'name' | 'remembered';

/**
 * The target to propose, or none: a usable target column the user chose before for these same
 * columns, else one named like an outcome. Never a silent guess such as "the last column".
 */
export function targetProposal(
  dataset: DatasetInfo,
  remembered?: string,
): { target: string; reason?: TargetReason } {
  const numeric = dataset.summary.columns
    .filter((c) => c.kind === 'numeric' && !c.problem)
    .map((c) => c.name);
  if (remembered && isTargetColumn(dataset, remembered))
    return { target: remembered, reason: 'remembered' };
  const named = numeric.find((name) => TARGET_NAME.test(name));
  return named ? { target: named, reason: 'name' } : { target: '' };
}

export function suggestTarget(dataset: DatasetInfo, remembered?: string): string {
  return targetProposal(dataset, remembered).target;
}

/** A column that can be predicted: numbers, or text with exactly two levels (logistic). */
export function isTargetColumn(dataset: DatasetInfo, name: string): boolean {
  const column = dataset.summary.columns.find((c) => c.name === name);
  if (!column || column.problem) return false;
  return column.kind === 'numeric' || proposeFamily(column).family === 'binomial';
}

/** The family the target suggests, with its reason in words, or undefined with no target. */
export function familyProposalFor(dataset: DatasetInfo, target: string) {
  const column = dataset.summary.columns.find((c) => c.name === target);
  return column ? proposeFamily(column) : undefined;
}

/**
 * The form with another target: the new target leaves the features, and the previous target
 * returns to them (it was only ever taken out for being the target). The family becomes the
 * one the target suggests (the Model panel shows why, and the user may change it).
 */
export function withTarget(form: ModelForm, dataset: DatasetInfo, target: string): ModelForm {
  const previous = form.target;
  const returning = previous && suggestFeatures(dataset, target).includes(previous);
  const chosen = new Set(form.features);
  if (returning) chosen.add(previous);
  chosen.delete(target);
  // File order, as everywhere else.
  const features = dataset.summary.columns.map((c) => c.name).filter((n) => chosen.has(n));
  const family = familyProposalFor(dataset, target)?.family ?? form.family;
  // A new family starts from its own default measure (Poisson: deviance, not gaussian's MSE).
  const measured =
    family === form.family
      ? form
      : { ...withFamily(form, family), measure: describeFamily(family).measures[0].id };
  return { ...measured, target, positiveClass: '', features };
}

/** Two files with the same column names in the same order (a re-opened or updated file). */
export function sameColumns(a: DatasetInfo, b: DatasetInfo): boolean {
  const x = a.summary.columns;
  const y = b.summary.columns;
  return x.length === y.length && x.every((c, i) => c.name === y[i]?.name && c.kind === y[i]?.kind);
}

/** Two readings with the same column names in the same order (types may differ). */
export function sameNames(a: DatasetInfo, b: DatasetInfo): boolean {
  const x = a.summary.columns;
  const y = b.summary.columns;
  return x.length === y.length && x.every((c, i) => c.name === y[i]?.name);
}

/**
 * The form carried over to the same file read again with other options: its choices stay;
 * features that can no longer be used leave, and columns the new reading made usable (a
 * missing marker turned text cells into missing values) join, as they would by default.
 */
export function carriedForm(form: ModelForm, before: DatasetInfo, dataset: DatasetInfo): ModelForm {
  const usable = new Set(usableFeatures(dataset, form.target).map((c) => c.name));
  const wasUsable = new Set(usableFeatures(before, form.target).map((c) => c.name));
  const chosen = new Set(form.features.filter((name) => usable.has(name)));
  for (const name of suggestFeatures(dataset, form.target))
    if (!wasUsable.has(name)) chosen.add(name);
  const features = dataset.summary.columns.map((c) => c.name).filter((n) => chosen.has(n));
  const target = isTargetColumn(dataset, form.target) ? form.target : '';
  return { ...form, target, features };
}

/** What each setting is called for the user, by its AnalysisSettings key. */
const SETTING_LABEL: Partial<Record<keyof AnalysisSettings, string>> = {
  family: 'family',
  target: 'target',
  positiveClass: 'positive class',
  features: 'features',
  weights: 'weights',
  offset: 'offset',
  missing: 'missing values',
  twoLevelCoding: 'two-level coding',
  alpha: 'penalty',
  alphas: 'comparison',
  standardize: 'standardize',
  intercept: 'intercept',
  nlambda: 'number of λ values',
  lambdaMinRatio: 'λ-min ratio',
  cv: 'cross-validation',
  testRows: 'test rows',
  maxLevels: 'level limit',
  testSplit: 'random hold-out',
  rows: 'row filter',
  lambda: 'λ values',
  penaltyFactor: 'penalty factors',
  thresh: 'convergence threshold',
  maxIter: 'maximum passes over the path',
  pathStop: 'early path stop',
  lowerLimits: 'lower limits',
  upperLimits: 'upper limits',
  stability: 'stability selection',
  tighten: 'tighten',
};

/** The form field that sets each settings path, for problems shown next to their field. */
export type FormField =
  | 'alphaGrid'
  | 'lambda'
  | 'thresh'
  | 'maxIter'
  | 'testPercent'
  | 'testSeed'
  | 'penaltyFactors'
  | 'rowFilters'
  | 'foldColumn'
  | 'stabilityPairs'
  | 'stabilityThreshold'
  | 'other';

const FIELD_OF: Record<string, FormField> = {
  alphas: 'alphaGrid',
  lambda: 'lambda',
  thresh: 'thresh',
  maxIter: 'maxIter',
  penaltyFactor: 'penaltyFactors',
  rows: 'rowFilters',
};

const FIELD_LABEL: Record<FormField, string> = {
  alphaGrid: 'α values',
  lambda: 'λ values',
  thresh: 'Convergence threshold',
  maxIter: 'Maximum passes',
  testPercent: 'Hold-out',
  testSeed: 'Hold-out seed',
  penaltyFactors: 'Penalty factors',
  rowFilters: 'Row filter',
  foldColumn: 'Fold-id column',
  stabilityPairs: 'Pairs of half-samples',
  stabilityThreshold: 'Selection threshold',
  other: 'The settings',
};

function fieldOf(path: (string | number)[]): FormField {
  const [head, sub] = path;
  if (head === 'cv' && sub === 'foldidColumn') return 'foldColumn';
  if (head === 'testSplit') return sub === 'seed' ? 'testSeed' : 'testPercent';
  if (head === 'stability')
    return sub === 'pairs'
      ? 'stabilityPairs'
      : sub === 'threshold'
        ? 'stabilityThreshold'
        : 'other';
  return FIELD_OF[String(head)] ?? 'other';
}

/**
 * What is wrong with each field, in the schema's words (the engine's, the CLI's), and the
 * form's own checks of what the schema cannot see (a percentage, a list of two or more α).
 */
export function fieldProblems(form: ModelForm): Partial<Record<FormField, string>> {
  const found: Partial<Record<FormField, string>> = {};
  if (form.compare) {
    const alphas = parseNumberList(form.alphaGrid);
    const repeated = alphas.find((a, i) => alphas.indexOf(a) !== i && !Number.isNaN(a));
    if (alphas.length < 2) found.alphaGrid = 'α values must be two or more, such as 1, 0.5, 0.';
    else if (repeated !== undefined)
      found.alphaGrid = `α values must each be given once; ${repeated} is given twice.`;
  }
  if (form.testMode === 'random') {
    const percent = percentOf(form.testPercent);
    if (!(percent > 0 && percent < 100))
      found.testPercent = 'Hold-out must be a percentage strictly between 0 and 100, such as 20.';
  }
  const settings = toSettings(form);
  for (const { path, message } of settingsProblems(settings)) {
    const field = fieldOf(path);
    if (found[field] || (field === 'testPercent' && path[1] === 'fraction')) continue;
    const index = typeof path[1] === 'number' ? path[1] : undefined;
    if (field === 'rowFilters' && index !== undefined) {
      found[field] = `Row filter ${index + 1}: its ${String(path[2] ?? 'column')} ${message}.`;
      continue;
    }
    if (field === 'penaltyFactors' && index !== undefined) {
      const name = Object.keys(settings.penaltyFactor)[index];
      found[field] = `The penalty factor of ${name} ${message}.`;
      continue;
    }
    const item = index !== undefined ? ` (check value ${index + 1})` : '';
    const what =
      field === 'other' ? `The setting ${path.join('.') || 'settings'}` : FIELD_LABEL[field];
    found[field] = `${what} ${message}${item}.`;
  }
  return found;
}

/**
 * The settings that differ between two forms (the form as it is, and the form that produced the
 * results), in the user's words; empty when a run would give the same results. Compared as the
 * engine sees them, so a field that has no effect (α while the penalty is lasso) never counts.
 */
export function changedSettings(current: ModelForm, fitted: ModelForm): string[] {
  const a = toSettings(current);
  const b = toSettings(fitted);
  const keys = new Set([...Object.keys(a), ...Object.keys(b)] as (keyof AnalysisSettings)[]);
  const changed: string[] = [];
  for (const key of keys) {
    if (JSON.stringify(a[key]) === JSON.stringify(b[key])) continue;
    const label = SETTING_LABEL[key] ?? String(key);
    if (!changed.includes(label)) changed.push(label);
  }
  return changed;
}

type ColumnInfo = DatasetInfo['summary']['columns'][number];

/** Every usable column but the target, and not an obvious split marker like train/test. */
function usableFeatures(dataset: DatasetInfo, target: string): ColumnInfo[] {
  return dataset.summary.columns.filter(
    (c) =>
      c.name !== target && c.kind !== 'unusable' && !c.problem && !isSplitColumn(c.name, c.kind),
  );
}

/**
 * Why a text column makes a poor feature, or undefined when it does not: more levels than the
 * level limit (the run would refuse it), or levels for more than half the rows, which is an
 * identifier (mtcars' `car`: 32 names for 32 rows, 32 dummies that each fit one row).
 */
export function levelProblem(
  column: ColumnInfo,
  rowCount: number,
  limit: number = DEFAULT_SETTINGS.maxLevels,
): string | undefined {
  if (column.kind !== 'categorical') return undefined;
  const levels = column.levelCount ?? 0;
  if (levels > limit)
    return `${levels} levels, more than the limit of ${limit}: it would add ${levels} dummy columns and the run refuses it.`;
  if (levels > 2 && levels > rowCount / 2)
    return `${levels} levels in ${rowCount} rows: it looks like an identifier, and each dummy would fit only a row or two.`;
  return undefined;
}

/**
 * The features ticked by default: the usable columns except identifier-like and over-the-limit
 * text columns (see levelProblem), which the user may still tick.
 */
export function suggestFeatures(dataset: DatasetInfo, target: string): string[] {
  const rows = dataset.summary.rowCount;
  return usableFeatures(dataset, target)
    .filter((c) => levelProblem(c, rows) === undefined)
    .map((c) => c.name);
}

/**
 * The chosen text features with exactly two levels, each with its levels in the order the
 * design sorts them (UTF-16 code units, as a two-class target): the second is coded 1.
 */
export function twoLevelFeatures(form: ModelForm, dataset: DatasetInfo) {
  const chosen = new Set(form.features);
  return dataset.summary.columns.flatMap((c) =>
    chosen.has(c.name) &&
    (c.kind === 'categorical' || c.kind === 'boolean') &&
    c.levelCount === 2 &&
    c.levels?.length === 2
      ? [{ name: c.name, levels: c.levels.map((l) => l.level).sort() as [string, string] }]
      : [],
  );
}

/** Columns that can hold weights or an offset: usable numeric columns other than the target. */
export function numericColumns(dataset: DatasetInfo, target: string): string[] {
  return dataset.summary.columns
    .filter((c) => c.kind === 'numeric' && !c.problem && c.name !== target)
    .map((c) => c.name);
}

function isSplitColumn(name: string, kind: string): boolean {
  return kind === 'boolean' && /^(train|test|split|is_?train|holdout)$/i.test(name);
}

export function defaultForm(dataset: DatasetInfo, remembered?: string): ModelForm {
  const target = suggestTarget(dataset, remembered);
  const family = (target && familyProposalFor(dataset, target)?.family) || DEFAULT_SETTINGS.family;
  return {
    family,
    target,
    positiveClass: '',
    features: suggestFeatures(dataset, target),
    weights: '',
    offset: '',
    missing: DEFAULT_SETTINGS.missing,
    twoLevelCoding: DEFAULT_SETTINGS.twoLevelCoding,
    rowFilters: [],
    testMode: 'none',
    testColumn: '',
    testValue: '',
    testPercent: '20',
    testSeed: DEFAULT_TEST_SEED,
    penalty: penaltyName(DEFAULT_SETTINGS.alpha),
    // What the α field shows when elastic net is chosen.
    alpha: PENALTY_ALPHA['elastic-net'],
    standardize: DEFAULT_SETTINGS.standardize,
    intercept: DEFAULT_SETTINGS.intercept,
    nlambda: DEFAULT_SETTINGS.nlambda,
    lambdaMinRatio: '',
    // The app cross-validates by default (the CLI only when asked).
    folds: DEFAULT_CV.nfolds,
    foldColumn: '',
    seed: DEFAULT_CV.seed,
    measure: describeFamily(family).measures[0].id,
    keep: false,
    grouped: true,
    pathStop: true,
    tighten: false,
    compare: false,
    relax: false,
    maxLevels: DEFAULT_SETTINGS.maxLevels,
    alphaGrid: formatNumberList(COMPARE_ALPHAS),
    lambda: '',
    penaltyFactors: {},
    columnPenaltyFactors: {},
    thresh: String(DEFAULT_SETTINGS.thresh),
    maxIter: String(DEFAULT_SETTINGS.maxIter),
    nonNegative: false,
    otherLimits: {},
    stability: false,
    stabilityPairs: DEFAULT_STABILITY.pairs,
    stabilityThreshold: String(DEFAULT_STABILITY.threshold),
    stabilitySeed: DEFAULT_STABILITY.seed,
  };
}

/**
 * The form with another family: its measure kept when the new family offers it, else the new
 * family's default.
 */
export function withFamily(form: ModelForm, family: FamilyName): ModelForm {
  const { measures, targetKind } = describeFamily(family);
  const measure = measures.some((m) => m.id === form.measure) ? form.measure : measures[0].id;
  return {
    ...form,
    family,
    measure,
    positiveClass: targetKind === 'binary' ? form.positiveClass : '',
  };
}

/** Why the form cannot run yet, or undefined when it can. */
export function formProblem(form: ModelForm, dataset: DatasetInfo): string | undefined {
  if (!form.target) return 'Choose the column to predict.';
  if (form.weights && form.weights === form.target)
    return 'The target cannot also be the observation weights: choose another weight column.';
  if (form.offset && form.offset === form.target)
    return 'The target cannot also be the offset: choose another offset column.';
  if (toSettings(form).features?.length === 0) return 'Choose at least one feature.';
  if (form.testMode === 'column' && !form.testColumn)
    return 'Choose the column whose value marks the test rows, or set Test set to None.';
  if (form.testMode !== 'random' && form.testColumn && !form.testValue)
    return 'Choose which value of the test column marks the test rows.';
  const unfinished = form.rowFilters.findIndex((f) => !f.column || f.value === '');
  if (unfinished >= 0)
    return `Row filter ${unfinished + 1}: choose its column and the value to keep, or remove it.`;
  const ratio = form.lambdaMinRatio.trim();
  if (ratio !== '' && !(Number(ratio) > 0 && Number(ratio) < 1))
    return 'The λ-min ratio must be a number between 0 and 1.';
  if (!(Number.isInteger(form.nlambda) && form.nlambda >= 1 && form.nlambda <= MAX_LAMBDAS))
    return `The number of λ values must be a whole number from 1 to ${MAX_LAMBDAS}.`;
  if (
    !form.foldColumn &&
    form.folds !== 0 &&
    !(Number.isInteger(form.folds) && form.folds >= 2 && form.folds <= dataset.summary.rowCount)
  ) {
    return `Folds must be 0 (no cross-validation) or a whole number from 2 to ${dataset.summary.rowCount}.`;
  }
  if (!(Number.isInteger(form.maxLevels) && form.maxLevels >= 1))
    return 'The level limit must be a whole number of at least 1.';
  if (form.compare && form.folds === 0 && !form.foldColumn)
    return 'Comparing models needs cross-validation: set Folds to 2 or more.';
  // Anything else the engine would refuse, in the same words (one schema for every entry point),
  // each named by its field (and shown next to it).
  const [first] = Object.values(fieldProblems(form));
  return first;
}

/** The form that produces these settings (used to restore a project or a session). */
export function fromSettings(settings: AnalysisSettings, dataset: DatasetInfo): ModelForm {
  const penalty = penaltyName(settings.alpha);
  const columns = new Set(dataset.summary.columns.map((c) => c.name));
  const factors = Object.entries(settings.penaltyFactor);
  const compared = settings.alphas && settings.alphas.length > 1 ? settings.alphas : undefined;
  return {
    ...defaultForm(dataset),
    family: settings.family,
    target: settings.target,
    positiveClass: settings.positiveClass ?? '',
    features:
      settings.features ??
      // Settings without a feature list mean every column but the excluded ones (as in the CLI).
      usableFeatures(dataset, settings.target)
        .map((c) => c.name)
        .filter(
          (f) => !settings.exclude.includes(f) && f !== settings.weights && f !== settings.offset,
        ),
    weights: settings.weights ?? '',
    offset: settings.offset ?? '',
    missing: settings.missing,
    twoLevelCoding: settings.twoLevelCoding,
    rowFilters: settings.rows.map((f) => ({ column: f.column, value: f.value })),
    testMode: settings.testSplit ? 'random' : settings.testRows ? 'column' : 'none',
    testColumn: settings.testRows?.column ?? '',
    testValue: settings.testRows?.value ?? '',
    testPercent: settings.testSplit
      ? String(Number((100 * settings.testSplit.fraction).toPrecision(12)))
      : '20',
    testSeed: settings.testSplit?.seed ?? DEFAULT_TEST_SEED,
    penalty,
    alpha: penalty === 'elastic-net' ? settings.alpha : PENALTY_ALPHA['elastic-net'],
    standardize: settings.standardize,
    intercept: settings.intercept,
    nlambda: settings.nlambda,
    lambdaMinRatio: settings.lambdaMinRatio === undefined ? '' : String(settings.lambdaMinRatio),
    folds: settings.cv?.nfolds ?? 0,
    foldColumn: settings.cv?.foldidColumn ?? '',
    seed: settings.cv?.seed ?? DEFAULT_CV.seed,
    measure: settings.cv?.measure ?? describeFamily(settings.family).measures[0].id,
    keep: settings.cv?.keep === true,
    grouped: settings.cv?.grouped !== false,
    pathStop: settings.pathStop !== false,
    tighten: settings.tighten === true,
    maxLevels: settings.maxLevels,
    compare: compared !== undefined,
    relax: settings.relax === true,
    alphaGrid: formatNumberList(compared ?? COMPARE_ALPHAS),
    lambda: settings.lambda ? formatNumberList(settings.lambda) : '',
    // By feature where the feature list can show it; the rest (design columns, and "Inf",
    // glmnet's exclude, which the list has no control for) passed through as they came.
    penaltyFactors: Object.fromEntries(
      factors.filter(
        (entry): entry is [string, number] => columns.has(entry[0]) && entry[1] !== EXCLUDED,
      ),
    ),
    columnPenaltyFactors: Object.fromEntries(
      factors.filter(([name, value]) => !columns.has(name) || value === EXCLUDED),
    ),
    thresh: String(settings.thresh),
    maxIter: String(settings.maxIter),
    nonNegative: settings.lowerLimits === 0,
    otherLimits: {
      ...(settings.lowerLimits !== undefined &&
        settings.lowerLimits !== 0 && { lowerLimits: settings.lowerLimits }),
      ...(settings.upperLimits !== undefined && { upperLimits: settings.upperLimits }),
    },
    stability: settings.stability !== undefined,
    stabilityPairs: settings.stability?.pairs ?? DEFAULT_STABILITY.pairs,
    stabilityThreshold: String(settings.stability?.threshold ?? DEFAULT_STABILITY.threshold),
    stabilitySeed: settings.stability?.seed ?? DEFAULT_STABILITY.seed,
    stabilityLambda: settings.stability?.lambda,
  };
}

/** A percentage as typed ("20" or "20 %"); anything else is NaN. */
function percentOf(text: string): number {
  return typedNumber(text.replace(/%\s*$/, ''));
}

/** A number as typed; blank or not a number is NaN, which the schema refuses by field. */
function typedNumber(text: string): number {
  const [value] = parseNumberList(text);
  return text.trim() === '' || parseNumberList(text).length !== 1 ? Number.NaN : value!;
}

export function toSettings(form: ModelForm): AnalysisSettings {
  const alpha = form.penalty === 'elastic-net' ? form.alpha : PENALTY_ALPHA[form.penalty];
  const ratio = form.lambdaMinRatio.trim();
  const roles = roleColumns(form);
  // Columns with a role are never features (as the target is not).
  const features = form.features.filter((f) => !roles.has(f));
  const chosen = new Set(features);
  const lambda = form.lambda.trim();
  const crossValidate = form.folds >= 2 || form.foldColumn !== '';
  return {
    ...DEFAULT_SETTINGS,
    family: form.family,
    target: form.target,
    positiveClass: form.positiveClass || null,
    features,
    weights: form.weights || undefined,
    offset: form.offset || undefined,
    missing: form.missing,
    twoLevelCoding: form.twoLevelCoding,
    alpha,
    rows: form.rowFilters.map((f) => ({ column: f.column, value: f.value })),
    alphas: form.compare ? parseNumberList(form.alphaGrid) : undefined,
    standardize: form.standardize,
    intercept: form.intercept,
    nlambda: form.nlambda,
    lambdaMinRatio: ratio === '' ? undefined : Number(ratio),
    lambda: lambda === '' ? undefined : parseNumberList(lambda),
    // By feature for the chosen features only (the run refuses a factor for anything else).
    penaltyFactor: Object.fromEntries([
      ...Object.entries(form.penaltyFactors).filter(([name, v]) => chosen.has(name) && v !== 1),
      ...Object.entries(form.columnPenaltyFactors),
    ]),
    thresh: typedNumber(form.thresh),
    maxIter: typedNumber(form.maxIter),
    ...form.otherLimits,
    // The box replaces whatever lower bounds came from elsewhere.
    ...(form.nonNegative && { lowerLimits: 0 }),
    ...(!form.pathStop && { pathStop: false }),
    // Not with several α: relax the α chosen (the schema refuses both).
    ...(form.relax && !form.compare && { relax: true }),
    ...(form.tighten && { tighten: true }),
    cv: crossValidate
      ? {
          // With a fold-id column the folds are its values; nfolds is then not used.
          nfolds: form.folds >= 2 ? form.folds : DEFAULT_CV.nfolds,
          seed: form.seed,
          measure: form.measure,
          ...(form.foldColumn && { foldidColumn: form.foldColumn }),
          ...(form.keep && { keep: true }),
          ...(!form.grouped && { grouped: false }),
        }
      : undefined,
    testRows:
      form.testMode !== 'random' && form.testColumn
        ? { column: form.testColumn, value: form.testValue }
        : undefined,
    testSplit:
      form.testMode === 'random'
        ? { fraction: percentOf(form.testPercent) / 100, seed: form.testSeed }
        : undefined,
    maxLevels: form.maxLevels,
    ...(form.stability && {
      stability: {
        pairs: form.stabilityPairs,
        threshold: typedNumber(form.stabilityThreshold),
        seed: form.stabilitySeed,
        ...(form.stabilityLambda !== undefined && { lambda: form.stabilityLambda }),
      },
    }),
  };
}
