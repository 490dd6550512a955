import { useCallback, useEffect, useMemo, useReducer, useRef, useState } from 'react';
import type { PredictionRows } from '../shared/analysis/predictions';
import type { ReadingOptions, Remedy } from '../shared/data/readOptions';
import { withRemedy } from '../shared/data/readOptions';
import type { WorkbenchApi } from '../shared/ipc/client';
import type { DatasetInfo, OpenedDataset, OpenedProject } from '../shared/ipc/contract';
import { CsvFileInput } from './features/data/CsvFileInput';
import { DataPanel } from './features/data/DataPanel';
import { DatasetOverview } from './features/data/DatasetOverview';
import { ModelPanel } from './features/model/ModelPanel';
import { RowsPanel } from './features/model/RowsPanel';
import { ResultsBoundary } from './features/results/ResultsBoundary';
import { ResultsView } from './features/results/ResultsView';
import { RunPanel } from './features/run/RunPanel';
import { download } from './lib/download';
import { projectRestore } from './lib/projectRestore';
import { remedyOf } from './lib/remedy';
import { predictionRowsAt } from './lib/results';
import {
  changedSettings,
  defaultForm,
  formatNumberList,
  formProblem,
  fromSettings,
  type ModelForm,
  toSettings,
} from './lib/settingsForm';
import { isMac, type ShortcutCommand, shortcutFor, withShortcut } from './lib/shortcuts';
import { recallTarget, rememberTarget } from './lib/targetMemory';
import { uploadProblem } from './lib/upload';

type ExportKind = 'report-html' | 'report-pdf' | 'coefficients-csv' | 'model-json' | 'results-json';

import { Name } from './features/common/Name';
import { type Action, initialState, reducer } from './state/workbench';

/** How long the λ slider rests before the predictions at the new λ are fetched. */
const PREDICTIONS_SETTLE_MS = 120;

/** A file has been read: propose the target the user chose before for these columns. */
function loaded(dataset: DatasetInfo, reread = false): Action {
  return { type: 'loaded', dataset, rememberedTarget: recallTarget(dataset), reread };
}

/** A file opened, or refused with its problem and one-click fix. */
function opened(outcome: OpenedDataset, reread = false): Action {
  return 'refused' in outcome ? failed(outcome.refused) : loaded(outcome, reread);
}

/** Where the shown (or last attempted) file came from, to read it again with other options. */
type FileSource = { kind: 'upload'; file: File } | { kind: 'disk' };

function messageOf(error: unknown): string {
  if (error instanceof Error) return error.message;
  // A refusal arrives as data ({name, message}), not as an Error.
  const message = (error as { message?: unknown } | null)?.message;
  return typeof message === 'string' ? message : String(error);
}

/** A file that could not be read: the problem, with its one-click fix when it has one. */
function failed(error: unknown): Action {
  return { type: 'loadFailed', message: messageOf(error), remedy: remedyOf(error) };
}

