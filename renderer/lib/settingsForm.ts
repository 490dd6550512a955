/**
 * The model form as the user edits it, and its translation to the engine's AnalysisSettings.
 * Defaults are chosen so that one click on Run does the right thing: lasso, standardized,
 * 10-fold CV with a fixed seed, every other column as a feature.
 */

import { describeFamily } from '../../shared/analysis/families';
import {
  describeSettingsProblems,
  MAX_LAMBDAS,
  settingsProblems,
} from '../../shared/analysis/schema';
import type { AnalysisSettings } from '../../shared/analysis/settings';
import {
  DEFAULT_CV,
  DEFAULT_SETTINGS,
  PENALTY_ALPHA,
  type PenaltyName,
  penaltyName,
} from '../../shared/analysis/settings';
import type { DatasetInfo } from '../../shared/ipc/contract';
import type { CvMeasure } from '../../shared/solver/cv';
import type { FamilyName } from '../../shared/solver/family';

export interface ModelForm {
  /** The response family; its descriptor lists the measures the form offers. */
  family: FamilyName;
  target: string;
  features: string[];
  /** Column of observation weights, and column added to the linear predictor ('' = none). */
  weights: string;
  offset: string;
  missing: 'drop' | 'impute';
  /** Hold out rows where testColumn = testValue ('' = no test set). */
  testColumn: string;
  testValue: string;
  penalty: PenaltyName;
  /** L1 ratio for elastic net. */
  alpha: number;
  standardize: boolean;
  intercept: boolean;
  nlambda: number;
  /** '' = automatic (1e-4 when n ≥ p, else 1e-2). */
  lambdaMinRatio: string;
  /** 0 = no cross-validation. */
  folds: number;
  seed: number;
  measure: CvMeasure;
  /** Compare lasso, elastic net (α = 0.5) and ridge on the same folds. */
  compare: boolean;
}

export const COMPARE_ALPHAS = [1, 0.5, 0];

