/**
 * glmnet's maxit: a cap on the coordinate passes over the whole path (every pass over the
 * strong or active set, at every λ, counted as glmnet's nlp). When a pass that has not converged
 * takes the count past the cap, glmnet stops and returns the λ values solved before that one,
 * with a warning; so does this budget. Optionally also a cap per λ (Shrinkage's own option):
 * a λ that reaches it keeps its approximate solution, with a warning, and the path goes on.
 */
import { plural } from '../plural';
import { type Warning, warning } from '../warning';
import { SolverInputError } from './errors';

export class PassBudget {
  /** Passes made so far over the path (glmnet's nlp). */
  used = 0;

  constructor(
    readonly total: number,
    readonly perLambda?: number | undefined,
  ) {}

  /**
   * The passes the next λ may make before it stops unconverged: a solve that reaches this many
   * without converging has either run out of the whole path's budget or hit the per-λ cap.
   */
  capForNextLambda(): number {
    const left = this.total - this.used + 1;
    return Math.max(1, Math.min(left, this.perLambda ?? Number.POSITIVE_INFINITY));
  }

  /** glmnet's check at each Newton step of a GLM fit: the path's passes already past the cap. */
  exhaustedAfter(passesAtThisLambda: number): boolean {
    return this.used + passesAtThisLambda > this.total;
  }

  /** Count a λ's passes; 'exhausted' when it did not converge and the path's cap ran out. */
  spend(passes: number, converged: boolean): 'converged' | 'per-lambda-cap' | 'exhausted' {
    this.used += passes;
    if (converged) return 'converged';
    return this.used > this.total ? 'exhausted' : 'per-lambda-cap';
  }
}

/**
 * The warning for a path the budget ended before its `index`th value (0-based), at `lambda` on
 * the original scale; an error when not even the first value was solved.
 */
export function budgetRanOut(
  index: number,
  lambda: number,
  budget: PassBudget,
  warnings: Warning[],
): void {
  const cap = `${plural(budget.total, 'coordinate pass', 'coordinate passes')} over the whole path (glmnet's maxit)`;
  if (index === 0) {
    throw new SolverInputError(
      `The fit did not converge at its first λ within ${cap}. Raise the iteration cap (--max-iter) or loosen the convergence threshold.`,
    );
  }
  warnings.push(
    warning(
      'max-iter-reached',
      `The path stops after ${plural(index, 'λ value')}: the fit at the next one (λ = ${lambda.toPrecision(6)}) had not converged when the ${cap} ran out, so, as glmnet, the path holds the values solved before it. Raise the iteration cap (--max-iter) or loosen the convergence threshold to fit the rest.`,
    ),
  );
}
