/**
 * A fitted model at one λ, as JSON, and scoring new data with it. The model records each
 * feature's kind and levels, so new data is coded exactly as the training data was; what
 * cannot be matched (a missing column, an unseen level, a missing cell) is reported, never
 * silently guessed.
 *
 *   prediction = g⁻¹(intercept + Σ_j coefficients[j]·x_j + offset)
 *   (x on the original scale, coded as in the fit: a level column is 1 where the row has that
 *   level, a two-level feature's single column 0 for its reference level; offset the row's
 *   value in the model's offset column, when it was fitted with one, as glmnet's predict with
 *   newoffset; g⁻¹ the family's inverse link (the identity for linear regression):
 *   predictions are on the response scale)
 *
 * Observation weights shape the fit only; they play no part in a prediction.
 */

import { cellText, type Dataset, findColumn, isMissing } from '../data/dataset';
import type { DesignColumn, TargetClasses } from '../data/design';
import { DataError } from '../data/errors';
import { COLUMN_TYPES, type ColumnType } from '../data/readOptions';
import { nounFor, plural } from '../plural';
import type { FamilyName } from '../solver/family';
import { APP_NAME, APP_VERSION } from '../version';
import { type Warning, warning } from '../warning';
import { DEFAULT_FAMILY, describeFamily, FAMILY_NAMES, isFamilyName } from './families';
import type { AnalysisResult } from './result';

export interface ModelFeature {
  name: string;
  kind: 'numeric' | 'categorical';
}

/**
 * Version 1 listed each feature's levels and only the names of the design columns; version 2
 * had no offset; version 3 had no reference levels (a two-level feature coded as one 0/1
 * column records the level coded 0 on that column). Version 4 has them, so an older Shrinkage
 * refuses such a file rather than score its reference level as a level it never saw.
 */
const FORMAT_VERSION = 4;

export interface FittedModel {
  format: 'shrinkage-model';
  formatVersion: typeof FORMAT_VERSION;
  app: { name: string; version: string };
  createdAt: string;
  /**
   * columnTypes: the types the user chose for features when reading (readOptions.ts), so a
   * file scored is read as the fitted one was; absent: none (and in older files).
   */
  data: { file: string; sha256: string; columnTypes?: Record<string, ColumnType> };
  target: string;
  /** The response family, whose inverse link makes the predictions; absent in older files: DEFAULT_FAMILY. */
  family: FamilyName;
  /**
   * A two-class target's values (predictions are P(target = positive)); null for other
   * families, absent in older files.
   */
  classes?: TargetClasses | null;
  features: ModelFeature[];
  /** The column added to every prediction (the fit's offset), or null; absent in older files. */
  offset?: string | null;
  /** What each coefficient multiplies: a numeric feature, or 1 when a feature has a level. */
  columns: DesignColumn[];
  lambda: number;
  /** The path index of `lambda`, or of the fitted λ nearest it when it was interpolated. */
  lambdaIndex: number;
  intercept: number;
  coefficients: number[];
  standardization: AnalysisResult['standardization'];
  /** Per column, the value that replaces a missing cell (when the fit imputed), else null. */
  imputation: number[] | null;
  settings: AnalysisResult['settings'];
}

/** The result's design column records; results saved before they were recorded cannot be used. */
export function designColumnsOf(
  result: Pick<AnalysisResult, 'designColumns' | 'data'>,
): DesignColumn[] {
  if (result.designColumns) return result.designColumns;
  throw new DataError(
    'This result was saved by an older version of Shrinkage that did not record what each design column is.',
    { file: result.data.file },
    'Run the fit again to export a model or report from it.',
  );
}

/** The chosen column types of the model's features (other columns need not be in a scored file). */
function featureTypes(result: AnalysisResult): { columnTypes?: Record<string, ColumnType> } {
  const chosen = Object.entries(result.data.columnTypes ?? {}).filter(([name]) =>
    result.settings.features.includes(name),
  );
  return chosen.length > 0 ? { columnTypes: Object.fromEntries(chosen) } : {};
}

