/**
 * The model form as the user edits it, and its translation to the engine's AnalysisSettings.
 * Defaults are chosen so that one click on Run does the right thing: lasso, standardized,
 * 10-fold CV with a fixed seed, every other column as a feature.
 */

import { describeFamily } from '../../shared/analysis/families';
import { proposeFamily } from '../../shared/analysis/familyProposal';
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
  /** Logistic regression: the target value modelled ('' = the second in sorted order). */
  positiveClass: string;
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
  /** Keep the out-of-fold predictions at every λ (cv.glmnet keep = TRUE), not only at λ_min and λ_1se. */
  keep: boolean;
  /** Compare lasso, elastic net (α = 0.5) and ridge on the same folds. */
  compare: boolean;
}

export const COMPARE_ALPHAS = [1, 0.5, 0];

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

/** What each setting is called for the user, by its AnalysisSettings key. */
const SETTING_LABEL: Partial<Record<keyof AnalysisSettings, string>> = {
  family: 'family',
  target: 'target',
  positiveClass: 'positive class',
  features: 'features',
  weights: 'weights',
  offset: 'offset',
  missing: 'missing values',
  alpha: 'penalty',
  alphas: 'comparison',
  standardize: 'standardize',
  intercept: 'intercept',
  nlambda: 'number of λ values',
  lambdaMinRatio: 'λ-min ratio',
  cv: 'cross-validation',
  testRows: 'test rows',
};

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
    measure: describeFamily(family).measures[0].id,
    keep: false,
    compare: false,
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
    keep: settings.cv?.keep === true,
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
    positiveClass: form.positiveClass || null,
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
      form.folds >= 2
        ? {
            nfolds: form.folds,
            seed: form.seed,
            measure: form.measure,
            ...(form.keep && { keep: true }),
          }
        : undefined,
    testRows: form.testColumn ? { column: form.testColumn, value: form.testValue } : undefined,
  };
}
