import { useCallback, useEffect, useMemo, useReducer, useRef, useState } from 'react';
import type { WorkbenchApi } from '../shared/ipc/client';
import type { DatasetInfo, OpenedProject } from '../shared/ipc/contract';
import { CsvFileInput } from './features/data/CsvFileInput';
import { DataPanel, type ReadChoice } from './features/data/DataPanel';
import { DatasetOverview } from './features/data/DatasetOverview';
import { ModelPanel } from './features/model/ModelPanel';
import { ResultsBoundary } from './features/results/ResultsBoundary';
import { ResultsView } from './features/results/ResultsView';
import { RunPanel } from './features/run/RunPanel';
import { download } from './lib/download';
import { projectRestore } from './lib/projectRestore';
import {
  changedSettings,
  defaultForm,
  formProblem,
  fromSettings,
  type ModelForm,
  toSettings,
} from './lib/settingsForm';
import { recallTarget, rememberTarget } from './lib/targetMemory';
import { uploadProblem } from './lib/upload';

type ExportKind = 'report-html' | 'report-pdf' | 'coefficients-csv' | 'model-json' | 'results-json';

import { Name } from './features/common/Name';
import { type Action, initialState, reducer } from './state/workbench';

/** How long the λ slider rests before the predictions at the new λ are fetched. */
const PREDICTIONS_SETTLE_MS = 120;

/** A file has been read: propose the target the user chose before for these columns. */
function loaded(dataset: DatasetInfo): Action {
  return { type: 'loaded', dataset, rememberedTarget: recallTarget(dataset) };
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export function App({ api }: { api: WorkbenchApi | undefined }) {
  const [state, dispatch] = useReducer(reducer, initialState);
  const [host, setHost] = useState<string>('web');
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
      async ({ datasets, last }) => {
        const dataset = datasets.at(-1);
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

  // Predicted-vs-actual follows the selected λ, once the slider rests: while it is dragged or
  // an arrow key held, each step would otherwise ask the engine for predictions and redraw.
  const { result, selectedIndex } = state;
  useEffect(() => {
    if (!api || !result) return;
    let current = true;
    const timer = setTimeout(() => {
      api.fits.predictions(result.jobId, selectedIndex).then(
        (predictions) =>
          current && dispatch({ type: 'predictionsArrived', predictions, jobId: result.jobId }),
        () => undefined,
      );
    }, PREDICTIONS_SETTLE_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [api, result, selectedIndex]);

  const openFile = useCallback(
    async (file: File, read: ReadChoice = {}) => {
      if (!api) return;
      const problem = uploadProblem(file);
      if (problem) return dispatch({ type: 'loadFailed', message: problem });
      // Results for the old data are no longer wanted.
      if (state.run.status === 'running' && state.run.jobId) void api.fits.cancel(state.run.jobId);
      dispatch({ type: 'loadStarted' });
      try {
        const bytes = new Uint8Array(await file.arrayBuffer());
        dispatch(loaded(await api.datasets.openBytes(file.name, bytes, read)));
      } catch (error) {
        dispatch({ type: 'loadFailed', message: messageOf(error) });
      }
    },
    [api, state.run.status, state.run.jobId],
  );

  const chooseFile = useCallback(
    async (read: ReadChoice = {}) => {
      if (!api) return;
      dispatch({ type: 'loadStarted' });
      try {
        const dataset = await api.datasets.choose(read);
        if (dataset) dispatch(loaded(dataset));
        else dispatch({ type: 'loadFailed', message: '' });
      } catch (error) {
        dispatch({ type: 'loadFailed', message: messageOf(error) });
      }
    },
    [api],
  );

  const run = useCallback(async () => {
    if (!api || !state.dataset || !state.form) return;
    const revision = state.run.revision + 1;
    dispatch({ type: 'runRequested' });
    try {
      const { jobId } = await api.fits.start({
        datasetId: state.dataset.datasetId,
        settings: toSettings(state.form),
        revision,
      });
      dispatch({ type: 'runStarted', revision, jobId });
    } catch (error) {
      dispatch({ type: 'runRejected', revision, message: messageOf(error) });
    }
  }, [api, state.dataset, state.form, state.run.revision]);

  const cancel = useCallback(() => {
    if (api && state.run.jobId) void api.fits.cancel(state.run.jobId);
  }, [api, state.run.jobId]);

  const applyProject = useCallback((project: OpenedProject) => {
    const { action, autoRun: rerun } = projectRestore(project);
    dispatch(action);
    autoRun.current = rerun;
  }, []);

  const openProject = useCallback(async () => {
    if (!api) return;
    try {
      const project = await api.projects.open();
      if (project) applyProject(project);
    } catch (error) {
      dispatch({ type: 'notice', notice: { tone: 'warning', text: messageOf(error) } });
    }
  }, [api, applyProject]);

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
    if (autoRun.current && state.dataset && state.form && state.run.status === 'idle') {
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

  commands.current = {
    openDataset: () => void chooseFile(),
    exportReport: exportResults,
    saveProject: () => void saveProject(),
    openProject: () => void openProject(),
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

  const problem = state.loading
    ? 'Reading the file…'
    : state.form && state.dataset
      ? formCheck
      : 'Open a CSV file to begin.';
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
            onClick={() => void saveProject()}
            disabled={!state.dataset}
          >
            Save project{fitted}
          </button>
          <button type="button" className="secondary" onClick={exportResults} disabled={!result}>
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
          <DataPanel state={state} onFile={openFile} onChoose={chooseFile} onForm={setForm} />
          {state.form && state.dataset && (
            <ModelPanel form={state.form} dataset={state.dataset} onForm={setForm} />
          )}
        </fieldset>
        <RunPanel run={state.run} problem={problem} onRun={run} onCancel={cancel} />
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
              onSelect={(index) => dispatch({ type: 'lambdaSelected', index })}
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