/**
 * Coefficients at a λ that is not on the path: predict.glmnet's interpolation between the
 * fitted λ that bracket it (`between`, null beyond the path's ends).
 */
export interface SelectedPoint {
  lambda: number;
  a0: number;
  beta: number[];
  between: [number, number] | null;
}

/** The model at path index `index`, or at `point` (an interpolated λ; index is the nearest). */
export function buildModel(
  result: AnalysisResult,
  index: number,
  imputation?: number[] | undefined,
  point?: SelectedPoint | undefined,
): FittedModel {
  const columns = designColumnsOf(result);
  const features: ModelFeature[] = result.settings.features.map((name) => ({
    name,
    kind: columns.some((c) => c.feature === name && c.kind === 'level') ? 'categorical' : 'numeric',
  }));
  return {
    format: 'shrinkage-model',
    formatVersion: FORMAT_VERSION,
    app: { name: APP_NAME, version: APP_VERSION },
    createdAt: new Date().toISOString(),
    data: {
      file: result.data.file,
      sha256: result.data.sha256,
      ...featureTypes(result),
    },
    target: result.settings.target,
    family: result.settings.family ?? DEFAULT_FAMILY,
    classes: result.classes ?? null,
    features,
    offset: result.settings.offset ?? null,
    columns,
    lambda: point ? point.lambda : result.path.lambda[index]!,
    lambdaIndex: index,
    intercept: point ? point.a0 : result.path.a0[index]!,
    coefficients: point ? point.beta : result.path.beta[index]!,
    standardization: result.standardization,
    imputation: imputation ?? null,
    settings: result.settings,
  };
}

interface ModelV1Feature extends ModelFeature {
  levels?: string[];
}

/**
 * A version-1 model's columns, from its features' recorded kinds and levels (one column per
 * numeric feature, one per level, in order). Undefined when they do not add up to its column
 * names: such a file was written with two columns of the same name and cannot be trusted.
 */
function v1Columns(features: ModelV1Feature[], names: unknown[]): DesignColumn[] | undefined {
  const columns: DesignColumn[] = [];
  for (const feature of features) {
    if (feature.kind === 'numeric')
      columns.push({ name: String(names[columns.length]), feature: feature.name, kind: 'numeric' });
    else
      for (const level of feature.levels ?? [])
        columns.push({
          name: String(names[columns.length]),
          feature: feature.name,
          kind: 'level',
          level,
        });
  }
  const distinct = new Set(names).size === names.length;
  return columns.length === names.length && distinct ? columns : undefined;
}

