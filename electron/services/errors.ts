import { DataError } from '../../shared/data/errors';
import type { Remedy } from '../../shared/data/readOptions';

/** Errors the services raise for the API; each crosses the boundary as { name, message, details }. */
export class NotFoundError extends Error {
  override readonly name = 'NotFoundError';
}

export class JobStateError extends Error {
  override readonly name = 'JobStateError';
}

export class ValidationError extends Error {
  override readonly name = 'ValidationError';
  constructor(
    message: string,
    readonly details: unknown,
  ) {
    super(message);
  }
}

/** Names the renderer may see as is; anything else is reported as an internal error. */
const EXPECTED = new Set([
  'NotFoundError',
  'JobStateError',
  'ValidationError',
  'DataError',
  'SolverInputError',
  'SolverCancelledError',
  'UnsupportedError',
]);

export class UnsupportedError extends Error {
  override readonly name = 'UnsupportedError';
}

/** An error as it crosses the boundary: its kind, its words and, for a data problem, its one-click fix. */
export interface ErrorData {
  name: string;
  message: string;
  details?: unknown;
  remedy?: Remedy;
}

export function errorData(error: unknown): ErrorData {
  if (error instanceof Error && EXPECTED.has(error.name)) {
    const details = (error as { details?: unknown }).details;
    const remedy = error instanceof DataError ? error.remedy : undefined;
    return {
      name: error.name,
      message: error.message,
      ...(details !== undefined && { details }),
      ...(remedy !== undefined && { remedy }),
    };
  }
  const message = error instanceof Error ? error.message : String(error);
  return { name: 'InternalError', message: `Something went wrong inside Shrinkage: ${message}` };
}
