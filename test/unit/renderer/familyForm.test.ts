/**
 * Issue 15, item 5: choosing the target proposes the family (with its reason), a new family
 * starts from its own default measure, and the modelled class reaches the settings.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { DatasetService } from '../../../electron/services/datasetService';
import {
  changedSettings,
  defaultForm,
  familyProposalFor,
  formProblem,
  isTargetColumn,
  toSettings,
  withFamily,
  withTarget,
} from '../../../renderer/lib/settingsForm';
import type { DatasetInfo } from '../../../shared/ipc/contract';

const service = new DatasetService();
const fixture = (name: string) =>
  service.openBytes(readFileSync(join(__dirname, '../../fixtures/data', name)), name);

let pima: DatasetInfo;
let quine: DatasetInfo;

beforeAll(async () => {
  pima = await fixture('pima.csv');
  quine = await fixture('quine.csv');
});

describe('the family follows the target', () => {
  it('proposes logistic for a two-level text target, with its deviance default', () => {
    expect(isTargetColumn(pima, 'type')).toBe(true);
    const form = withTarget(defaultForm(pima), pima, 'type');
    expect(form.family).toBe('binomial');
    expect(form.measure).toBe('deviance');
    expect(familyProposalFor(pima, 'type')?.reason).toBe('2 levels: No, Yes → logistic');
    expect(formProblem(form, pima)).toBeUndefined();
    expect(toSettings(form)).toMatchObject({
      family: 'binomial',
      target: 'type',
      positiveClass: null,
    });
  });

  it('proposes Poisson for a count target, and back to linear for a measurement', () => {
    const days = withTarget(defaultForm(quine), quine, 'Days');
    expect(days.family).toBe('poisson');
    expect(days.measure).toBe('deviance');
    const glu = withTarget(withTarget(defaultForm(pima), pima, 'type'), pima, 'glu');
    expect(glu.family).toBe('gaussian');
    expect(glu.measure).toBe('mse');
  });

  it('keeps a measure the user chose when the family does not change', () => {
    const form = { ...withTarget(defaultForm(pima), pima, 'type'), measure: 'auc' as const };
    expect(withTarget(form, pima, 'type').measure).toBe('auc');
  });

  it('refuses text with more than two levels as a target', () => {
    expect(isTargetColumn(quine, 'Age')).toBe(false); // 4 levels
    expect(isTargetColumn(quine, 'Sex')).toBe(true);
  });

  it('sends a chosen modelled class, and drops it for another family', () => {
    const form = { ...withTarget(defaultForm(pima), pima, 'type'), positiveClass: 'No' };
    expect(toSettings(form).positiveClass).toBe('No');
    expect(changedSettings(form, { ...form, positiveClass: '' })).toEqual(['positive class']);
    expect(toSettings(withFamily(form, 'gaussian')).positiveClass).toBeNull();
  });
});
