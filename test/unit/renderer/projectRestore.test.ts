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
