/**
 * The page's side of the Reading options: a re-read keeps the user's form, the level limit is
 * a setting of the form, and a failed run's remedy is kept only when it is a valid one.
 */
import { describe, expect, it } from 'vitest';
import { DatasetService } from '../../../electron/services/datasetService';
import {
  carriedForm,
  changedSettings,
  defaultForm,
  levelProblem,
  toSettings,
} from '../../../renderer/lib/settingsForm';
import { initialState, reducer } from '../../../renderer/state/workbench';
import type { ReadingOptions } from '../../../shared/data/readOptions';
import type { DatasetInfo } from '../../../shared/ipc/contract';

const text = 'a,b,c,g,y\n1,n/a,3,u,1\n2,5,6,v,2\n3,7,n/a,w,3\n4,8,9,u,5\n5,1,2,v,4\n';

async function read(options: ReadingOptions = {}): Promise<DatasetInfo> {
  return new DatasetService().openBytes(new TextEncoder().encode(text), 'f.csv', options);
}

describe('re-reading the file keeps the form', () => {
  it('keeps the target and the choices; columns the new reading made usable join the features', async () => {
    const before = await read();
    expect(before.summary.columns.map((c) => Boolean(c.problem))).toEqual([
      false,
      true,
      true,
      false,
      false,
    ]);
    // The user unticked g and chose ridge.
    const form = { ...defaultForm(before), features: ['a'], penalty: 'ridge' as const };
    const after = await read({ missingMarkers: ['', 'n/a'] });
    expect(after.readOptions).toEqual({ missingMarkers: ['', 'n/a'] });
    const carried = carriedForm(form, before, after);
    expect(carried.target).toBe('y');
    expect(carried.penalty).toBe('ridge');
    // b and c became numeric and join; g, unticked by the user and usable before, stays out.
    expect(carried.features).toEqual(['a', 'b', 'c']);
  });

  it('through the reducer: a re-read (not a new file) carries the form, and the options it was read with', async () => {
    const before = await read();
    const form = { ...defaultForm(before), features: ['a'], nlambda: 30 };
    let state = reducer(initialState, { type: 'loaded', dataset: before });
    state = reducer(state, { type: 'formChanged', form });
    state = reducer(state, { type: 'loadStarted', read: { missingMarkers: ['', 'n/a'] } });
    expect(state.loading).toBe(true);
    const after = await read({ missingMarkers: ['', 'n/a'] });
    const reread = reducer(state, { type: 'loaded', dataset: after, reread: true });
    expect(reread.form?.nlambda).toBe(30);
    expect(reread.form?.features).toEqual(['a', 'b', 'c']);
    expect(reread.read).toEqual({ missingMarkers: ['', 'n/a'] });
    // Opened anew (not a re-read), a file with these columns keeps the form as it was.
    const opened = reducer(state, { type: 'loaded', dataset: after });
    expect(opened.form?.features).toEqual(['a']);
  });
});

describe('the level limit is a setting of the form', () => {
  it('is sent with the settings, named when changed, and moves the "too many levels" note', async () => {
    const info = await read();
    const form = defaultForm(info);
    expect(toSettings(form).maxLevels).toBe(50);
    const raised = { ...form, maxLevels: 82 };
    expect(toSettings(raised).maxLevels).toBe(82);
    expect(changedSettings(raised, form)).toEqual(['level limit']);
    const g = info.summary.columns.find((c) => c.name === 'g')!;
    expect(levelProblem(g, 500, 2)).toMatch(/3 levels, more than the limit of 2/);
    expect(levelProblem(g, 500, 3)).toBeUndefined();
  });
});

describe('a failed run keeps its remedy only when it is valid', () => {
  const running = {
    ...initialState,
    run: { ...initialState.run, status: 'running' as const, revision: 3 },
  };
  const failed = (remedy: unknown) =>
    reducer(running, {
      type: 'event',
      event: {
        type: 'failed',
        jobId: '3b241101-e2bb-4255-8caf-4136c566a962',
        revision: 3,
        error: { name: 'DataError', message: 'too many levels', remedy } as never,
      },
    });
  it('a level-limit remedy is kept for the button', () => {
    expect(failed({ code: 'raise-level-limit', maxLevels: 82, column: 'g' }).run.remedy).toEqual({
      code: 'raise-level-limit',
      maxLevels: 82,
      column: 'g',
    });
  });
  it('anything else is dropped (the page acts on nothing it cannot check)', () => {
    expect(failed({ code: 'raise-level-limit', maxLevels: 'all' }).run.remedy).toBeUndefined();
    expect(failed({ code: 'eval', script: 'x' }).run.remedy).toBeUndefined();
  });
  it('a new run clears it', () => {
    const state = failed({ code: 'raise-level-limit', maxLevels: 82, column: 'g' });
    expect(reducer(state, { type: 'runRequested' }).run.remedy).toBeUndefined();
  });
});
