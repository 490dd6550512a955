import { type DragEvent, type Ref, useId, useMemo, useRef, useState } from 'react';
import type { ReadingOptions, Remedy } from '../../../shared/data/readOptions';
import { markHidden } from '../../../shared/report/unicode';
import type { ColumnOption } from '../../lib/columnChoice';
import { featureFilter, listOfNames } from '../../lib/featureFilter';
import { warningRemedy } from '../../lib/remedy';
import { levelProblem, type ModelForm, withTarget } from '../../lib/settingsForm';
import type { WorkbenchState } from '../../state/workbench';
import { ColumnSelect } from '../common/ColumnSelect';
import { Name } from '../common/Name';
import { VirtualList } from '../common/VirtualList';
import { FeatureFactor, PenaltyBulkTools } from '../model/PenaltyFactorControls';
import { CsvFileInput } from './CsvFileInput';
import { ReadingOptionsPanel, RemedyButton } from './ReadingOptions';
import { TwoLevelCodingField } from './TwoLevelCodingField';

/** Height of one row of the feature list, in px (styles.css .feature-list li agrees). */
const FEATURE_ROW_HEIGHT = 26;

interface Props {
  state: WorkbenchState;
  onFile: (file: File, read: ReadingOptions) => void;
  onChoose: (read: ReadingOptions) => void;
  onForm: (form: ModelForm) => void;
  /** The Reading options panel changed. */
  onRead: (read: ReadingOptions) => void;
  /** Reads the shown (or failed) file again; absent when there is none to read again. */
  onReread?: ((read: ReadingOptions) => void) | undefined;
  /** Applies a problem's one-click fix; absent when there is no file to read again. */
  onRemedy?: ((remedy: Remedy) => void) | undefined;
  /** A .shrinkage project dropped here, with a data file dropped along with it, if any. */
  onProject?: ((project: File, data: File | undefined) => void) | undefined;
  /** The Open CSV button's tooltip (naming its shortcut), and the button, for the shortcut. */
  openTitle?: string | undefined;
  openButton?: Ref<HTMLButtonElement> | undefined;
}

const isProjectFile = (file: File) => /\.shrinkage$/i.test(file.name);

export function DataPanel({
  state,
  onFile,
  onChoose,
  onForm,
  onRead,
  onReread,
  onRemedy,
  onProject,
  openTitle,
  openButton,
}: Props) {
  const input = useRef<HTMLInputElement>(null);
  const [dragging, setDragging] = useState(false);
  const [search, setSearch] = useState('');
  const { read } = state;
  const ids = {
    target: useId(),
    search: useId(),
    missing: useId(),
    file: useId(),
    targetNote: useId(),
  };
  const { dataset, form } = state;
  const canChoose = typeof window !== 'undefined' && window.workbench !== undefined;

  const drop = (event: DragEvent) => {
    event.preventDefault();
    setDragging(false);
    const files = Array.from(event.dataTransfer.files);
    const project = files.find(isProjectFile);
    if (project && onProject)
      return onProject(
        project,
        files.find((f) => !isProjectFile(f)),
      );
    const file = files[0];
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

  const update = (patch: Partial<ModelForm>) => form && onForm({ ...form, ...patch });
  // The file's notes, then the columns a reading option would make usable, each with its fix.
  const notes = useMemo(() => {
    if (!dataset) return [];
    const fromWarnings = dataset.summary.warnings.map((warning) => {
      const remedy = warningRemedy(warning.code);
      return { key: warning.message, text: warning.message, remedies: remedy ? [remedy] : [] };
    });
    const fromColumns = dataset.summary.columns
      .filter((c) => c.remedy)
      .map((c) => ({
        key: `column:${c.name}`,
        text: `Column '${markHidden(c.name)}' cannot be used: ${c.problem}`,
        // Numbers with a few text cells: those may be missing markers, or the column's
        // levels (Cars93's Cylinders: 4, 6, rotary); the user's choice of type says which.
        remedies:
          c.remedy!.code === 'add-missing-markers'
            ? [
                c.remedy!,
                { code: 'set-column-type' as const, column: c.name, type: 'categorical' as const },
              ]
            : [c.remedy!],
      }));
    return [...fromWarnings, ...fromColumns];
  }, [dataset]);
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
        <p>
          {dataset ? 'Drop another CSV or Parquet file' : 'Drop a CSV or Parquet file'} or a
          .shrinkage project here, or
        </p>
        <button
          type="button"
          onClick={() => (canChoose ? onChoose(read) : input.current?.click())}
          disabled={state.loading}
          title={openTitle}
          ref={openButton}
        >
          {state.loading ? 'Reading…' : 'Open CSV…'}
        </button>
        <CsvFileInput
          ref={input}
          id={ids.file}
          label="CSV file"
          onFile={(file) => onFile(file, read)}
        />
      </div>
      {/* The error first, so its fix is in view; the panel under it opens with it. */}
      {state.dataError && (
        <div className="alert" role="alert">
          <strong>This file cannot be used.</strong> {state.dataError}
          {state.dataRemedy && onRemedy && (
            <div className="remedies">
              <RemedyButton remedy={state.dataRemedy} onRemedy={onRemedy} />
            </div>
          )}
        </div>
      )}
      <ReadingOptionsPanel
        read={read}
        readWith={state.dataError ? undefined : dataset?.readOptions}
        onRead={onRead}
        onReread={onReread}
        maxLevels={form?.maxLevels}
        onMaxLevels={form ? (maxLevels) => update({ maxLevels }) : undefined}
        open={Boolean(state.dataError)}
      />
      {dataset && form && (
        <>
          {notes.length > 0 && (
            <ul className="notes" aria-label="Notes about the file">
              {notes.map(({ key, text, remedies }) => (
                <li key={key}>
                  {text}
                  {onRemedy &&
                    remedies.map((remedy) => (
                      <span key={remedy.code}>
                        {' '}
                        <RemedyButton remedy={remedy} onRemedy={onRemedy} />
                      </span>
                    ))}
                </li>
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
            <PenaltyBulkTools
              form={form}
              shown={visible.filter((c) => chosen.has(c.name)).map((c) => c.name)}
              filtered={filtered}
              onForm={onForm}
            />
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
                const levels = ticked
                  ? levelProblem(c, dataset.summary.rowCount, form.maxLevels)
                  : undefined;
                return (
                  <div className="feature-row">
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
                    {ticked && <FeatureFactor form={form} feature={c.name} onForm={onForm} />}
                  </div>
                );
              }}
              empty={<li className="muted">No column matches “{search}”.</li>}
            />
          </fieldset>
          <TwoLevelCodingField
            form={form}
            dataset={dataset}
            onCoding={(twoLevelCoding) => update({ twoLevelCoding })}
          />
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
        </>
      )}
    </section>
  );
}
