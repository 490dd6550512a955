/** An input the solver cannot fit, with a message written for the user. */
export class SolverInputError extends Error {
  override readonly name = 'SolverInputError';
  /** Which input was unusable, for callers that reword it (a CV fold names its training rows). */
  constructor(
    message: string,
    readonly reason?: 'constant-target' | undefined,
  ) {
    super(message);
  }
}

/** The caller asked the solver to stop (cancellation), not a failure of the fit. */
export class SolverCancelledError extends Error {
  override readonly name = 'SolverCancelledError';
  constructor(message = 'The fit was cancelled.') {
    super(message);
  }
}
