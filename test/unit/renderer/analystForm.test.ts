/**
 * Issue 16, items 1–4: the model form never surprises the analyst. Changing the target gives
 * the old one back to the features; a target is proposed only when its name (or the user's
 * earlier choice) says so; results fitted with other settings are known to be stale; re-opening
 * a file with the same columns keeps the form.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { DatasetService } from '../../../electron/services/datasetService';
import type { KeyValueStore } from '../../../renderer/lib/pageSession';
import {
  changedSettings,
  defaultForm,
  formProblem,
  targetProposal,
  withTarget,
} from '../../../renderer/lib/settingsForm';
import { columnSetKey, recallTarget, rememberTarget } from '../../../renderer/lib/targetMemory';
import { initialState, reducer, type WorkbenchState } from '../../../renderer/state/workbench';
import type { DatasetInfo, JobResult } from '../../../shared/ipc/contract';

/** Small files shaped like MASS::Cars93 (a few columns) and R's airquality. */
function cars93(rows = 12): string {
  const lines = ['Manufacturer,Model,Type,Price,MPG.city,Horsepower,Weight'];
  const types = ['Small', 'Midsize', 'Compact', 'Large'];
  for (let i = 0; i < rows; i++) {
    lines.push(
      `Make${i % 4},M${i},${types[i % 4]},${(12 + 1.7 * i).toFixed(1)},${20 + (i % 7)},${100 + 9 * i},${2500 + 83 * i}`,
    );
  }
  return `${lines.join('\n')}\n`;
}

function airquality(rows = 15): string {
  const lines = ['Ozone,Solar.R,Wind,Temp,Month,Day'];
  for (let i = 0; i < rows; i++)
    lines.push(
      `${10 + 3 * i},${150 + 7 * i},${(7 + (i % 5) * 1.3).toFixed(1)},${60 + i},5,${i + 1}`,
    );
  return `${lines.join('\n')}\n`;
}

const service = new DatasetService();
const open = (text: string, name: string) =>
  service.openBytes(new TextEncoder().encode(text), name);

let cars: DatasetInfo;
let air: DatasetInfo;
let named: DatasetInfo;

beforeAll(async () => {
  cars = await open(cars93(), 'cars93.csv');
  air = await open(airquality(), 'airquality.csv');
  named = await open('x1,Response,x2\n1,2,3\n2,3,5\n3,5,4\n4,4,8\n', 'named.csv');
});

describe('changing the target (item 1)', () => {
  it('gives the previous target back to the features it was taken from', () => {
    const weight = withTarget(defaultForm(cars), cars, 'Weight');
    expect(weight.features).not.toContain('Weight');
    const price = withTarget(weight, cars, 'Price');
    expect(price.target).toBe('Price');
    expect(price.features).toContain('Weight');
    expect(price.features).not.toContain('Price');
    // In file order, as the list shows them: the form's features before any target, but Price.
    expect(price.features).toEqual(defaultForm(cars).features.filter((f) => f !== 'Price'));
  });

  it('keeps the features the user unticked unticked', () => {
    const weight = withTarget(defaultForm(air), air, 'Day');
    const edited = { ...weight, features: weight.features.filter((f) => f !== 'Wind') };
    const ozone = withTarget(edited, air, 'Ozone');
    expect(ozone.features).toEqual(['Solar.R', 'Temp', 'Month', 'Day']);
  });
});

