/**
 * A λ the user types on the results' λ read-out: the fitted λ nearest to it (on the log scale
 * the path is spaced on), and whether it is one of them, so the slider can move there and the
 * read-out can offer an exact refit at the typed value.
 */
import { parseNumberList } from './settingsForm';

export type TypedLambda =
  | { ok: false; message: string }
  | {
      ok: true;
      value: number;
      /** Index of the nearest fitted λ (0 = the largest). */
      index: number;
      /** The typed value is a fitted λ (to 1e-9 relative). */
      exact: boolean;
      /** Above the largest fitted λ or below the smallest: the path does not reach it. */
      outside: 'above' | 'below' | undefined;
    };

export function typedLambda(text: string, lambdas: readonly number[]): TypedLambda {
  const values = parseNumberList(text);
  const value = values[0];
  if (values.length !== 1 || value === undefined || !(value >= 0) || !Number.isFinite(value))
    return { ok: false, message: 'Type one number ≥ 0, such as 0.01.' };
  let index = 0;
  let best = Number.POSITIVE_INFINITY;
  lambdas.forEach((lambda, k) => {
    // Log distance: the grid is log-spaced. λ = 0 is nearest the smallest fitted λ.
    const gap =
      value > 0 && lambda > 0 ? Math.abs(Math.log(lambda / value)) : Math.abs(lambda - value);
    if (gap < best) {
      best = gap;
      index = k;
    }
  });
  const nearest = lambdas[index]!;
  const exact = Math.abs(nearest - value) <= 1e-9 * Math.max(nearest, value);
  const largest = Math.max(...lambdas);
  const smallest = Math.min(...lambdas);
  const outside = exact
    ? undefined
    : value > largest
      ? 'above'
      : value < smallest
        ? 'below'
        : undefined;
  return { ok: true, value, index, exact, outside };
}
