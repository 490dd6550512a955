/**
 * A warning, as data: code acts on `code` and `columns`, people read `message`. Every layer
 * that warns (data reading, design preparation, the solver, cross-validation, scoring) makes
 * these, so nothing ever searches a warning's words. The zod schema that checks them at the
 * boundaries is `warningSchema` in shared/analysis/result.ts; this file has no dependencies so
 * the solver and the data layer can use it too.
 */

import { listWithAnd, nounFor } from './plural';

/** What a warning is about. 'legacy' is a plain-text warning from a result saved before codes. */
export const WARNING_CODES = [
  // Reading the file (shared/data/csv.ts, encoding.ts, columnBuilder.ts)
  'encoding-guessed',
  'renamed-column',
  'malformed-rows',
  'trailing-fields',
  'underflow',
  'comma-numbers-as-text',
  'point-numbers-as-text',
  'grouped-numbers-as-text',
  'ambiguous-decimal-point',
  'decimal-comma',
  // Preparing the design (shared/data/design.ts)
  'empty-feature',
  'renamed-level-column',
  'rows-dropped',
  'imputed',
  // The solver (shared/solver/path.ts) and cross-validation (shared/solver/cv.ts)
  'constant-column',
  'forced-numeric',
  'lambda-sorted',
  'lambda-max-zero',
  'not-converged',
  'max-iter-reached',
  'path-saturated',
  'probabilities-clamped',
  'auc-too-few-rows',
  'cv-ungrouped',
  // The final path's convergence certificate (shared/analysis/certify.ts)
  'far-from-optimal',
  // Signs of a leaking feature, after the fit (shared/analysis/leakage.ts)
  'possible-leakage',
  'near-perfect-fit',
  // Scoring new data with a model (shared/analysis/model.ts)
  'unused-columns',
  'unseen-level',
  'rows-not-scored',
  'blank-lines',
  'legacy',
] as const;

export type WarningCode = (typeof WARNING_CODES)[number];

export interface Warning {
  code: WarningCode;
  /**
   * The columns it concerns, by name: for data warnings ('renamed-column', 'underflow',
   * 'decimal-comma', 'comma-numbers-as-text', 'point-numbers-as-text',
   * 'grouped-numbers-as-text', 'ambiguous-decimal-point', 'empty-feature', 'unseen-level',
   * 'unused-columns', 'possible-leakage', 'near-perfect-fit') the file's column names; for design and solver warnings
   * ('renamed-level-column', 'constant-column') design-column names (`designColumns[j].name`).
   * The solver knows only indices (`diagnostics.constantColumns`); it leaves `columns` out
   * and the analysis names them.
   */
  columns?: string[] | undefined;
  /** The CV fold (1-based) it arose in, and `message` then begins with foldPrefix(fold); absent for the fit on all rows. */
  fold?: number | undefined;
  message: string;
}

export function warning(code: WarningCode, message: string, columns?: string[]): Warning {
  return columns ? { code, columns, message } : { code, message };
}

/** How a CV fold's warning begins: "Fold 3: …" (cross-validation adds it; grouping removes it). */
export const foldPrefix = (fold: number) => `Fold ${fold}: `;

/** Warnings that differ only in their fold, as one line. */
export interface WarningGroup {
  code: WarningCode;
  /** The message without its fold prefix. */
  message: string;
  /** The folds (1-based, increasing) it arose in; empty for the fit on all rows. */
  folds: number[];
}

/**
 * Per-fold repeats of one warning collapse into one group, so ten folds that each found the
 * same constant column read as one line, not ten. Groups keep the order of their first warning.
 */
export function groupWarnings(warnings: readonly Warning[]): WarningGroup[] {
  const groups = new Map<string, WarningGroup>();
  for (const w of warnings) {
    const prefix = w.fold === undefined ? '' : foldPrefix(w.fold);
    // A fold's message begins with its foldPrefix (cross-validation adds it): cut by length.
    const message = w.message.slice(prefix.length);
    const key = `${w.fold === undefined ? 'all' : 'fold'}\u0000${w.code}\u0000${message}`;
    const group = groups.get(key) ?? { code: w.code, message, folds: [] };
    if (w.fold !== undefined && !group.folds.includes(w.fold)) group.folds.push(w.fold);
    groups.set(key, group);
  }
  for (const g of groups.values()) g.folds.sort((a, b) => a - b);
  return [...groups.values()];
}

/** A group as one line: "In folds 2, 5 and 7: …", or the message alone for the fit on all rows. */
export function warningGroupText(group: WarningGroup): string {
  if (group.folds.length === 0) return group.message;
  return `In ${nounFor(group.folds.length, 'fold')} ${listWithAnd(group.folds)}: ${group.message}`;
}