describe('proposing a target (item 2)', () => {
  it('proposes nothing when no name says what to predict', () => {
    expect(targetProposal(cars)).toEqual({ target: '' });
    expect(targetProposal(air)).toEqual({ target: '' });
    const form = defaultForm(air);
    expect(form.target).toBe('');
    // Every column stays a feature until a target is chosen.
    expect(form.features).toContain('Day');
    expect(formProblem(form, air)).toBe('Choose the column to predict.');
  });

  it('proposes a column named like an outcome, whatever its case, and says so', () => {
    expect(targetProposal(named)).toEqual({ target: 'Response', reason: 'name' });
    expect(defaultForm(named).features).toEqual(['x1', 'x2']);
  });

  it("proposes the user's earlier choice for these columns, over a name", () => {
    expect(targetProposal(named, 'x2')).toEqual({ target: 'x2', reason: 'remembered' });
    expect(targetProposal(cars, 'Price')).toEqual({ target: 'Price', reason: 'remembered' });
    // A remembered name that is not a usable numeric column here is ignored.
    expect(targetProposal(cars, 'Type')).toEqual({ target: '' });
  });

  it('remembers the choice per column set', () => {
    const items = new Map<string, string>();
    const store: KeyValueStore = {
      getItem: (k) => items.get(k) ?? null,
      setItem: (k, v) => void items.set(k, v),
    };
    rememberTarget(cars, 'Price', store);
    expect(recallTarget(cars, store)).toBe('Price');
    expect(recallTarget(air, store)).toBeUndefined();
    expect(columnSetKey(cars)).not.toBe(columnSetKey(air));
  });

  it('marks a proposed target as a proposal until the user picks one', () => {
    let state = reducer(initialState, { type: 'loaded', dataset: named });
    expect(state.targetProposal).toEqual({ target: 'Response', reason: 'name' });
    state = reducer(state, { type: 'formChanged', form: withTarget(state.form!, named, 'x2') });
    expect(state.targetProposal).toBeUndefined();
    state = reducer(initialState, { type: 'loaded', dataset: cars, rememberedTarget: 'Price' });
    expect(state.form?.target).toBe('Price');
    expect(state.targetProposal?.reason).toBe('remembered');
  });
});

describe('stale results (item 3)', () => {
  it('names the settings that differ from the fitted ones, and only those with an effect', () => {
    const fitted = withTarget(defaultForm(cars), cars, 'Price');
    expect(changedSettings(fitted, fitted)).toEqual([]);
    expect(changedSettings({ ...fitted, penalty: 'ridge' }, fitted)).toEqual(['penalty']);
    // α only matters for elastic net.
    expect(changedSettings({ ...fitted, alpha: 0.3 }, fitted)).toEqual([]);
    expect(changedSettings({ ...fitted, features: ['Weight'] }, fitted)).toEqual(['features']);
    expect(changedSettings({ ...fitted, folds: 5, seed: 2 }, fitted)).toEqual(['cross-validation']);
    expect(changedSettings(withTarget(fitted, cars, 'Weight'), fitted)).toEqual([
      'target',
      'features',
    ]);
  });

  it('records the form a result was fitted with, not the form as edited since', () => {
    let state: WorkbenchState = reducer(initialState, { type: 'loaded', dataset: cars });
    state = reducer(state, { type: 'formChanged', form: withTarget(state.form!, cars, 'Price') });
    const fitted = state.form!;
    state = reducer(state, { type: 'runRequested' });
    state = reducer(state, { type: 'formChanged', form: { ...fitted, penalty: 'ridge' } });
    const result = {
      revision: state.run.revision,
      jobId: 'job',
      path: { lambda: [1, 0.5] },
      timing: { fitSeconds: 0.1 },
    } as unknown as JobResult;
    state = reducer(state, { type: 'resultArrived', result });
    expect(state.fittedForm).toEqual(fitted);
    expect(changedSettings(state.form!, state.fittedForm!)).toEqual(['penalty']);
  });
});

describe('re-opening a file (item 4)', () => {
  it('keeps the form, and edits made while it was read, when the columns match', async () => {
    let state = reducer(initialState, { type: 'loaded', dataset: cars });
    state = reducer(state, { type: 'formChanged', form: withTarget(state.form!, cars, 'Price') });
    state = reducer(state, { type: 'loadStarted' });
    const edited = { ...state.form!, penalty: 'ridge' as const, folds: 5 };
    state = reducer(state, { type: 'formChanged', form: edited });
    const again = await open(cars93(20), 'cars93-more-rows.csv');
    state = reducer(state, { type: 'loaded', dataset: again });
    expect(state.dataset).toBe(again);
    expect(state.form).toEqual(edited);
    expect(state.loading).toBe(false);
  });

  it('starts a fresh form for other columns', () => {
    let state = reducer(initialState, { type: 'loaded', dataset: cars });
    state = reducer(state, { type: 'formChanged', form: withTarget(state.form!, cars, 'Price') });
    state = reducer(state, { type: 'loaded', dataset: air });
    expect(state.form).toEqual(defaultForm(air));
  });
});
