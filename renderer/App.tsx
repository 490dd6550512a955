import { useCallback, useEffect, useReducer, useRef } from 'react';
import type { WorkbenchApi } from '../shared/ipc/client';
import { DataPanel } from './features/data/DataPanel';
import { DatasetOverview } from './features/data/DatasetOverview';
import { ModelPanel } from './features/model/ModelPanel';
import { ResultsView } from './features/results/ResultsView';
import { RunPanel } from './features/run/RunPanel';
import { formProblem, type ModelForm, toSettings } from './lib/settingsForm';
import { initialState, reducer } from './state/workbench';

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export function App({ api }: { api: WorkbenchApi | undefined }) {
  const [state, dispatch] = useReducer(reducer, initialState);
  const revisionRef = useRef(0);
  revisionRef.current = state.run.revision;

  useEffect(() => {
    if (!api) return undefined;
    return api.onEvent((event) => {
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

  // Predicted-vs-actual follows the selected λ.
  const { result, selectedIndex } = state;
  useEffect(() => {
    if (!api || !result) return;
    let current = true;
    api.fits.predictions(result.jobId, selectedIndex).then(
      (predictions) =>
        current && dispatch({ type: 'predictionsArrived', predictions, jobId: result.jobId }),
      () => undefined,
    );
    return () => {
      current = false;
    };
  }, [api, result, selectedIndex]);

  const openFile = useCallback(
    async (file: File) => {
      if (!api) return;
      dispatch({ type: 'loadStarted' });
      try {
        const bytes = new Uint8Array(await file.arrayBuffer());
        dispatch({ type: 'loaded', dataset: await api.datasets.openBytes(file.name, bytes) });
      } catch (error) {
        dispatch({ type: 'loadFailed', message: messageOf(error) });
      }
    },
    [api],
  );

  const chooseFile = useCallback(async () => {
    if (!api) return;
    dispatch({ type: 'loadStarted' });
    try {
      const dataset = await api.datasets.choose();
      if (dataset) dispatch({ type: 'loaded', dataset });
      else dispatch({ type: 'loadFailed', message: '' });
    } catch (error) {
      dispatch({ type: 'loadFailed', message: messageOf(error) });
    }
  }, [api]);

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

  const exportResults = useCallback(() => {
    if (!result) return;
    const blob = new Blob([JSON.stringify(result, null, 1)], { type: 'application/json' });
    const link = document.createElement('a');
    link.href = URL.createObjectURL(blob);
    link.download = `${result.data.file.replace(/\.[^.]+$/, '')}-shrinkage.json`;
    link.click();
    setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
  }, [result]);

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

  const problem =
    state.form && state.dataset
      ? formProblem(state.form, state.dataset)
      : 'Open a CSV file to begin.';
  const setForm = (form: ModelForm) => dispatch({ type: 'formChanged', form });
  return (
    <div className="app">
      <header className="topbar">
        <h1 className="brand">
          Shrinkage <span className="tagline">lasso · ridge · elastic net</span>
        </h1>
        <div className="topbar-end">
          {state.dataset && (
            <p className="dataset-badge" title={`SHA-256 ${state.dataset.sha256}`}>
              {state.dataset.summary.fileName} · {state.dataset.summary.rowCount.toLocaleString()}{' '}
              rows · {state.dataset.summary.columnCount} columns
            </p>
          )}
          <button type="button" className="secondary" onClick={exportResults} disabled={!result}>
            Export report
          </button>
        </div>
      </header>
      <aside className="sidebar" aria-label="Analysis settings">
        <DataPanel state={state} onFile={openFile} onChoose={chooseFile} onForm={setForm} />
        {state.form && state.dataset && (
          <ModelPanel form={state.form} dataset={state.dataset} onForm={setForm} />
        )}
        <RunPanel run={state.run} problem={problem} onRun={run} onCancel={cancel} />
      </aside>
      <main className="workspace" aria-label="Results">
        {result ? (
          <ResultsView
            result={result}
            selectedIndex={selectedIndex}
            predictions={state.predictions}
            onSelect={(index) => dispatch({ type: 'lambdaSelected', index })}
          />
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