export function App({ api }: { api: WorkbenchApi | undefined }) {
  const [state, dispatch] = useReducer(reducer, initialState);
  // Unknown until appInfo answers: meanwhile the page binds only the shortcuts no menu has.
  const [host, setHost] = useState<string>('');
  useEffect(() => {
    api?.appInfo().then(
      (info) => setHost(info.host),
      () => undefined,
    );
  }, [api]);
  const revisionRef = useRef(0);
  revisionRef.current = state.run.revision;
  // Menu commands call the latest handlers without re-subscribing.
  const commands = useRef<Record<string, () => void>>({});
  /** The menu's File ▸ Open Project hands its project here (set below, once defined). */
  const applyProjectRef = useRef<((project: OpenedProject) => void) | undefined>(undefined);
  const autoRun = useRef(false);

  // After a reload (or a renderer crash) the engine still holds the data and results.
  useEffect(() => {
    if (!api) return;
    api.session.restore().then(
      async ({ dataset, last }) => {
        if (!dataset) return;
        const result = last ? await api.fits.result(last.jobId).catch(() => undefined) : undefined;
        dispatch({
          type: 'restored',
          dataset,
          form: last
            ? fromSettings(last.settings, dataset)
            : defaultForm(dataset, recallTarget(dataset)),
          result,
        });
      },
      () => undefined,
    );
  }, [api]);

  // The engine holds what the page opened: a dataset the page has replaced is released there.
  const shownDataset = useRef<string | undefined>(undefined);
  const datasetId = state.dataset?.datasetId;
  useEffect(() => {
    const previous = shownDataset.current;
    shownDataset.current = datasetId;
    if (api && previous && previous !== datasetId)
      api.datasets.close(previous).catch(() => undefined);
  }, [api, datasetId]);

  useEffect(() => {
    if (!api) return undefined;
    return api.onEvent((event) => {
      if (event.type === 'command') {
        commands.current[event.command]?.();
        return;
      }
      if (event.type === 'datasetOpened') {
        dispatch(loaded(event.dataset));
        return;
      }
      if (event.type === 'projectOpened') {
        applyProjectRef.current?.(event.project);
        return;
      }
      dispatch({ type: 'event', event });
      if (event.type === 'done' && event.revision === revisionRef.current) {
        api.fits.result(event.jobId).then(
          (result) => dispatch({ type: 'resultArrived', result }),
          (error: unknown) =>
            dispatch({ type: 'resultFailed', revision: event.revision, message: messageOf(error) }),
        );
      }
    });
  }, [api]);

  // The page's shortcuts (renderer/lib/shortcuts.ts says which the desktop menu owns instead).
  const mac = isMac();
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const command: ShortcutCommand | undefined = shortcutFor(event, { host, mac });
      if (!command) return;
      event.preventDefault();
      commands.current[command]?.();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [host, mac]);

  // Predicted-vs-actual follows the selected λ, once the slider rests: while it is dragged or
  // an arrow key held, each step would otherwise ask the engine for predictions and redraw.
  const { result, selectedIndex } = state;
  // In-sample (or test) or out-of-fold; kept across fits.
  const [predictionRows, setPredictionRows] = useState<PredictionRows>('fitted');
  useEffect(() => {
    if (!api || !result) return;
    const rows = predictionRowsAt(result, predictionRows, selectedIndex);
    // None kept at this λ: the results view says so instead of plotting.
    if (rows === 'unavailable') return;
    let current = true;
    const timer = setTimeout(() => {
      api.fits.predictions(result.jobId, selectedIndex, undefined, rows).then(
        (predictions) =>
          current && dispatch({ type: 'predictionsArrived', predictions, jobId: result.jobId }),
        () => undefined,
      );
    }, PREDICTIONS_SETTLE_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [api, result, selectedIndex, predictionRows]);

  const source = useRef<FileSource | undefined>(undefined);

  const openFile = useCallback(
    async (file: File, read: ReadingOptions = {}, reread = false) => {
      if (!api) return;
      const problem = uploadProblem(file);
      if (problem) return dispatch({ type: 'loadFailed', message: problem });
      source.current = { kind: 'upload', file };
      // Results for the old data are no longer wanted.
      if (state.run.status === 'running' && state.run.jobId) void api.fits.cancel(state.run.jobId);
      dispatch({ type: 'loadStarted', read });
      try {
        const bytes = new Uint8Array(await file.arrayBuffer());
        dispatch(opened(await api.datasets.openBytes(file.name, bytes, read), reread));
      } catch (error) {
        dispatch(failed(error));
      }
    },
    [api, state.run.status, state.run.jobId],
  );

  const chooseFile = useCallback(
    async (read: ReadingOptions = {}) => {
      if (!api) return;
      dispatch({ type: 'loadStarted', read });
      try {
        const outcome = await api.datasets.choose(read);
        // A file chosen, read or refused, is the one to read again.
        if (outcome) {
          source.current = { kind: 'disk' };
          dispatch(opened(outcome));
        } else dispatch({ type: 'loadFailed', message: '' });
      } catch (error) {
        dispatch(failed(error));
      }
    },
    [api],
  );

  /** The same file read again with these options (Reading options, or a remedy's button). */
  const reread = useCallback(
    async (read: ReadingOptions) => {
      const from = source.current;
      if (!api || !from) return;
      if (from.kind === 'upload') return openFile(from.file, read, true);
      if (state.run.status === 'running' && state.run.jobId) void api.fits.cancel(state.run.jobId);
      dispatch({ type: 'loadStarted', read });
      try {
        dispatch(opened(await api.datasets.reread(read), true));
      } catch (error) {
        dispatch(failed(error));
      }
    },
    [api, openFile, state.run.status, state.run.jobId],
  );
  const canReread = source.current !== undefined;

  /** Run the form, or (an exact refit from the results) the form with a change made first. */
  const run = useCallback(
    async (changed?: ModelForm) => {
      const form = changed ?? state.form;
      if (!api || !state.dataset || !form) return;
      const revision = state.run.revision + 1;
      dispatch({ type: 'runRequested', form });
      try {
        const { jobId } = await api.fits.start({
          datasetId: state.dataset.datasetId,
          settings: toSettings(form),
          revision,
        });
        dispatch({ type: 'runStarted', revision, jobId });
      } catch (error) {
        dispatch({ type: 'runRejected', revision, message: messageOf(error) });
      }
    },
    [api, state.dataset, state.form, state.run.revision],
  );

  // A remedy's button: a reading option re-reads the file; the level limit runs again.
  const pendingRun = useRef(false);
  const applyRemedy = useCallback(
    (remedy: Remedy) => {
      const read = withRemedy(state.read, remedy);
      if (read) return void reread(read);
      if (remedy.code === 'raise-level-limit' && state.form) {
        dispatch({
          type: 'formChanged',
          form: { ...state.form, maxLevels: Math.max(state.form.maxLevels, remedy.maxLevels) },
        });
        pendingRun.current = true;
      }
    },
    [state.read, state.form, reread],
  );
  useEffect(() => {
    if (!pendingRun.current || state.run.status === 'running') return;
    pendingRun.current = false;
    void run();
  });

  const cancel = useCallback(() => {
    if (api && state.run.jobId) void api.fits.cancel(state.run.jobId);
  }, [api, state.run.jobId]);

  const applyProject = useCallback((project: OpenedProject) => {
    const { action, autoRun: rerun } = projectRestore(project);
    dispatch(action);
    autoRun.current = rerun;
  }, []);

  const projectInput = useRef<HTMLInputElement>(null);
  const openButton = useRef<HTMLButtonElement>(null);
  // The desktop app opens a project by its native dialog (the data found beside it); the
  // browser picks the file in the page and sends its content.
  const openProject = useCallback(async () => {
    if (!api) return;
    if (host !== 'electron') {
      projectInput.current?.click();
      return;
    }
    try {
      const project = await api.projects.open();
      if (project) applyProject(project);
    } catch (error) {
      dispatch({ type: 'notice', notice: { tone: 'warning', text: messageOf(error) } });
    }
  }, [api, applyProject, host]);

  /** A .shrinkage file dropped or chosen in the page, with its data file when dropped together. */
  const openProjectFile = useCallback(
    async (file: File, data?: File) => {
      if (!api) return;
      try {
        // The data first: the engine then finds it open, with the project's fingerprint.
        if (data) {
          const problem = uploadProblem(data);
          if (problem) throw new Error(problem);
          dispatch({ type: 'loadStarted' });
          const outcome = await api.datasets.openBytes(
            data.name,
            new Uint8Array(await data.arrayBuffer()),
          );
          dispatch(opened(outcome));
          // A data file that cannot be read is shown with its fix; the project waits for it.
          if ('refused' in outcome) return;
        }
        applyProject(await api.projects.openContent(file.name, await file.text()));
      } catch (error) {
        if (data) dispatch({ type: 'loadFailed', message: '' });
        dispatch({
          type: 'notice',
          notice: {
            tone: 'warning',
            text: `${file.name} could not be opened: ${messageOf(error)}`,
          },
        });
      }
    },
    [api, applyProject],
  );

  // Results shown with other settings than the form's are stale: Save and Export then act on
  // (and say they act on) the settings that produced the results.
  const fittedForm = result ? state.fittedForm : undefined;
  // Memoized, as is the form's problem below: both read the whole feature list (20 000 names in
  // a wide file) and would otherwise run again on every render, a λ step or a progress event.
  const changed = useMemo(
    () => (state.form && fittedForm ? changedSettings(state.form, fittedForm) : []),
    [state.form, fittedForm],
  );
  const formCheck = useMemo(
    () => (state.form && state.dataset ? formProblem(state.form, state.dataset) : undefined),
    [state.form, state.dataset],
  );
  const stale = changed.length > 0;
  const saveProject = useCallback(async () => {
    if (!api || !state.dataset || !state.form) return;
    try {
      const saved = await api.projects.save({
        datasetId: state.dataset.datasetId,
        ...(result && { jobId: result.jobId }),
        settings: toSettings(stale && fittedForm ? fittedForm : state.form),
        selectedIndex,
      });
      if (saved.content) {
        download(
          saved.content,
          `${state.dataset.summary.fileName.replace(/\.[^.]+$/, '')}.shrinkage`,
          'application/json',
        );
      }
      if (saved.savedAs)
        dispatch({
          type: 'notice',
          notice: { tone: 'info', text: `Project saved to ${saved.savedAs}.` },
        });
    } catch (error) {
      dispatch({
        type: 'notice',
        notice: { tone: 'warning', text: `The project could not be saved: ${messageOf(error)}` },
      });
    }
  }, [api, state.dataset, state.form, result, selectedIndex, stale, fittedForm]);

  useEffect(() => {
    const wanted = autoRun.current || state.runWhenReady;
    if (wanted && state.dataset && state.form && state.run.status !== 'running') {
      autoRun.current = false;
      void run();
    }
  });

  const exportResult = useCallback(
    async (kind: ExportKind) => {
      if (!api || !result) return;
      try {
        const file = await api.exports.create({ jobId: result.jobId, selectedIndex, kind });
        download((file.bytes ?? file.text ?? '') as BlobPart, file.fileName, file.mimeType);
      } catch (error) {
        dispatch({
          type: 'notice',
          notice: { tone: 'warning', text: `The export failed: ${messageOf(error)}` },
        });
      }
    },
    [api, result, selectedIndex],
  );
  const exportResults = useCallback(() => void exportResult('report-html'), [exportResult]);
  const exportMenu = useRef<HTMLDetailsElement>(null);
  const scoreInput = useRef<HTMLInputElement>(null);
  const scoreFile = useCallback(
    async (file: File) => {
      if (!api || !result) return;
      try {
        const problem = uploadProblem(file);
        if (problem) throw new Error(problem);
        const bytes = new Uint8Array(await file.arrayBuffer());
        const scored = await api.exports.score({
          jobId: result.jobId,
          selectedIndex,
          fileName: file.name,
          bytes,
        });
        download(scored.text, scored.fileName, 'text/csv');
        const text = `Scored ${scored.scored} of ${scored.rows} rows of ${file.name} at λ = ${result.path.lambda[selectedIndex]?.toPrecision(4)}. ${scored.warnings.map((w) => w.message).join(' ')}`;
        dispatch({
          type: 'notice',
          notice: { tone: scored.warnings.length ? 'warning' : 'info', text: text.trim() },
        });
      } catch (error) {
        dispatch({
          type: 'notice',
          notice: {
            tone: 'warning',
            text: `${file.name} could not be scored: ${messageOf(error)}`,
          },
        });
      }
    },
    [api, result, selectedIndex],
  );
  const chooseExport = (kind: ExportKind) => {
    if (exportMenu.current) exportMenu.current.open = false;
    void exportResult(kind);
  };

  const runProblem = state.loading
    ? 'Reading the file…'
    : state.form && state.dataset
      ? formCheck
      : 'Open a CSV file to begin.';
  const canRun = api !== undefined && state.run.status !== 'running' && !state.loading;
  commands.current = {
    // The data panel's own Open CSV… (with its reading options), as a click would.
    openDataset: () => (host === 'electron' ? void chooseFile() : openButton.current?.click()),
    exportReport: () => result && exportResults(),
    saveProject: () => state.dataset && void saveProject(),
    openProject: () => void openProject(),
    run: () => canRun && runProblem === undefined && void run(),
  };
  applyProjectRef.current = applyProject;

  if (!api) {
    return (
      <main className="unavailable" aria-labelledby="unavailable-title">
        <h1 id="unavailable-title">Shrinkage</h1>
        <p>
          The analysis engine is not connected. Start the desktop app, or open the address that{' '}
          <code>npm run web</code> prints.
        </p>
      </main>
    );
  }

  const problem = runProblem;
  const setForm = (form: ModelForm) => {
    // A target the user picks is remembered for files with these same columns.
    if (state.dataset && form.target !== state.form?.target)
      rememberTarget(state.dataset, form.target);
    dispatch({ type: 'formChanged', form });
  };
  const fitted = stale ? ' (fitted settings)' : '';
  return (
    <div className="app">
      <header className="topbar">
        <h1 className="brand">
          Shrinkage <span className="tagline">lasso · ridge · elastic net</span>
        </h1>
        <div className="topbar-end">
          {state.dataset && (
            <p className="dataset-badge" title={`SHA-256 ${state.dataset.sha256}`}>
              <Name text={state.dataset.summary.fileName} /> ·{' '}
              {state.dataset.summary.rowCount.toLocaleString()} rows ·{' '}
              {state.dataset.summary.columnCount} columns
            </p>
          )}
          <button
            type="button"
            className="secondary"
            onClick={() => void openProject()}
            title={withShortcut('Open a .shrinkage project', 'openProject', mac)}
          >
            Open project…
          </button>
          <input
            ref={projectInput}
            className="visually-hidden"
            tabIndex={-1}
            type="file"
            accept=".shrinkage,application/json"
            aria-label="Project file"
            onChange={(event) => {
              const file = event.target.files?.[0];
              if (file) void openProjectFile(file);
              event.target.value = '';
            }}
          />
          <button
            type="button"
            className="secondary"
            onClick={() => void saveProject()}
            disabled={!state.dataset}
            title={withShortcut(
              'Save the data file’s location, the settings and the results',
              'saveProject',
              mac,
            )}
          >
            Save project{fitted}
          </button>
          <button
            type="button"
            className="secondary"
            onClick={exportResults}
            disabled={!result}
            title={withShortcut('The HTML report of the results shown', 'exportReport', mac)}
          >
            Export report{fitted}
          </button>
          <details className="more-exports" ref={exportMenu}>
            <summary
              title={stale ? 'Of the results shown, fitted with their own settings' : undefined}
            >
              More exports
            </summary>
            <div className="menu">
              {host === 'electron' && (
                <button type="button" disabled={!result} onClick={() => chooseExport('report-pdf')}>
                  Report (PDF)
                </button>
              )}
              <button
                type="button"
                disabled={!result}
                onClick={() => chooseExport('coefficients-csv')}
              >
                Coefficients along the path (CSV)
              </button>
              <button type="button" disabled={!result} onClick={() => chooseExport('model-json')}>
                Model at the selected λ (JSON)
              </button>
              <button type="button" disabled={!result} onClick={() => chooseExport('results-json')}>
                All results (JSON)
              </button>
              <button
                type="button"
                disabled={!result}
                onClick={() => {
                  if (exportMenu.current) exportMenu.current.open = false;
                  scoreInput.current?.click();
                }}
              >
                Score new data (CSV)…
              </button>
            </div>
          </details>
          <CsvFileInput
            ref={scoreInput}
            label="CSV file to score"
            onFile={(file) => void scoreFile(file)}
          />
        </div>
      </header>
      <aside className="sidebar" aria-label="Analysis settings">
        {/* Nothing is edited while a file is read: its form would replace the edits. */}
        <fieldset className="form-lock" disabled={state.loading} aria-busy={state.loading}>
          <DataPanel
            state={state}
            onFile={openFile}
            onChoose={chooseFile}
            onForm={setForm}
            onRead={(read) => dispatch({ type: 'readChanged', read })}
            onReread={canReread ? (read) => void reread(read) : undefined}
            onRemedy={canReread ? applyRemedy : undefined}
            onProject={(project, data) => void openProjectFile(project, data)}
            openTitle={withShortcut('Open a CSV file', 'openDataset', mac)}
            openButton={openButton}
          />
          {state.form && state.dataset && (
            <>
              <RowsPanel form={state.form} dataset={state.dataset} onForm={setForm} />
              <ModelPanel form={state.form} dataset={state.dataset} onForm={setForm} />
            </>
          )}
        </fieldset>
        <RunPanel
          run={state.run}
          problem={problem}
          onRun={() => void run()}
          onCancel={cancel}
          onRemedy={applyRemedy}
          canApply={(remedy) => remedy.code === 'raise-level-limit' || canReread}
          runTitle={withShortcut('Fit the path and cross-validate', 'run', mac)}
        />
      </aside>
      <main className="workspace" aria-label="Results">
        {state.notice && (
          <p className={`notice ${state.notice.tone}`} role="status">
            {state.notice.text}
          </p>
        )}
        {result ? (
          <ResultsBoundary
            resultKey={`${result.jobId}:${result.revision}`}
            onRerun={() => void run()}
            canRerun={problem === undefined && state.run.status !== 'running'}
          >
            {stale && (
              <p className="notice warning stale-banner" role="status">
                Settings changed — Run to update. The results below were fitted before these
                changed: {changed.join(', ')}.
              </p>
            )}
            <ResultsView
              stale={stale}
              result={result}
              selectedIndex={selectedIndex}
              predictions={state.predictions}
              predictionRows={predictionRows}
              onPredictionRows={setPredictionRows}
              onSelect={(index) => dispatch({ type: 'lambdaSelected', index })}
              onRefit={
                state.form && state.dataset && state.run.status !== 'running'
                  ? (lambda) => {
                      const form = {
                        ...state.form!,
                        lambda: lambda ? formatNumberList(lambda) : '',
                      };
                      if (!formProblem(form, state.dataset!)) void run(form);
                      else setForm(form);
                    }
                  : undefined
              }
              onTighten={
                state.form && state.dataset && state.run.status !== 'running'
                  ? () => {
                      const form = { ...state.form!, tighten: true };
                      if (!formProblem(form, state.dataset!)) void run(form);
                      else setForm(form);
                    }
                  : undefined
              }
            />
          </ResultsBoundary>
        ) : state.dataset ? (
          <DatasetOverview dataset={state.dataset} />
        ) : (
          <section className="welcome">
            <h2>Penalized regression, the glmnet way</h2>
            <p>
              Open a CSV file, choose what to predict, and run. Shrinkage fits the whole
              regularization path, picks λ by cross-validation and shows which features matter.
            </p>
          </section>
        )}
      </main>
    </div>
  );
}
