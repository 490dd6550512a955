/**
 * One analysis, start to finish, as a pure function: dataset + settings → design → path.
 * Runs the same in the CLI, in a worker thread and in tests.
 */
import type { Dataset } from '../data/dataset';
import { type PreparedDesign, prepareDesign } from '../data/design';
import { DataError } from '../data/errors';
import { fitPath } from '../solver/path';
import type { PathProgress, PathResult } from '../solver/types';
import type { AnalysisSettings } from './settings';

export interface AnalysisResult {
  prepared: PreparedDesign;
  path: PathResult;
  /** Data and solver warnings together, in the order they arose. */
  warnings: string[];
}

/** Penalty factors per design column from names of columns or of whole features. */
export function resolvePenaltyFactors(
  prepared: PreparedDesign,
  byName: Record<string, number>,
  fileName: string,
): number[] | undefined {
  const names = Object.keys(byName);
  if (names.length === 0) return undefined;
  const factors = prepared.columnNames.map(() => 1);
  for (const name of names) {
    const value = byName[name]!;
    if (!(value >= 0 && Number.isFinite(value))) {
      throw new DataError(`The penalty factor for '${name}' must be a number ≥ 0; got ${value}.`);
    }
    const column = prepared.columnNames.indexOf(name);
    const feature = prepared.features.indexOf(name);
    if (column >= 0) {
      factors[column] = value;
    } else if (feature >= 0) {
      prepared.columnFeature.forEach((f, j) => {
        if (f === feature) factors[j] = value;
      });
    } else {
      throw new DataError(
        `A penalty factor is given for '${name}', which is not a feature of this model.`,
        { file: fileName },
        `Use one of: ${prepared.columnNames.join(', ')}.`,
      );
    }
  }
  return factors;
}

export function pathOptionsFor(settings: AnalysisSettings, penaltyFactor: number[] | undefined) {
  return {
    alpha: settings.alpha,
    standardize: settings.standardize,
    intercept: settings.intercept,
    nlambda: settings.nlambda,
    lambdaMinRatio: settings.lambdaMinRatio,
    lambda: settings.lambda,
    penaltyFactor,
    thresh: settings.thresh,
    maxIter: settings.maxIter,
  };
}

export function analyze(
  dataset: Dataset,
  settings: AnalysisSettings,
  onProgress?: PathProgress,
): AnalysisResult {
  const prepared = prepareDesign(dataset, settings);
  const penaltyFactor = resolvePenaltyFactors(prepared, settings.penaltyFactor, dataset.fileName);
  const path = fitPath(
    prepared.design,
    prepared.y,
    pathOptionsFor(settings, penaltyFactor),
    onProgress,
  );
  const warnings = [
    ...dataset.warnings,
    ...prepared.warnings,
    ...path.diagnostics.warnings.map((warning) => namedColumnsIn(warning, path, prepared)),
  ];
  return { prepared, path, warnings };
}

/** The solver numbers constant columns; users want their names. */
function namedColumnsIn(warning: string, path: PathResult, prepared: PreparedDesign): string {
  const constant = path.diagnostics.constantColumns;
  if (constant.length === 0 || !warning.includes('constant column')) return warning;
  const names = constant.map((j) => `'${prepared.columnNames[j]}'`).join(', ');
  return `Constant feature(s) ${names} cannot be fitted; their coefficients are reported as 0.`;
}
