/**
 * What both path drivers (path.ts for gaussian, irls.ts for binomial and Poisson) say about
 * their input in the same words: constant columns, and an explicit λ sequence not in
 * decreasing order.
 */
import { listWithAnd, nounFor, plural } from '../plural';
import { type Warning, warning } from '../warning';

/**
 * glmnet's `exclude`, which an infinite penalty factor means: the column keeps coefficient 0
 * and takes no part in the fit. Marks such columns unusable; returns the constant ones (the
 * columns unusable before), with a warning when there are any.
 */
export function usableColumns(
  usable: Uint8Array,
  penaltyFactor: readonly number[] | undefined,
  warnings: Warning[],
): number[] {
  const constantColumns = constantColumnsOf(usable, warnings);
  if (penaltyFactor)
    for (let j = 0; j < usable.length; j++) if (penaltyFactor[j] === Infinity) usable[j] = 0;
  return constantColumns;
}

/** The indices of the columns the solver cannot use, with a warning when there are any. */
function constantColumnsOf(usable: Uint8Array, warnings: Warning[]): number[] {
  const constantColumns: number[] = [];
  for (let j = 0; j < usable.length; j++) if (!usable[j]) constantColumns.push(j);
  if (constantColumns.length > 0) {
    warnings.push(
      warning(
        'constant-column',
        `${plural(constantColumns.length, 'constant column')} cannot be fitted and keep coefficient 0 (${nounFor(constantColumns.length, 'column')} ${listWithAnd(constantColumns.map((j) => j + 1))}).`,
      ),
    );
  }
  return constantColumns;
}

/** An explicit λ sequence in decreasing order, as it is solved; warns when it had to be sorted. */
export function decreasingLambdas(requested: readonly number[], warnings: Warning[]): number[] {
  const sorted = [...requested].sort((a, b) => b - a);
  if (sorted.some((value, k) => value !== requested[k])) {
    warnings.push(warning('lambda-sorted', 'The λ sequence was sorted into decreasing order.'));
  }
  return sorted;
}
