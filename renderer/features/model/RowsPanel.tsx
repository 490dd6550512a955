import { useId } from 'react';
import type { DatasetInfo } from '../../../shared/ipc/contract';
import { markHidden } from '../../../shared/report/unicode';
import { fieldProblems, type ModelForm, withoutFeature } from '../../lib/settingsForm';
import { FieldProblem } from './FieldProblem';

interface Props {
  form: ModelForm;
  dataset: DatasetInfo;
  onForm: (form: ModelForm) => void;
}

type Column = DatasetInfo['summary']['columns'][number];

/** Columns a value can be picked from: text or true/false with their levels listed (≤ 20). */
function hasListedLevels(c: Column): boolean {
  return (c.kind === 'categorical' || c.kind === 'boolean') && (c.levelCount ?? 0) <= 20;
}

/**
 * Which rows the analysis uses: row filters (keep rows where a column has a value, every filter
 * at once), and the test set held out of fitting and CV, chosen by a column's value or drawn at
 * random with its own seed.
 */
export function RowsPanel({ form, dataset, onForm }: Props) {
  const id = useId();
  const columns = dataset.summary.columns.filter((c) => c.kind !== 'unusable' && !c.problem);
  const problems = fieldProblems(form);
  const update = (patch: Partial<ModelForm>) => onForm({ ...form, ...patch });
  const setFilter = (index: number, filter: ModelForm['rowFilters'][number]) => {
    const rowFilters = form.rowFilters.map((f, k) => (k === index ? filter : f));
    // A filtered column is constant on the rows kept: it leaves the features.
    update({ rowFilters, features: withoutFeature(form, filter.column) });
  };
  const testColumn = columns.find((c) => c.name === form.testColumn);
  // A test column set without the mode (a form from before the mode existed) is a column split.
  const testMode = form.testMode === 'none' && form.testColumn ? 'column' : form.testMode;
  return (
    <section className="panel" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>Rows</h2>
      <fieldset className="field row-filters" aria-describedby={`${id}-filters-problem`}>
        <legend>Keep only rows where</legend>
        {form.rowFilters.length === 0 && <p className="hint">Every row is used.</p>}
        {form.rowFilters.map((filter, index) => {
          const column = columns.find((c) => c.name === filter.column);
          const listed = column && hasListedLevels(column);
          const label = `Row filter ${index + 1}`;
          return (
            // biome-ignore lint/suspicious/noArrayIndexKey: filters have no identity but their place
            <div className="row-filter" key={index}>
              <select
                aria-label={`${label}: column`}
                value={filter.column}
                onChange={(event) => setFilter(index, { column: event.target.value, value: '' })}
              >
                <option value="">Column…</option>
                {columns
                  .filter((c) => c.name !== form.target)
                  .map((c) => (
                    <option key={c.name} value={c.name}>
                      {markHidden(c.name)}
                    </option>
                  ))}
              </select>
              <span aria-hidden="true">=</span>
              {listed ? (
                <select
                  aria-label={`${label}: value`}
                  value={filter.value}
                  onChange={(event) => setFilter(index, { ...filter, value: event.target.value })}
                >
                  <option value="">Value…</option>
                  {column.levels?.map((l) => (
                    <option key={l.level} value={l.level}>
                      {markHidden(l.level)} ({l.count})
                    </option>
                  ))}
                </select>
              ) : (
                <>
                  <input
                    type="text"
                    aria-label={`${label}: value`}
                    placeholder="value"
                    title="The value to keep, as the file writes it"
                    list={`${id}-levels-${index}`}
                    value={filter.value}
                    disabled={!filter.column}
                    onChange={(event) => setFilter(index, { ...filter, value: event.target.value })}
                  />
                  <datalist id={`${id}-levels-${index}`}>
                    {(
                      column?.levels?.map((l) => l.level) ??
                      column?.twoValues?.map((v) => String(v)) ??
                      []
                    ).map((value) => (
                      <option key={value} value={value} />
                    ))}
                  </datalist>
                </>
              )}
              <button
                type="button"
                className="link remove"
                aria-label={`Remove row filter ${index + 1}`}
                title="Remove this filter"
                onClick={() =>
                  update({ rowFilters: form.rowFilters.filter((_, k) => k !== index) })
                }
              >
                ×
              </button>
            </div>
          );
        })}
        <button
          type="button"
          className="link add"
          onClick={() => update({ rowFilters: [...form.rowFilters, { column: '', value: '' }] })}
        >
          + Add a row filter
        </button>
        <FieldProblem id={`${id}-filters-problem`} problem={problems.rowFilters} />
      </fieldset>
      <div className="field">
        <label htmlFor={`${id}-test-mode`}>Test set</label>
        <select
          id={`${id}-test-mode`}
          value={testMode}
          onChange={(event) =>
            update({
              testMode: event.target.value as ModelForm['testMode'],
              testColumn: '',
              testValue: '',
            })
          }
        >
          <option value="none">None (every row fits)</option>
          <option value="column">Rows where a column has a value</option>
          <option value="random">A random share of the rows</option>
        </select>
      </div>
      {testMode === 'column' && (
        <TestColumnFields
          id={id}
          form={form}
          columns={columns.filter((c) => hasListedLevels(c) && c.name !== form.target)}
          testColumn={testColumn}
          update={update}
        />
      )}
      {testMode === 'random' && (
        <div className="field two">
          <div>
            <label htmlFor={`${id}-test-percent`}>Hold out (%)</label>
            <input
              id={`${id}-test-percent`}
              type="text"
              inputMode="decimal"
              value={form.testPercent}
              aria-invalid={problems.testPercent ? true : undefined}
              aria-describedby={`${id}-test-percent-problem`}
              onChange={(event) => update({ testPercent: event.target.value })}
            />
          </div>
          <div>
            <label htmlFor={`${id}-test-seed`}>Hold-out seed</label>
            <input
              id={`${id}-test-seed`}
              type="number"
              min={0}
              value={form.testSeed}
              aria-invalid={problems.testSeed ? true : undefined}
              onChange={(event) => update({ testSeed: Math.trunc(Number(event.target.value)) })}
            />
          </div>
          <FieldProblem
            id={`${id}-test-percent-problem`}
            problem={problems.testPercent ?? problems.testSeed}
            className="span-two"
          />
          <p className="hint span-two">
            Drawn from the rows left after the filters and missing values; its own seed, so the
            folds' seed never moves it.
          </p>
        </div>
      )}
    </section>
  );
}

function TestColumnFields({
  id,
  form,
  columns,
  testColumn,
  update,
}: {
  id: string;
  form: ModelForm;
  columns: Column[];
  testColumn: Column | undefined;
  update: (patch: Partial<ModelForm>) => void;
}) {
  return (
    <div className="field two">
      <div>
        <label htmlFor={`${id}-test-column`}>Test rows: column</label>
        <select
          id={`${id}-test-column`}
          value={form.testColumn}
          onChange={(event) =>
            update({
              testColumn: event.target.value,
              testValue: '',
              features: withoutFeature(form, event.target.value),
            })
          }
        >
          <option value="">Choose…</option>
          {columns.map((c) => (
            <option key={c.name} value={c.name}>
              {markHidden(c.name)}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor={`${id}-test-value`}>equals</label>
        <select
          id={`${id}-test-value`}
          value={form.testValue}
          disabled={!form.testColumn}
          onChange={(event) => update({ testValue: event.target.value })}
        >
          <option value="">—</option>
          {testColumn?.levels?.map(({ level, count }) => (
            <option key={level} value={level}>
              {markHidden(level)} ({count})
            </option>
          ))}
        </select>
      </div>
    </div>
  );
}