export function parseModel(json: unknown, fileName: string): FittedModel {
  const raw = json as
    | (Omit<Partial<FittedModel>, 'formatVersion' | 'columns'> & {
        formatVersion?: unknown;
        columns?: unknown;
      })
    | null;
  const damaged = () =>
    new DataError(
      'This is not a Shrinkage model file, or it is damaged.',
      { file: fileName },
      'Use the JSON written by `fit --model`.',
    );
  if (
    raw?.format !== 'shrinkage-model' ||
    !Array.isArray(raw.features) ||
    !Array.isArray(raw.columns)
  )
    throw damaged();
  let columns: DesignColumn[] | undefined;
  if (raw.formatVersion === 1) {
    columns = v1Columns(raw.features as ModelV1Feature[], raw.columns);
    if (!columns) {
      throw new DataError(
        'This model was written by an older version of Shrinkage from data where two design columns had the same name, so its coefficients cannot be matched to columns.',
        { file: fileName },
        'Fit the model again with this version and save it anew.',
      );
    }
  } else if (
    raw.formatVersion === FORMAT_VERSION ||
    raw.formatVersion === 3 ||
    raw.formatVersion === 2
  ) {
    columns = raw.columns as DesignColumn[];
  } else {
    throw new DataError(
      `This model file has format version ${String(raw.formatVersion)}, which this version of Shrinkage does not know.`,
      { file: fileName },
      'Update Shrinkage, or fit the model again with this version.',
    );
  }
  const featureNames = new Set(raw.features.map((f) => f?.name));
  const valid =
    (raw.offset === undefined || raw.offset === null || typeof raw.offset === 'string') &&
    (raw.classes === undefined ||
      raw.classes === null ||
      (typeof raw.classes?.negative === 'string' && typeof raw.classes.positive === 'string')) &&
    Array.isArray(raw.coefficients) &&
    raw.coefficients.length === columns.length &&
    raw.coefficients.every(Number.isFinite) &&
    Number.isFinite(raw.intercept) &&
    (raw.data?.columnTypes === undefined ||
      Object.entries(raw.data.columnTypes).every(
        ([name, type]) =>
          featureNames.has(name) && (COLUMN_TYPES as readonly string[]).includes(type),
      )) &&
    columns.every(
      (c) =>
        typeof c?.name === 'string' &&
        featureNames.has(c.feature) &&
        (c.kind === 'numeric' ||
          (c.kind === 'level' &&
            typeof c.level === 'string' &&
            (c.reference === undefined || typeof c.reference === 'string'))),
    );
  if (!valid) throw damaged();
  const family = raw.family ?? DEFAULT_FAMILY;
  if (!isFamilyName(family)) {
    throw new DataError(
      `This model was fitted with the family '${String(family)}', which this version of Shrinkage does not know (it knows ${FAMILY_NAMES.join(', ')}).`,
      { file: fileName },
      'Update Shrinkage, or fit the model again with this version.',
    );
  }
  if (describeFamily(family).targetKind === 'binary' && !raw.classes) throw damaged();
  const features = raw.features.map(({ name, kind }) => ({ name, kind }));
  return { ...(raw as FittedModel), formatVersion: FORMAT_VERSION, family, features, columns };
}

export interface Scores {
  /** One per dataset row; NaN where the row could not be scored. */
  predictions: Float64Array;
  unscored: number;
  warnings: Warning[];
}

