/**
 * Which family a target column suggests, and why in words the app shows next to the choice:
 * exactly two distinct values (text or numbers) → logistic regression, whole numbers from 0
 * with more than two values → Poisson, anything else → linear regression. Counts need a 0
 * among them: a whole-number score that never reaches 0 (diabetes' progression, 25 to 346) is
 * more often a measurement than a count. Only a proposal: the user sees the reason and may
 * choose another family.
 */
import type { ColumnSummary } from '../data/summary';
import type { FamilyName } from '../solver/family';

export interface FamilyProposal {
  family: FamilyName;
  /** "2 levels: No, Yes → logistic". */
  reason: string;
  /** A two-class target's values in the order positiveClass defaults by (the second is modelled). */
  classes?: [string, string] | undefined;
}

type TargetColumn = Pick<
  ColumnSummary,
  'kind' | 'min' | 'integer' | 'twoValues' | 'levels' | 'levelCount'
>;

/** Code-unit order, as the design layer sorts a two-class target's values (not locale order). */
const byCodeUnit = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export function proposeFamily(column: TargetColumn): FamilyProposal {
  if ((column.kind === 'categorical' || column.kind === 'boolean') && column.levelCount === 2) {
    const [a, b] = (column.levels ?? []).map((l) => l.level).sort(byCodeUnit);
    if (a !== undefined && b !== undefined)
      return { family: 'binomial', reason: `2 levels: ${a}, ${b} → logistic`, classes: [a, b] };
  }
  if (column.kind === 'numeric') {
    const values = column.twoValues;
    if (values?.length === 2) {
      const [a, b] = values.map(String) as [string, string];
      return { family: 'binomial', reason: `2 values: ${a}, ${b} → logistic`, classes: [a, b] };
    }
    if (column.integer && column.min === 0 && !values)
      return { family: 'poisson', reason: 'whole numbers from 0 (counts) → Poisson' };
    return { family: 'gaussian', reason: 'numbers → linear regression' };
  }
  return { family: 'gaussian', reason: 'not two classes or counts → linear regression' };
}