/** Numeric columns make sensible targets; prefer one named like an outcome, else the last. */
export function suggestTarget(dataset: DatasetInfo): string {
  const numeric = dataset.summary.columns
    .filter((c) => c.kind === 'numeric' && !c.problem)
    .map((c) => c.name);
  const named = numeric.find((name) => /^(y|target|outcome|response|label)$/i.test(name));
  return named ?? numeric.at(-1) ?? '';
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
export function levelProblem(column: ColumnInfo, rowCount: number): string | undefined {
  if (column.kind !== 'categorical') return undefined;
  const levels = column.levelCount ?? 0;
  const limit = DEFAULT_SETTINGS.maxLevels;
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

/** Columns that can hold weights or an offset: usable numeric columns other than the target. */
export function numericColumns(dataset: DatasetInfo, target: string): string[] {
  return dataset.summary.columns
    .filter((c) => c.kind === 'numeric' && !c.problem && c.name !== target)
    .map((c) => c.name);
}

function isSplitColumn(name: string, kind: string): boolean {
  return kind === 'boolean' && /^(train|test|split|is_?train|holdout)$/i.test(name);
}

export function defaultForm(dataset: DatasetInfo): ModelForm {
  const target = suggestTarget(dataset);
  return {
    family: DEFAULT_SETTINGS.family,
    target,
    features: suggestFeatures(dataset, target),
    weights: '',
    offset: '',
    missing: DEFAULT_SETTINGS.missing,
    testColumn: '',
    testValue: '',
    penalty: penaltyName(DEFAULT_SETTINGS.alpha),
    // What the α field shows when elastic net is chosen.
    alpha: PENALTY_ALPHA['elastic-net'],
    standardize: DEFAULT_SETTINGS.standardize,
    intercept: DEFAULT_SETTINGS.intercept,
    nlambda: DEFAULT_SETTINGS.nlambda,
    lambdaMinRatio: '',
    // The app cross-validates by default (the CLI only when asked).
    folds: DEFAULT_CV.nfolds,
    seed: DEFAULT_CV.seed,
    measure: DEFAULT_CV.measure,
    compare: false,
  };
}

/**
 * The form with another family: its measure kept when the new family offers it, else the new
 * family's default.
 */
export function withFamily(form: ModelForm, family: FamilyName): ModelForm {
  const { measures } = describeFamily(family);
  const measure = measures.some((m) => m.id === form.measure) ? form.measure : measures[0].id;
  return { ...form, family, measure };
}

/** Why the form cannot run yet, or undefined when it can. */
export function formProblem(form: ModelForm, dataset: DatasetInfo): string | undefined {
  if (!form.target) return 'Choose a target column to predict.';
  if (form.weights && form.weights === form.target)
    return 'The target cannot also be the observation weights: choose another weight column.';
  if (form.offset && form.offset === form.target)
    return 'The target cannot also be the offset: choose another offset column.';
  if (toSettings(form).features?.length === 0) return 'Choose at least one feature.';
  if (form.testColumn && !form.testValue)
    return 'Choose which value of the test column marks the test rows.';
  const ratio = form.lambdaMinRatio.trim();
  if (ratio !== '' && !(Number(ratio) > 0 && Number(ratio) < 1))
    return 'The λ-min ratio must be a number between 0 and 1.';
  if (!(Number.isInteger(form.nlambda) && form.nlambda >= 1 && form.nlambda <= MAX_LAMBDAS))
    return `The number of λ values must be a whole number from 1 to ${MAX_LAMBDAS}.`;
  if (
    form.folds !== 0 &&
    !(Number.isInteger(form.folds) && form.folds >= 2 && form.folds <= dataset.summary.rowCount)
  ) {
    return `Folds must be 0 (no cross-validation) or a whole number from 2 to ${dataset.summary.rowCount}.`;
  }
  if (form.compare && form.folds === 0)
    return 'Comparing models needs cross-validation: set Folds to 2 or more.';
  // Anything else the engine would refuse, in the same words (one schema for every entry point).
  const problems = settingsProblems(toSettings(form));
  if (problems.length > 0) return `The settings cannot run: ${describeSettingsProblems(problems)}.`;
  return undefined;
}

/** The form that produces these settings (used to restore a project or a session). */
export function fromSettings(settings: AnalysisSettings, dataset: DatasetInfo): ModelForm {
  const penalty = penaltyName(settings.alpha);
  return {
    ...defaultForm(dataset),
    family: settings.family,
    target: settings.target,
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
    testColumn: settings.testRows?.column ?? '',
    testValue: settings.testRows?.value ?? '',
    penalty,
    alpha: penalty === 'elastic-net' ? settings.alpha : PENALTY_ALPHA['elastic-net'],
    standardize: settings.standardize,
    intercept: settings.intercept,
    nlambda: settings.nlambda,
    lambdaMinRatio: settings.lambdaMinRatio === undefined ? '' : String(settings.lambdaMinRatio),
    folds: settings.cv?.nfolds ?? 0,
    seed: settings.cv?.seed ?? DEFAULT_CV.seed,
    measure: settings.cv?.measure ?? describeFamily(settings.family).measures[0].id,
    compare: (settings.alphas?.length ?? 0) > 1,
  };
}

export function toSettings(form: ModelForm): AnalysisSettings {
  const alpha = form.penalty === 'elastic-net' ? form.alpha : PENALTY_ALPHA[form.penalty];
  const ratio = form.lambdaMinRatio.trim();
  return {
    ...DEFAULT_SETTINGS,
    family: form.family,
    target: form.target,
    // The weight and offset columns are never features (as the target is not).
    features: form.features.filter((f) => f !== form.weights && f !== form.offset),
    weights: form.weights || undefined,
    offset: form.offset || undefined,
    missing: form.missing,
    alpha,
    alphas: form.compare ? COMPARE_ALPHAS : undefined,
    standardize: form.standardize,
    intercept: form.intercept,
    nlambda: form.nlambda,
    lambdaMinRatio: ratio === '' ? undefined : Number(ratio),
    cv:
      form.folds >= 2 ? { nfolds: form.folds, seed: form.seed, measure: form.measure } : undefined,
    testRows: form.testColumn ? { column: form.testColumn, value: form.testValue } : undefined,
  };
}
