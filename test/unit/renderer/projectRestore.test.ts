/**
 * Opening a project in the UI: only verified data re-runs on its own, and a result that
 * cannot be drawn is contained (the data and settings stay, Run again is offered).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ReactElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { DatasetService } from '../../../electron/services/datasetService';
import { ResultsBoundary } from '../../../renderer/features/results/ResultsBoundary';
import { projectRestore } from '../../../renderer/lib/projectRestore';
import { initialState, reducer } from '../../../renderer/state/workbench';
import { DEFAULT_SETTINGS } from '../../../shared/analysis/settings';
import type { OpenedProject } from '../../../shared/ipc/contract';
import { examplesDir } from '../../helpers/fixtures';

async function project(dataVerified: boolean, warnings: string[] = []): Promise<OpenedProject> {
  const dataset = await new DatasetService().openBytes(
    new Uint8Array(readFileSync(join(examplesDir, 'diabetes.csv'))),
    'diabetes.csv',
  );
  return {
    fileName: 'study.shrinkage',
    dataset,
    dataVerified,
    settings: { ...DEFAULT_SETTINGS, target: 'y' },
    selectedIndex: 3,
    savedResult: null,
    warnings,
  };
}

describe('restoring a project in the UI', () => {
  it('re-runs only when the data verified', async () => {
    const verified = projectRestore(await project(true));
    expect(verified.autoRun).toBe(true);
    expect(verified.action.notice?.tone).toBe('info');
    const chosen = projectRestore(await project(false, ['not the file it was saved with']));
    expect(chosen.autoRun).toBe(false);
    expect(chosen.action.dataset).toBeDefined();
    expect(chosen.action.notice).toMatchObject({ tone: 'warning' });
    const unnamed = projectRestore(await project(false));
    expect(unnamed.action.notice?.text).toMatch(/Data not verified: choose the file/);
  });

  it('a project without its data waits for the file with its fingerprint, then re-runs on it', async () => {
    const opened = await project(false);
    const data = opened.dataset!;
    const waiting = projectRestore({
      ...opened,
      dataset: null,
      settings: { ...opened.settings, alpha: 0.3, cv: { nfolds: 4, seed: 9, measure: 'mae' } },
      data: { fileName: 'diabetes.csv', sha256: data.sha256 },
    });
    expect(waiting.autoRun).toBe(false);
    let state = reducer(initialState, waiting.action);
    expect(state.projectAwaitingData?.sha256).toBe(data.sha256);
    // Another file: an ordinary open; the project still waits.
    const other = await new DatasetService().openBytes(
      new Uint8Array(readFileSync(join(examplesDir, 'prostate.csv'))),
      'prostate.csv',
    );
    state = reducer(state, { type: 'loaded', dataset: other });
    expect(state.runWhenReady).toBeFalsy();
    expect(state.form?.folds).not.toBe(4);
    expect(state.projectAwaitingData).toBeDefined();
    // Its own data: the project's settings and λ, and a run.
    state = reducer(state, { type: 'loaded', dataset: data });
    expect(state.form).toMatchObject({ target: 'y', folds: 4, measure: 'mae' });
    expect(state.pendingIndex).toBe(3);
    expect(state.runWhenReady).toBe(true);
    expect(state.notice?.text).toMatch(/diabetes\.csv is the data of study\.shrinkage/);
    expect(reducer(state, { type: 'runRequested' }).runWhenReady).toBe(false);
  });

  it('contains a result that cannot be drawn and offers to run again', () => {
    const props = { resultKey: 'job:1', onRerun: () => {}, canRerun: true, children: 'chart' };
    const boundary = new ResultsBoundary(props);
    expect(renderToStaticMarkup(boundary.render() as ReactElement)).toBe('chart');
    boundary.state = {
      failure: undefined,
      ...ResultsBoundary.getDerivedStateFromError(new Error('boom')),
    };
    const fallback = renderToStaticMarkup(boundary.render() as ReactElement);
    expect(fallback).toContain('These results cannot be shown');
    expect(fallback).toContain('boom');
    expect(fallback).toContain('Run again');
    // A different result is drawn afresh.
    boundary.state = { failure: { key: 'job:1', message: 'boom' } };
    const next = new ResultsBoundary({ ...props, resultKey: 'job:2' });
    next.state = boundary.state;
    expect(renderToStaticMarkup(next.render() as ReactElement)).toBe('chart');
  });
});
