/** Coefficient bounds from the settings to one per design column, and what the schema refuses. */
import { describe, expect, it } from 'vitest';
import { resolveLimits } from '../../../shared/analysis/limits';
import { settingsProblems } from '../../../shared/analysis/schema';
import { DEFAULT_SETTINGS } from '../../../shared/analysis/settings';
import type { DesignColumn } from '../../../shared/data/design';

const columns: DesignColumn[] = [
  { name: 'age', feature: 'age', kind: 'numeric' },
  { name: 'race=black', feature: 'race', kind: 'level', level: 'black' },
  { name: 'race=white', feature: 'race', kind: 'level', level: 'white' },
  { name: 'smoke=yes', feature: 'smoke', kind: 'level', level: 'yes', reference: 'no' },
];
const design = { columns, features: ['age', 'race', 'smoke'] };

describe('resolveLimits', () => {
  it('reads one number as every column, and nothing as unbounded', () => {
    expect(resolveLimits(design, { lowerLimits: 0 }, 'f.csv')).toEqual({
      lowerLimits: [0, 0, 0, 0],
      upperLimits: undefined,
    });
    expect(resolveLimits(design, {}, 'f.csv')).toEqual({
      lowerLimits: undefined,
      upperLimits: undefined,
    });
  });

  it('bounds a feature (all its level columns) or one design column, the rest unbounded', () => {
    const { lowerLimits, upperLimits } = resolveLimits(
      design,
      { lowerLimits: { race: -1, 'race=white': -2 }, upperLimits: { age: 3 } },
      'f.csv',
    );
    const inf = Number.POSITIVE_INFINITY;
    expect(lowerLimits).toEqual([-inf, -1, -2, -inf]);
    expect(upperLimits).toEqual([3, inf, inf, inf]);
  });

  it('names what is wrong: no such feature, or a reference level with no column', () => {
    expect(() => resolveLimits(design, { lowerLimits: { height: 0 } }, 'f.csv')).toThrow(
      "A lower limit is given for 'height', which is not a feature of this model.",
    );
    expect(() => resolveLimits(design, { upperLimits: { 'smoke=no': 1 } }, 'f.csv')).toThrow(
      /An upper limit is given for 'smoke=no', but 'smoke' has two levels/,
    );
  });
});

describe('the settings schema', () => {
  const base = { ...DEFAULT_SETTINGS, target: 'y' };
  it.each([
    [{ lowerLimits: 0.5 }, 'lowerLimits', '≤ 0'],
    [{ upperLimits: -1 }, 'upperLimits', '≥ 0'],
    [{ lowerLimits: { age: 1 } }, 'lowerLimits', '≤ 0'],
    [{ upperLimits: [1] }, 'upperLimits', '≥ 0'],
  ])('refuses %o', (limits, path, side) => {
    const [problem] = settingsProblems({ ...base, ...limits });
    expect(problem?.path).toEqual([path]);
    expect(problem?.message).toContain(side);
  });

  it('accepts bounds on the right side of 0, and none', () => {
    expect(settingsProblems({ ...base, lowerLimits: 0, upperLimits: { age: 2 } })).toEqual([]);
    expect(settingsProblems(base)).toEqual([]);
  });
});
