/** What the charts of the predictions at the selected λ share: the rows they show. */
import type { Predictions } from '../../shared/ipc/contract';

export const rowsOf = (predictions: Predictions) =>
  predictions.set === 'test'
    ? 'test rows'
    : predictions.set === 'outOfFold'
      ? 'training rows, out of fold'
      : 'training rows';

/** "showing 2000 of 10 000 rows" when the predictions are a sample. */
export function SampleNote({ predictions }: { predictions: Predictions }) {
  return predictions.total > predictions.actual.length ? (
    <span className="hint">
      showing {predictions.actual.length} of {predictions.total} rows
    </span>
  ) : null;
}
