import { useId, useMemo } from 'react';
import { DESCRIPTORS, describeFamily, FAMILY_NAMES } from '../../../shared/analysis/families';
import type { DatasetInfo } from '../../../shared/ipc/contract';
import { markHidden } from '../../../shared/report/unicode';
import type { FamilyName } from '../../../shared/solver/family';
import {
  familyProposalFor,
  type ModelForm,
  numericColumns,
  withFamily,
} from '../../lib/settingsForm';
import { ColumnSelect } from '../common/ColumnSelect';

interface Props {
  form: ModelForm;
  dataset: DatasetInfo;
  onForm: (form: ModelForm) => void;
}

const PENALTIES: { value: ModelForm['penalty']; label: string; hint: string }[] = [
  { value: 'lasso', label: 'Lasso', hint: 'L1: selects features' },
  { value: 'ridge', label: 'Ridge', hint: 'L2: shrinks, keeps all' },
  { value: 'elastic-net', label: 'Elastic net', hint: 'a mix of both' },
];

export function ModelPanel({ form, dataset, onForm }: Props) {
  const id = useId();
  const update = (patch: Partial<ModelForm>) => onForm({ ...form, ...patch });
  const proposal = useMemo(
    () => (form.target ? familyProposalFor(dataset, form.target) : undefined),
    [dataset, form.target],
  );
  // Never a silent choice: the reason the target suggests a family, and whether it is the one set.
  const proposalNote = proposal
    ? proposal.family === form.family
      ? `Proposed from the target: ${proposal.reason}`
      : `The target suggests ${DESCRIPTORS[proposal.family].label.toLowerCase()} (${proposal.reason})`
    : undefined;
  const classes =
    describeFamily(form.family).targetKind === 'binary' ? proposal?.classes : undefined;
  // Once per file and target, not per render: a wide file has 20 000 numeric columns.
  const roleOptions = useMemo(
    () => numericColumns(dataset, form.target).map((name) => ({ name })),
    [dataset, form.target],
  );
  const number = (text: string, fallback: number) =>
    text.trim() === '' || !Number.isFinite(Number(text)) ? fallback : Number(text);
  return (
    <section className="panel" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>Model</h2>
      <div className="field">
        <label htmlFor={`${id}-family`}>Family</label>
        {FAMILY_NAMES.length > 1 ? (
          <select
            id={`${id}-family`}
            value={form.family}
            aria-describedby={proposalNote ? `${id}-family-note` : undefined}
            onChange={(event) => onForm(withFamily(form, event.target.value as FamilyName))}
          >
            {FAMILY_NAMES.map((name) => (
              <option key={name} value={name}>
                {DESCRIPTORS[name].label}
              </option>
            ))}
          </select>
        ) : (
          // One family registered: nothing to choose, but say what is fitted.
          <output id={`${id}-family`}>{describeFamily(form.family).label}</output>
        )}
        {proposalNote && (
          <p id={`${id}-family-note`} className="hint family-note">
            {proposalNote}
          </p>
        )}
      </div>
      {classes && (
        <div className="field">
          <label htmlFor={`${id}-positive`}>Modelled class (probability of)</label>
          <select
            id={`${id}-positive`}
            value={form.positiveClass || classes[1]}
            onChange={(event) =>
              // The default (second in sorted order) stays '' so that settings omit it.
              update({ positiveClass: event.target.value === classes[1] ? '' : event.target.value })
            }
          >
            {classes.map((c) => (
              <option key={c} value={c}>
                {markHidden(c)}
              </option>
            ))}
          </select>
        </div>
      )}
      <fieldset className="field penalties">
        <legend>Penalty</legend>
        {PENALTIES.map((p) => (
          <label key={p.value} className="radio">
            <input
              type="radio"
              name={`${id}-penalty`}
              value={p.value}
              checked={form.penalty === p.value}
              onChange={() => update({ penalty: p.value })}
            />
            <span>{p.label}</span>
            <span className="hint">{p.hint}</span>
          </label>
        ))}
      </fieldset>
      {form.penalty === 'elastic-net' && (
        <div className="field">
          <label htmlFor={`${id}-alpha`}>α (L1 ratio: 1 = lasso, 0 = ridge)</label>
          <div className="slider-row">
            <input
              id={`${id}-alpha`}
              type="range"
              min={0}
              max={1}
              step={0.05}
              value={form.alpha}
              onChange={(event) => update({ alpha: Number(event.target.value) })}
            />
            <input
              type="number"
              aria-label="α value"
              min={0}
              max={1}
              step={0.05}
              value={form.alpha}
              onChange={(event) =>
                update({ alpha: Math.min(1, Math.max(0, number(event.target.value, form.alpha))) })
              }
            />
          </div>
        </div>
      )}
      <div className="field two">
        <div>
          <label htmlFor={`${id}-folds`}>Folds</label>
          <input
            id={`${id}-folds`}
            type="number"
            min={0}
            max={dataset.summary.rowCount}
            value={form.folds}
            onChange={(event) => update({ folds: Math.trunc(number(event.target.value, 0)) })}
            aria-describedby={`${id}-folds-hint`}
          />
          <p id={`${id}-folds-hint`} className="hint">
            0 = no cross-validation
          </p>
        </div>
        <div>
          <label htmlFor={`${id}-seed`}>Seed</label>
          <input
            id={`${id}-seed`}
            type="number"
            min={0}
            value={form.seed}
            onChange={(event) => update({ seed: Math.trunc(number(event.target.value, 1)) })}
          />
        </div>
      </div>
      <div className="field">
        <label htmlFor={`${id}-measure`}>Validation error</label>
        <select
          id={`${id}-measure`}
          value={form.measure}
          onChange={(event) => update({ measure: event.target.value as ModelForm['measure'] })}
        >
          {describeFamily(form.family).measures.map((m) => (
            <option key={m.id} value={m.id}>
              {m.label}
            </option>
          ))}
        </select>
      </div>
      <div className="field two">
        {(['weights', 'offset'] as const).map((role) => (
          <div key={role}>
            <label htmlFor={`${id}-${role}`}>
              {role === 'weights' ? 'Observation weights' : 'Offset'}
            </label>
            <ColumnSelect
              id={`${id}-${role}`}
              value={form[role]}
              options={roleOptions}
              emptyLabel="None"
              listLabel={role === 'weights' ? 'Weight columns' : 'Offset columns'}
              onChange={(column) =>
                // Like the target, a weight or offset column is not also a feature.
                update({ [role]: column, features: form.features.filter((f) => f !== column) })
              }
            />
          </div>
        ))}
      </div>
      <label className="check">
        <input
          type="checkbox"
          checked={form.compare}
          onChange={(event) => update({ compare: event.target.checked })}
        />
        Compare lasso, elastic net and ridge on the same folds
      </label>
      <details className="advanced">
        <summary>Advanced</summary>
        <label className="check">
          <input
            type="checkbox"
            checked={form.standardize}
            onChange={(event) => update({ standardize: event.target.checked })}
          />
          Standardize features
        </label>
        <label className="check">
          <input
            type="checkbox"
            checked={form.intercept}
            onChange={(event) => update({ intercept: event.target.checked })}
          />
          Fit an intercept
        </label>
        <div className="field two">
          <div>
            <label htmlFor={`${id}-nlambda`}>Number of λ values</label>
            <input
              id={`${id}-nlambda`}
              type="number"
              min={1}
              max={10000}
              value={form.nlambda}
              onChange={(event) => update({ nlambda: Math.trunc(number(event.target.value, 100)) })}
            />
          </div>
          <div>
            <label htmlFor={`${id}-ratio`}>λ-min ratio</label>
            <input
              id={`${id}-ratio`}
              type="text"
              inputMode="decimal"
              placeholder="automatic"
              value={form.lambdaMinRatio}
              onChange={(event) => update({ lambdaMinRatio: event.target.value })}
            />
          </div>
        </div>
      </details>
    </section>
  );
}