export function scoreDataset(model: FittedModel, dataset: Dataset): Scores {
  const file = dataset.fileName;
  const offsetName = model.offset ?? undefined;
  const missingColumns = [
    ...model.features.map((f) => f.name),
    ...(offsetName ? [offsetName] : []),
  ].filter((name) => !findColumn(dataset, name));
  if (missingColumns.length > 0) {
    throw new DataError(
      `The model needs ${nounFor(missingColumns.length, 'column')} ${missingColumns.map((c) => `'${c}'`).join(', ')}, which this file does not have.`,
      { file },
      offsetName && missingColumns.includes(offsetName)
        ? `The model was fitted with the offset '${offsetName}', which every prediction adds: give the file that column (0 where there is no offset).`
        : 'Score a file with the same columns as the data the model was fitted on.',
    );
  }
  const n = dataset.rowCount;
  const predictions = new Float64Array(n).fill(model.intercept);
  const unscorable = new Uint8Array(n);
  const warnings: Warning[] = [];
  const used = new Set([...model.features.map((f) => f.name), ...(offsetName ? [offsetName] : [])]);
  const extra = dataset.columns
    .filter((c) => !used.has(c.name) && c.name !== model.target)
    .map((c) => c.name);
  if (extra.length > 0)
    warnings.push(
      warning(
        'unused-columns',
        `${plural(extra.length, 'column')} ${extra.length === 1 ? 'is' : 'are'} not used by the model: ${extra.slice(0, 10).join(', ')}${extra.length > 10 ? ', …' : ''}.`,
        extra,
      ),
    );
  for (const feature of model.features) {
    const data = findColumn(dataset, feature.name)!;
    const columns = model.columns.flatMap((c, j) => (c.feature === feature.name ? [j] : []));
    if (feature.kind === 'numeric') {
      if (data.kind !== 'numeric' || data.problem) {
        throw new DataError(
          `The model uses '${feature.name}' as a number, but in this file it ${data.problem ? `has a problem: ${data.problem.message}` : 'holds text'}.`,
          { file, column: feature.name },
          data.problem?.fix ?? 'Correct the column so every cell is a number or empty.',
        );
      }
      for (const j of columns) {
        const b = model.coefficients[j]!;
        const fill = model.imputation?.[j];
        for (let i = 0; i < n; i++) {
          const v = data.values[i]!;
          if (Number.isNaN(v)) {
            // A missing cell of a column with coefficient 0 changes nothing (as in glmnet).
            if (b === 0) continue;
            if (fill === undefined) unscorable[i] = 1;
            else predictions[i]! += b * fill;
          } else {
            predictions[i]! += b * v;
          }
        }
      }
      continue;
    }
    // Each known level: its column, or none (-1) for a reference level, which adds nothing.
    const index = new Map<string, number>();
    let reference: string | undefined;
    for (const j of columns) {
      const c = model.columns[j]!;
      if (c.kind !== 'level') continue;
      index.set(c.level, j);
      if (c.reference !== undefined) {
        reference = c.reference;
        index.set(c.reference, -1);
      }
    }
    let unseen = 0;
    const inModel = columns.some((j) => model.coefficients[j] !== 0);
    for (let i = 0; i < n; i++) {
      if (isMissing(data, i)) {
        // A feature whose every level has coefficient 0 needs no value.
        if (!inModel) continue;
        if (!model.imputation) {
          unscorable[i] = 1;
          continue;
        }
        for (const j of columns) predictions[i]! += model.coefficients[j]! * model.imputation[j]!;
        continue;
      }
      const j = index.get(cellText(data, i));
      if (j === undefined) unseen++;
      else if (j >= 0) predictions[i]! += model.coefficients[j]!;
    }
    if (unseen > 0)
      warnings.push(
        warning(
          'unseen-level',
          `${plural(unseen, 'row')} ${unseen === 1 ? 'has' : 'have'} a level of '${feature.name}' the model never saw; ${
            reference === undefined
              ? 'they are scored as none of its levels'
              : `its column is 0 for them, so they are scored as its reference level '${reference}'`
          }.`,
          [feature.name],
        ),
      );
  }
  if (offsetName) {
    const data = findColumn(dataset, offsetName)!;
    if (data.kind !== 'numeric' || data.problem) {
      throw new DataError(
        `The model adds the offset '${offsetName}' to its predictions, but in this file the column ${data.problem ? `has a problem: ${data.problem.message}` : 'holds text'}.`,
        { file, column: offsetName },
        data.problem?.fix ?? 'Correct the column so every cell is a number or empty.',
      );
    }
    // A missing offset is never filled in (the fit dropped such rows): the row is not scored.
    for (let i = 0; i < n; i++) {
      const v = data.values[i]!;
      if (Number.isNaN(v)) unscorable[i] = 1;
      else predictions[i]! += v;
    }
  }
  // From the linear predictor to the response scale (glmnet's predict, type = "response").
  const { inverseLink } = describeFamily(model.family).solver;
  let unscored = 0;
  for (let i = 0; i < n; i++) {
    if (unscorable[i]) {
      predictions[i] = Number.NaN;
      unscored++;
    } else {
      predictions[i] = inverseLink(predictions[i]!);
    }
  }
  if (unscored > 0)
    warnings.push(
      warning(
        'rows-not-scored',
        `${plural(unscored, 'row')} ${unscored === 1 ? 'has' : 'have'} missing ${offsetName ? 'feature or offset' : 'feature'} values and were not scored (their prediction is left empty).`,
      ),
    );
  return { predictions, unscored, warnings };
}
