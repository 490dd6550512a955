/** An input the solver cannot fit, with a message written for the user. */
export class SolverInputError extends Error {
  override readonly name = 'SolverInputError';
}

/** The caller asked the solver to stop (cancellation), not a failure of the fit. */
export class SolverCancelledError extends Error {
  override readonly name = 'SolverCancelledError';
  constructor(message = 'The fit was cancelled.') {
    super(message);
  }
}
