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

export function errorData(error: unknown): { name: string; message: string; details?: unknown } {
  if (error instanceof Error && EXPECTED.has(error.name)) {
    const details = (error as { details?: unknown }).details;
    return { name: error.name, message: error.message, ...(details !== undefined && { details }) };
  }
  const message = error instanceof Error ? error.message : String(error);
  return { name: 'InternalError', message: `Something went wrong inside Shrinkage: ${message}` };
}
