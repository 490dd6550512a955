/** The prediction plots' choice of rows: the fit's own (in-sample or test) or out of fold. */
import type { PredictionRows } from '../../../shared/analysis/predictions';

interface Props {
  value: PredictionRows;
  onChange: (rows: PredictionRows) => void;
  /** Test rows are held out: the fit's own predictions are of them, not in-sample. */
  heldOut: boolean;
}

export function PredictionRowsToggle({ value, onChange, heldOut }: Props) {
  return (
    <fieldset className="segmented" aria-label="Prediction rows">
      <button
        type="button"
        aria-pressed={value === 'fitted'}
        title={
          heldOut
            ? 'The held-out test rows, predicted by the model'
            : 'The training rows, predicted by the model fitted on them (optimistic)'
        }
        onClick={() => onChange('fitted')}
      >
        {heldOut ? 'Test rows' : 'In-sample'}
      </button>
      <button
        type="button"
        aria-pressed={value === 'outOfFold'}
        title="Each training row predicted by the cross-validation fit that did not see it (cv.glmnet keep = TRUE)"
        onClick={() => onChange('outOfFold')}
      >
        Out-of-fold
      </button>
    </fieldset>
  );
}
