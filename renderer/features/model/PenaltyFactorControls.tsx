/**
 * Penalty factors in the feature list (glmnet's penalty.factor, by feature): a factor field on
 * each ticked feature's row with an "unpenalized" toggle (factor 0: the feature is never shrunk
 * and is in the model at every λ), and the same for every ticked feature shown at once.
 */
import { useId, useState } from 'react';
import {
  fieldProblems,
  type ModelForm,
  penaltyFactorOf,
  withPenaltyFactor,
} from '../../lib/settingsForm';
import { FieldProblem } from './FieldProblem';

/** A factor as typed; blank is the default 1, anything else the schema judges (NaN, −1 …). */
function typedFactor(text: string): number {
  const trimmed = text.trim();
  return trimmed === '' ? 1 : Number(trimmed);
}

/** The factor field and unpenalized toggle of one feature's row. */
export function FeatureFactor({
  form,
  feature,
  onForm,
}: {
  form: ModelForm;
  feature: string;
  onForm: (form: ModelForm) => void;
}) {
  const factor = penaltyFactorOf(form, feature);
  // The text as typed while the field has focus ("0." must survive until it is a number).
  const [draft, setDraft] = useState<string | undefined>(undefined);
  const commit = (text: string) => {
    setDraft(undefined);
    const value = typedFactor(text);
    if (!Object.is(value, factor)) onForm(withPenaltyFactor(form, [feature], value));
  };
  const unpenalized = factor === 0;
  return (
    <span className="factor">
      <input
        type="text"
        inputMode="decimal"
        className={factor === 1 ? 'factor-input' : 'factor-input changed'}
        aria-label={`Penalty factor of ${feature}`}
        title="Penalty factor: 1 = as every feature, 0 = unpenalized, 2 = twice the penalty"
        value={draft ?? (Number.isNaN(factor) ? '' : String(factor))}
        aria-invalid={!(factor >= 0) ? true : undefined}
        onChange={(event) => setDraft(event.target.value)}
        onBlur={(event) => commit(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === 'Enter') commit(event.currentTarget.value);
        }}
      />
      <button
        type="button"
        className="unpenalize"
        aria-pressed={unpenalized}
        aria-label={`Leave ${feature} unpenalized`}
        title={
          unpenalized
            ? 'Unpenalized (factor 0): in the model at every λ. Click to penalize again.'
            : 'Leave unpenalized (factor 0): in the model at every λ'
        }
        onClick={() => onForm(withPenaltyFactor(form, [feature], unpenalized ? 1 : 0))}
      >
        0
      </button>
    </span>
  );
}

/** Set the factor of every ticked feature shown (all ticked ones when the list is not searched). */
export function PenaltyBulkTools({
  form,
  shown,
  filtered,
  onForm,
}: {
  form: ModelForm;
  /** The ticked features the list shows now. */
  shown: string[];
  filtered: boolean;
  onForm: (form: ModelForm) => void;
}) {
  const id = useId();
  const [text, setText] = useState('0');
  const value = typedFactor(text);
  const valid = value >= 0 && Number.isFinite(value);
  const which = filtered ? `ticked and shown (${shown.length})` : `ticked (${shown.length})`;
  const changed = Object.keys(form.penaltyFactors).length;
  // A factor typed on a row that the schema refuses, in its words (the row's field is red).
  const problem = fieldProblems(form).penaltyFactors;
  return (
    <div className="penalty-tools">
      <label htmlFor={`${id}-bulk`} title="Penalty factor: 1 = as every feature, 0 = unpenalized">
        Factor of {which}
      </label>
      <input
        id={`${id}-bulk`}
        type="text"
        inputMode="decimal"
        className="factor-input"
        value={text}
        aria-invalid={valid ? undefined : true}
        onChange={(event) => setText(event.target.value)}
      />
      <button
        type="button"
        className="link"
        disabled={!valid || shown.length === 0}
        onClick={() => onForm(withPenaltyFactor(form, shown, value))}
      >
        Set
      </button>
      <button
        type="button"
        className="link"
        disabled={changed === 0}
        title="Every feature back to factor 1"
        onClick={() => onForm({ ...form, penaltyFactors: {} })}
      >
        Reset all{changed > 0 ? ` (${changed})` : ''}
      </button>
      <FieldProblem id={`${id}-problem`} problem={problem} className="penalty-problem" />
    </div>
  );
}
