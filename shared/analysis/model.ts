/**
 * A fitted model at one λ, as JSON, and scoring new data with it. The model records each
 * feature's kind and levels, so new data is coded exactly as the training data was; what
 * cannot be matched (a missing column, an unseen level, a missing cell) is reported, never
 * silently guessed.
 *
 *   prediction = intercept + Σ_j coefficients[j]·x_j   (x on the original scale, one-hot coded)
 */
import { cellText, type Dataset, findColumn, isMissing } from '../data/dataset';
import { DataError } from '../data/errors';
import type { ResultLike } from '../ipc/contract';
import { APP_NAME, APP_VERSION } from '../version';

export interface ModelFeature {
  name: string;
  kind: 'numeric' | 'categorical';
  /** For categorical features: the levels that have a column, in column order. */
  levels?: string[];
}

export interface FittedModel {
  format: 'shrinkage-model';
  formatVersion: 1;
  app: { name: string; version: string };
  createdAt: string;
  data: { file: string; sha256: string };
  target: string;
  features: ModelFeature[];
  columns: string[];
  lambda: number;
  lambdaIndex: number;
  intercept: number;
  coefficients: number[];
  standardization: ResultLike['standardization'];
  /** Per column, the value that replaces a missing cell (when the fit imputed), else null. */
  imputation: number[] | null;
  settings: ResultLike['settings'];
}

export function buildModel(
  result: ResultLike,
  index: number,
  imputation?: number[] | undefined,
): FittedModel {
  const features: ModelFeature[] = result.settings.features.map((name) => {
    if (result.columns.includes(name)) return { name, kind: 'numeric' };
    const prefix = `${name}=`;
    return {
      name,
      kind: 'categorical',
      levels: result.columns.filter((c) => c.startsWith(prefix)).map((c) => c.slice(prefix.length)),
    };
  });
  return {
    format: 'shrinkage-model',
    formatVersion: 1,
    app: { name: APP_NAME, version: APP_VERSION },
    createdAt: new Date().toISOString(),
    data: { file: result.data.file, sha256: result.data.sha256 },
    target: result.settings.target,
    features,
    columns: result.columns,
    lambda: result.path.lambda[index]!,
    lambdaIndex: index,
    intercept: result.path.a0[index]!,
    coefficients: result.path.beta[index]!,
    standardization: result.standardization,
    imputation: imputation ?? null,
    settings: result.settings,
  };
}

export function parseModel(json: unknown, fileName: string): FittedModel {
  const model = json as Partial<FittedModel> | null;
  const valid =
    model?.format === 'shrinkage-model' &&
    model.formatVersion === 1 &&
    Array.isArray(model.features) &&
    Array.isArray(model.columns) &&
    Array.isArray(model.coefficients) &&
    model.coefficients.length === model.columns.length &&
    model.coefficients.every(Number.isFinite) &&
    Number.isFinite(model.intercept);
  if (!valid) {
    throw new DataError(
      'This is not a Shrinkage model file, or it is damaged.',
      { file: fileName },
      'Use the JSON written by `fit --model`.',
    );
  }
  return model as FittedModel;
}

export interface Scores {
  /** One per dataset row; NaN where the row could not be scored. */
  predictions: Float64Array;
  unscored: number;
  warnings: string[];
}

export function scoreDataset(model: FittedModel, dataset: Dataset): Scores {
  const file = dataset.fileName;
  const missingColumns = model.features
    .filter((f) => !findColumn(dataset, f.name))
    .map((f) => f.name);
  if (missingColumns.length > 0) {
    throw new DataError(
      `The model needs column(s) ${missingColumns.map((c) => `'${c}'`).join(', ')}, which this file does not have.`,
      { file },
      'Score a file with the same columns as the data the model was fitted on.',
    );
  }
  const n = dataset.rowCount;
  const predictions = new Float64Array(n).fill(model.intercept);
  const unscorable = new Uint8Array(n);
  const warnings: string[] = [];
  const used = new Set(model.features.map((f) => f.name));
  const extra = dataset.columns
    .filter((c) => !used.has(c.name) && c.name !== model.target)
    .map((c) => c.name);
  if (extra.length > 0)
    warnings.push(
      `${extra.length} column(s) are not used by the model: ${extra.slice(0, 10).join(', ')}${extra.length > 10 ? ', …' : ''}.`,
    );
  let column = 0;
  for (const feature of model.features) {
    const data = findColumn(dataset, feature.name)!;
    if (feature.kind === 'numeric') {
      if (data.kind !== 'numeric' || data.problem) {
        throw new DataError(
          `The model uses '${feature.name}' as a number, but in this file it ${data.problem ? `has a problem: ${data.problem.message}` : 'holds text'}.`,
          { file, column: feature.name },
          data.problem?.fix ?? 'Correct the column so every cell is a number or empty.',
        );
      }
      const b = model.coefficients[column]!;
      const fill = model.imputation?.[column];
      for (let i = 0; i < n; i++) {
        const v = data.values[i]!;
        if (Number.isNaN(v)) {
          if (fill === undefined) unscorable[i] = 1;
          else predictions[i]! += b * fill;
        } else {
          predictions[i]! += b * v;
        }
      }
      column++;
      continue;
    }
    const levels = feature.levels ?? [];
    const index = new Map(levels.map((level, k) => [level, k]));
    let unseen = 0;
    for (let i = 0; i < n; i++) {
      if (isMissing(data, i)) {
        if (!model.imputation) {
          unscorable[i] = 1;
          continue;
        }
        for (let k = 0; k < levels.length; k++)
          predictions[i]! += model.coefficients[column + k]! * model.imputation[column + k]!;
        continue;
      }
      const k = index.get(cellText(data, i));
      if (k === undefined) unseen++;
      else predictions[i]! += model.coefficients[column + k]!;
    }
    if (unseen > 0)
      warnings.push(
        `${unseen} row(s) have a level of '${feature.name}' the model never saw; they are scored as none of its levels.`,
      );
    column += levels.length;
  }
  let unscored = 0;
  for (let i = 0; i < n; i++) {
    if (unscorable[i]) {
      predictions[i] = Number.NaN;
      unscored++;
    }
  }
  if (unscored > 0)
    warnings.push(
      `${unscored} row(s) have missing feature values and were not scored (their prediction is left empty).`,
    );
  return { predictions, unscored, warnings };
}
