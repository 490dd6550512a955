export { SolverCancelledError, SolverInputError } from './errors';
export { defaultLambdaMinRatio } from './grid';
export { fitPath, resolvePathOptions } from './path';
export * from './types';
