import { useId, useMemo } from 'react';
import { DESCRIPTORS, describeFamily, FAMILY_NAMES } from '../../../shared/analysis/families';
import type { DatasetInfo } from '../../../shared/ipc/contract';
import { markHidden } from '../../../shared/report/unicode';
import type { FamilyName } from '../../../shared/solver/family';
import {
  familyProposalFor,
  fieldProblems,
  type ModelForm,
  numericColumns,
  withFamily,
  withoutFeature,
} from '../../lib/settingsForm';
import { ColumnSelect } from '../common/ColumnSelect';
import { FieldProblem } from './FieldProblem';

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
  const problems = useMemo(() => fieldProblems(form), [form]);
  // Fold ids: whole numbers, or text / true-false with at least two values (once per file
  // and target: a wide file has 20 000 columns).
  const foldColumns = useMemo(
    () =>
      dataset.summary.columns.filter(
        (c) =>
          !c.problem &&
          c.name !== form.target &&
          ((c.kind === 'numeric' && c.integer) ||
            ((c.kind === 'categorical' || c.kind === 'boolean') && (c.levelCount ?? 0) >= 2)),
      ),
    [dataset, form.target],
  );
  const foldsFromColumn = form.foldColumn !== '';
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
      {form.penalty === 'elastic-net' && !form.compare && (
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
            disabled={foldsFromColumn}
            onChange={(event) => update({ folds: Math.trunc(number(event.target.value, 0)) })}
            aria-describedby={`${id}-folds-hint`}
          />
          <p id={`${id}-folds-hint`} className="hint">
            {foldsFromColumn ? 'one per value of the column' : '0 = no cross-validation'}
          </p>
        </div>
        <div>
          <label htmlFor={`${id}-seed`}>Seed</label>
          <input
            id={`${id}-seed`}
            type="number"
            min={0}
            value={form.seed}
            disabled={foldsFromColumn}
            onChange={(event) => update({ seed: Math.trunc(number(event.target.value, 1)) })}
          />
        </div>
      </div>
      <div className="field">
        <label htmlFor={`${id}-foldid`}>Folds from</label>
        <select
          id={`${id}-foldid`}
          value={form.foldColumn}
          aria-invalid={problems.foldColumn ? true : undefined}
          aria-describedby={`${id}-foldid-problem`}
          onChange={(event) =>
            update({
              foldColumn: event.target.value,
              // A fold-id column is not also a feature (as cv.glmnet's foldid is not).
              features: withoutFeature(form, event.target.value),
            })
          }
        >
          <option value="">A seeded random partition</option>
          {foldColumns.map((c) => (
            <option key={c.name} value={c.name}>
              Column {markHidden(c.name)}
            </option>
          ))}
        </select>
        <FieldProblem id={`${id}-foldid-problem`} problem={problems.foldColumn} />
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
      <label className="check">
        <input
          type="checkbox"
          checked={form.keep}
          disabled={form.folds < 2}
          onChange={(event) => update({ keep: event.target.checked })}
          aria-describedby={`${id}-keep-hint`}
        />
        Keep out-of-fold predictions at every λ
      </label>
      <p id={`${id}-keep-hint`} className="hint">
        cv.glmnet’s keep = TRUE: n × nλ numbers in the saved result. Without it they are kept at
        λ_min and λ_1se.
      </p>
      <label className="check">
        <input
          type="checkbox"
          checked={!form.grouped}
          disabled={form.folds < 2 && !form.foldColumn}
          onChange={(event) => update({ grouped: !event.target.checked })}
          aria-describedby={`${id}-grouped-hint`}
        />
        Standard errors from the rows' errors
      </label>
      <p id={`${id}-grouped-hint`} className="hint">
        cv.glmnet’s grouped = FALSE, which it uses anyway when folds average under 3 rows.
      </p>
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
        Compare α values on the same folds
      </label>
      {!form.compare && (
        <>
          <label className="check">
            <input
              type="checkbox"
              checked={form.relax === true}
              onChange={(event) => update({ relax: event.target.checked })}
              aria-describedby={`${id}-relax-hint`}
            />
            Relaxed lasso
          </label>
          <p id={`${id}-relax-hint`} className="hint">
            Also refit each λ’s selected features without penalty and blend the two fits by γ = 0,
            0.25, 0.5, 0.75, 1 (glmnet’s relax = TRUE); with folds, (λ, γ) is cross-validated.
          </p>
        </>
      )}
      {form.compare && (
        <div className="field">
          <label htmlFor={`${id}-alphas`}>α values (1 = lasso, 0 = ridge)</label>
          <input
            id={`${id}-alphas`}
            type="text"
            inputMode="decimal"
            placeholder="1, 0.5, 0"
            value={form.alphaGrid}
            aria-invalid={problems.alphaGrid ? true : undefined}
            aria-describedby={`${id}-alphas-problem`}
            onChange={(event) => update({ alphaGrid: event.target.value })}
          />
          <FieldProblem id={`${id}-alphas-problem`} problem={problems.alphaGrid} />
        </div>
      )}
      <label className="check">
        <input
          type="checkbox"
          checked={form.stability}
          onChange={(event) => update({ stability: event.target.checked })}
          aria-describedby={`${id}-stability-hint`}
        />
        Stability selection
      </label>
      <p id={`${id}-stability-hint`} className="hint">
        Fits complementary pairs of half-samples on the path’s λ values and reports how often each
        column is selected (Meinshausen &amp; Bühlmann; Shah &amp; Samworth).
      </p>
      {form.stability && (
        <div className="field two stability-fields">
          <div>
            <label htmlFor={`${id}-stability-pairs`}>Pairs of half-samples</label>
            <input
              id={`${id}-stability-pairs`}
              type="number"
              min={1}
              value={form.stabilityPairs}
              aria-invalid={problems.stabilityPairs ? true : undefined}
              aria-describedby={`${id}-stability-problem`}
              onChange={(event) =>
                update({ stabilityPairs: Math.trunc(number(event.target.value, 0)) })
              }
            />
          </div>
          <div>
            <label htmlFor={`${id}-stability-threshold`}>Selection threshold π</label>
            <input
              id={`${id}-stability-threshold`}
              type="text"
              inputMode="decimal"
              value={form.stabilityThreshold}
              aria-invalid={problems.stabilityThreshold ? true : undefined}
              aria-describedby={`${id}-stability-problem`}
              onChange={(event) => update({ stabilityThreshold: event.target.value })}
            />
          </div>
          <div>
            <label htmlFor={`${id}-stability-seed`}>Half-sample seed</label>
            <input
              id={`${id}-stability-seed`}
              type="number"
              min={0}
              value={form.stabilitySeed}
              onChange={(event) =>
                update({ stabilitySeed: Math.trunc(number(event.target.value, 1)) })
              }
            />
          </div>
          <FieldProblem
            id={`${id}-stability-problem`}
            problem={problems.stabilityPairs ?? problems.stabilityThreshold}
          />
        </div>
      )}
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
        <div className="field">
          <label htmlFor={`${id}-lambda`}>λ values (instead of the grid)</label>
          <input
            id={`${id}-lambda`}
            type="text"
            inputMode="decimal"
            placeholder="automatic grid, e.g. 1, 0.1, 0.01"
            value={form.lambda}
            aria-invalid={problems.lambda ? true : undefined}
            aria-describedby={`${id}-lambda-problem`}
            onChange={(event) => update({ lambda: event.target.value })}
          />
          <FieldProblem id={`${id}-lambda-problem`} problem={problems.lambda} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-thresh`}>Convergence threshold (glmnet's thresh)</label>
          <input
            id={`${id}-thresh`}
            type="text"
            inputMode="decimal"
            value={form.thresh}
            aria-invalid={problems.thresh ? true : undefined}
            aria-describedby={`${id}-thresh-problem`}
            onChange={(event) => update({ thresh: event.target.value })}
          />
          <FieldProblem id={`${id}-thresh-problem`} problem={problems.thresh} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-maxit`}>Maximum passes over the path (glmnet's maxit)</label>
          <input
            id={`${id}-maxit`}
            type="text"
            inputMode="numeric"
            value={form.maxIter}
            aria-invalid={problems.maxIter ? true : undefined}
            aria-describedby={`${id}-maxit-problem`}
            onChange={(event) => update({ maxIter: event.target.value })}
          />
          <FieldProblem id={`${id}-maxit-problem`} problem={problems.maxIter} />
        </div>
        <label className="check">
          <input
            type="checkbox"
            checked={!form.pathStop}
            onChange={(event) => update({ pathStop: !event.target.checked })}
            aria-describedby={`${id}-path-stop-hint`}
          />
          Fit every λ of the grid
        </label>
        <p id={`${id}-path-stop-hint`} className="hint">
          By default the path ends early, as glmnet’s, once the deviance explained stops improving
          (glmnet.control(fdev = 0, devmax = 1) turns that off).
        </p>
        <label className="check">
          <input
            type="checkbox"
            checked={form.nonNegative}
            onChange={(event) => update({ nonNegative: event.target.checked })}
            aria-describedby={`${id}-non-negative-hint`}
          />
          Non-negative coefficients
        </label>
        <p id={`${id}-non-negative-hint`} className="hint">
          Every coefficient stays ≥ 0 (glmnet’s lower.limits = 0), on the original scale.
          {form.otherLimits.lowerLimits !== undefined || form.otherLimits.upperLimits !== undefined
            ? ' These settings also bound some coefficients by column (set outside the app, kept as they came).'
            : ''}
        </p>
        <label className="check">
          <input
            type="checkbox"
            checked={form.tighten}
            onChange={(event) => update({ tighten: event.target.checked })}
            aria-describedby={`${id}-tighten-hint`}
          />
          Tighten λ far from optimal
        </label>
        <p id={`${id}-tighten-hint`} className="hint">
          Refit the λ whose convergence certificate (the duality gap) says the answer may be far
          from optimal, at a smaller threshold, down to 1e-14 (Shrinkage's own; gaussian only).
        </p>
      </details>
    </section>
  );
}
