/** The solver's public surface: paths, the family registry, design-matrix helpers, errors. */
export { allRows, predictRows, selectRows, selectValues } from './design';
export { SolverCancelledError, SolverInputError } from './errors';
export { FAMILIES, familyByName } from './families';
export type { CvMeasure, Family, FamilyName } from './family';
export { defaultLambdaMinRatio } from './grid';
export { checkWeightsAndOffset, fitPath, fitPathOnRows, resolvePathOptions } from './path';
export * from './types';
