/**
 * Coefficient bounds from the settings (`lowerLimits` / `upperLimits`, schema.ts) to one bound
 * per design column, as the solver takes them (shared/solver/limits.ts): a number bounds every
 * column; a record bounds the columns and features it names, the rest unbounded (±Infinity).
 */
import type { PreparedDesign } from '../data/design';
import { columnsNamed } from './columnNames';
import type { LimitsSetting } from './schema';
import type { AnalysisSettings } from './settings';

export interface CoefficientLimits {
  lowerLimits?: number[] | undefined;
  upperLimits?: number[] | undefined;
}

export function resolveLimits(
  prepared: Pick<PreparedDesign, 'columns' | 'features'>,
  settings: Pick<AnalysisSettings, 'lowerLimits' | 'upperLimits'>,
  fileName: string,
): CoefficientLimits {
  const side = (given: LimitsSetting | undefined, unbounded: number, what: string) => {
    if (given === undefined) return undefined;
    if (typeof given === 'number') return prepared.columns.map(() => given);
    const names = Object.keys(given);
    if (names.length === 0) return undefined;
    const bounds = prepared.columns.map(() => unbounded);
    for (const name of names) {
      for (const j of columnsNamed(prepared, name, [what, 'bound'], fileName))
        bounds[j] = given[name]!;
    }
    return bounds;
  };
  return {
    lowerLimits: side(settings.lowerLimits, Number.NEGATIVE_INFINITY, 'a lower limit'),
    upperLimits: side(settings.upperLimits, Number.POSITIVE_INFINITY, 'an upper limit'),
  };
}
