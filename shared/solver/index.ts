export { SolverCancelledError, SolverInputError } from './errors';
export { defaultLambdaMinRatio } from './grid';
export { fitPath, fitPathOnRows, resolvePathOptions } from './path';
export * from './types';
