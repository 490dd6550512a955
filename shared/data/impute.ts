/**
 * Mean / most-frequent-level imputation, learned on training rows only and applied to any
 * rows, so that validation error stays honest (each CV fold learns its own).
 *
 * Missing cells arrive as NaN in the design matrix: a numeric column's own cell, or every
 * column of a categorical feature. A categorical cell takes the most frequent level, never a
 * mean: a two-level feature coded as one 0/1 column is filled with 0 or 1, as its one-hot
 * coding would be, so the imputed row is a row the data could hold. Shapes: design n×p
 * column-major; one group per feature listing its design columns.
 */
import type { FoldPreparation } from '../solver/cv';
import { selectRows } from '../solver/design';
import { mean } from '../solver/standardize';
import type { DesignMatrix } from '../solver/types';

export interface FeatureGroup {
  columns: number[];
  categorical: boolean;
  /**
   * A categorical feature whose first level has no column of its own (coded 0 in every one):
   * a two-level feature coded as one 0/1 column. Absent: a column per level.
   */
  reference?: boolean;
}

/** Per design column, the value that replaces a missing cell. */
export type ImputationValues = number[];

export function hasMissing(design: DesignMatrix): boolean {
  for (let k = 0; k < design.values.length; k++) if (Number.isNaN(design.values[k]!)) return true;
  return false;
}

export function learnImputation(
  design: DesignMatrix,
  groups: readonly FeatureGroup[],
): ImputationValues {
  const { n, values } = design;
  const fill = new Array<number>(design.p).fill(0);
  const columnSum = (j: number) => {
    let sum = 0;
    let count = 0;
    for (let i = 0; i < n; i++) {
      const v = values[j * n + i]!;
      if (!Number.isNaN(v)) {
        sum += v;
        count++;
      }
    }
    return { sum, count };
  };
  for (const group of groups) {
    if (!group.categorical) {
      for (const j of group.columns) {
        const { sum, count } = columnSum(j);
        // A sum that overflows (cells near 1e308) is taken again without overflow.
        const column = () => values.subarray(j * n, (j + 1) * n).filter((v) => !Number.isNaN(v));
        fill[j] = count === 0 ? 0 : Number.isFinite(sum) ? sum / count : mean(column());
      }
      continue;
    }
    // The most frequent level (first in level order on ties) takes the missing cells. The
    // reference level, first in order, counts the rows known to be in none of the columns.
    let best = -1;
    let bestCount = -1;
    if (group.reference) {
      const first = columnSum(group.columns[0]!);
      bestCount = first.count - group.columns.reduce((total, j) => total + columnSum(j).sum, 0);
    }
    for (const j of group.columns) {
      const { sum } = columnSum(j);
      if (sum > bestCount) {
        best = j;
        bestCount = sum;
      }
    }
    for (const j of group.columns) fill[j] = j === best ? 1 : 0;
  }
  return fill;
}

export function applyImputation(design: DesignMatrix, fill: ImputationValues): DesignMatrix {
  const { n, p } = design;
  const values = Float64Array.from(design.values);
  for (let j = 0; j < p; j++) {
    const offset = j * n;
    for (let i = 0; i < n; i++)
      if (Number.isNaN(values[offset + i]!)) values[offset + i] = fill[j]!;
  }
  return { n, p, values };
}

/**
 * The per-fold preparation for cross-validation: imputation values learned from the fold's
 * training rows, applied to its training and held-out rows alike.
 */
export function imputeWithinFold(groups: readonly FeatureGroup[]): FoldPreparation {
  return (design, training, heldOut) => {
    const trainDesign = selectRows(design, training);
    const fill = learnImputation(trainDesign, groups);
    return {
      training: applyImputation(trainDesign, fill),
      heldOut: applyImputation(selectRows(design, heldOut), fill),
    };
  };
}
