import { type DragEvent, useId, useMemo, useRef, useState } from 'react';
import type { DecimalMark } from '../../../shared/data/numberFormat';
import { markHidden } from '../../../shared/report/unicode';
import type { ColumnOption } from '../../lib/columnChoice';
import { featureFilter, listOfNames } from '../../lib/featureFilter';
import { levelProblem, type ModelForm, withTarget } from '../../lib/settingsForm';
import type { WorkbenchState } from '../../state/workbench';
import { ColumnSelect } from '../common/ColumnSelect';
import { Name } from '../common/Name';
import { VirtualList } from '../common/VirtualList';
import { CsvFileInput } from './CsvFileInput';

/** How the file is read: the decimal mark, or undefined to let the reader decide. */
export interface ReadChoice {
  decimal?: DecimalMark | undefined;
}

/** Height of one row of the feature list, in px (styles.css .feature-list li agrees). */
const FEATURE_ROW_HEIGHT = 26;

interface Props {
  state: WorkbenchState;
  onFile: (file: File, read: ReadChoice) => void;
  onChoose: (read: ReadChoice) => void;
  onForm: (form: ModelForm) => void;
}

export function DataPanel({ state, onFile, onChoose, onForm }: Props) {
  const input = useRef<HTMLInputElement>(null);
  const [dragging, setDragging] = useState(false);
  const [search, setSearch] = useState('');
  const [decimal, setDecimal] = useState<DecimalMark | undefined>(undefined);
  const read: ReadChoice = { decimal };
  const ids = {
    decimal: useId(),
    target: useId(),
    search: useId(),
    missing: useId(),
    testColumn: useId(),
    testValue: useId(),
    file: useId(),
    targetNote: useId(),
  };
  const { dataset, form } = state;
  const canChoose = typeof window !== 'undefined' && window.workbench !== undefined;

  const drop = (event: DragEvent) => {
    event.preventDefault();
    setDragging(false);
    const file = event.dataTransfer.files[0];
    if (file) onFile(file, read);
  };

  const columns = dataset?.summary.columns ?? [];
  const target = form?.target;
  const candidates = useMemo(() => columns.filter((c) => c.name !== target), [columns, target]);
  const visible = useMemo(() => {
    const matches = featureFilter(search);
    return candidates.filter((c) => matches(c.name));
  }, [candidates, search]);
  // The same array every render: a 20 000-column file's choices are not rebuilt on a λ step.
  const targetOptions = useMemo<ColumnOption[]>(
    () =>
      columns
        // Numbers, or text with two levels (logistic regression).
        .filter((c) => c.kind === 'numeric' || c.levelCount === 2)
        .map((c) =>
          c.problem ? { name: c.name, disabled: true, note: 'has a problem' } : { name: c.name },
        ),
    [columns],
  );
  const chosen = useMemo(() => new Set(form?.features ?? []), [form?.features]);
  // A proposed target says why it was proposed, until the user picks one.
  const proposal = state.targetProposal;
  const targetNote =
    proposal && proposal.target === form?.target
      ? proposal.reason === 'name'
        ? 'guessed from its name'
        : 'your earlier choice for these columns'
      : undefined;
  const testColumn = columns.find((c) => c.name === form?.testColumn);
  const testLevels = useMemo(() => testColumn?.levels?.map((l) => l.level) ?? [], [testColumn]);

  const update = (patch: Partial<ModelForm>) => form && onForm({ ...form, ...patch });
  const usable = (c: (typeof columns)[number]) => c.kind !== 'unusable' && !c.problem;
  // Features stay in file order; a Set keeps ticking one of 20 000 linear, not quadratic.
  const setChosen = (names: Set<string>) =>
    update({ features: candidates.map((c) => c.name).filter((n) => names.has(n)) });
  const toggle = (name: string, on: boolean) => {
    const next = new Set(chosen);
    if (on) next.add(name);
    else next.delete(name);
    setChosen(next);
  };
  const filtered = search.trim() !== '';
  const selectShown = () => {
    const next = new Set(chosen);
    for (const c of visible) if (usable(c)) next.add(c.name);
    setChosen(next);
  };
  const clearShown = () => {
    const next = new Set(chosen);
    for (const c of visible) next.delete(c.name);
    setChosen(next);
  };

  return (
    <section className="panel" aria-labelledby="data-heading">
      <h2 id="data-heading">Data</h2>
      {/* biome-ignore lint/a11y/noStaticElementInteractions: a pointer-only drop target; the button inside is the keyboard path */}
      <div
        className={`dropzone${dragging ? ' dragging' : ''}`}
        onDragOver={(event) => {
          event.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={drop}
      >
        <p>{dataset ? 'Drop another CSV file here, or' : 'Drop a CSV file here, or'}</p>
        <button
          type="button"
          onClick={() => (canChoose ? onChoose(read) : input.current?.click())}
          disabled={state.loading}
        >
          {state.loading ? 'Reading…' : 'Open CSV…'}
        </button>
        <CsvFileInput
          ref={input}
          id={ids.file}
          label="CSV file"
          onFile={(file) => onFile(file, read)}
        />
        <div className="read-option">
          <label htmlFor={ids.decimal}>Decimal mark</label>
          <select
            id={ids.decimal}
            value={decimal ?? ''}
            onChange={(event) => setDecimal((event.target.value || undefined) as DecimalMark)}
          >
            <option value="">automatic</option>
            <option value=".">point (1.5)</option>
            <option value=",">comma (1,5)</option>
          </select>
        </div>
      </div>
      {state.dataError && (
        <div className="alert" role="alert">
          <strong>This file cannot be used.</strong> {state.dataError}
        </div>
      )}
      {dataset && form && (
        <>
          {dataset.summary.warnings.length > 0 && (
            <ul className="notes" aria-label="Notes about the file">
              {dataset.summary.warnings.map((warning) => (
                <li key={warning.message}>{warning.message}</li>
              ))}
            </ul>
          )}
          <div className="field">
            <label htmlFor={ids.target}>Target</label>
            <ColumnSelect
              id={ids.target}
              value={form.target}
              options={targetOptions}
              emptyLabel="Choose the column to predict…"
              listLabel="Target columns"
              describedBy={targetNote ? ids.targetNote : undefined}
              onChange={(name) => onForm(withTarget(form, dataset, name))}
            />
            {targetNote && (
              <span id={ids.targetNote} className="muted target-note">
                {targetNote}
              </span>
            )}
          </div>
          <fieldset className="field features">
            <legend>
              Features{' '}
              <span className="count">
                {form.features.length} of {candidates.length}
              </span>
            </legend>
            <div className="feature-tools">
              <input
                id={ids.search}
                type="search"
                placeholder="Search, x*, or paste names"
                aria-label="Search features"
                title="A name fragment, a pattern with * and ?, or a pasted list of names (commas or new lines)"
                value={search}
                onChange={(event) => setSearch(event.target.value)}
                onPaste={(event) => {
                  // A column copied from a spreadsheet is one name a line; an <input> would
                  // drop the line breaks and run the names together.
                  const text = event.clipboardData.getData('text/plain');
                  if (!/[\r\n\t]/.test(text.trim())) return;
                  event.preventDefault();
                  setSearch(listOfNames(text));
                }}
              />
              <button type="button" className="link" onClick={selectShown}>
                {filtered ? `Select shown (${visible.length})` : 'Select all'}
              </button>
              <button type="button" className="link" onClick={clearShown}>
                {filtered ? 'Clear shown' : 'Select none'}
              </button>
            </div>
            <VirtualList
              className="feature-list"
              label="Feature columns"
              items={visible}
              rowHeight={FEATURE_ROW_HEIGHT}
              height={220}
              keyOf={(c) => c.name}
              render={(c) => {
                const ticked = chosen.has(c.name);
                // Checked as the column is ticked, not only at Run (rows are one line tall,
                // so the note is short and its reason is the row's tooltip).
                const levels = ticked ? levelProblem(c, dataset.summary.rowCount) : undefined;
                return (
                  <label
                    title={
                      c.problem
                        ? `${c.name}: ${c.problem}`
                        : levels
                          ? `${c.name}: ${levels}`
                          : c.name
                    }
                  >
                    <input
                      type="checkbox"
                      checked={ticked}
                      disabled={!usable(c)}
                      onChange={(event) => toggle(c.name, event.target.checked)}
                    />
                    <span className="feature-name">
                      <Name text={c.name} />
                    </span>
                    {levels && <span className="level-note">too many levels</span>}
                    <span className={`kind kind-${c.kind}`}>
                      {c.problem
                        ? 'problem'
                        : c.kind === 'categorical'
                          ? `${c.levelCount} ${c.levelCount === 1 ? 'level' : 'levels'}`
                          : c.kind}
                    </span>
                  </label>
                );
              }}
              empty={<li className="muted">No column matches “{search}”.</li>}
            />
          </fieldset>
          <div className="field">
            <label htmlFor={ids.missing}>Missing values</label>
            <select
              id={ids.missing}
              value={form.missing}
              onChange={(event) => update({ missing: event.target.value as ModelForm['missing'] })}
            >
              <option value="drop">Drop incomplete rows</option>
              <option value="impute">Impute (mean / most frequent, from training rows)</option>
            </select>
          </div>
          <div className="field two">
            <div>
              <label htmlFor={ids.testColumn}>Test rows: column</label>
              <select
                id={ids.testColumn}
                value={form.testColumn}
                onChange={(event) => update({ testColumn: event.target.value, testValue: '' })}
              >
                <option value="">No test set</option>
                {columns
                  .filter(
                    (c) =>
                      (c.kind === 'categorical' || c.kind === 'boolean') &&
                      (c.levelCount ?? 0) <= 20,
                  )
                  .map((c) => (
                    <option key={c.name} value={c.name}>
                      {markHidden(c.name)}
                    </option>
                  ))}
              </select>
            </div>
            <div>
              <label htmlFor={ids.testValue}>equals</label>
              <select
                id={ids.testValue}
                value={form.testValue}
                disabled={!form.testColumn}
                onChange={(event) => update({ testValue: event.target.value })}
              >
                <option value="">—</option>
                {testLevels.map((level) => (
                  <option key={level} value={level}>
                    {level}
                  </option>
                ))}
              </select>
            </div>
          </div>
        </>
      )}
    </section>
  );
}
