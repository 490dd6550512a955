/**
 * A warning, as data: code acts on `code` and `columns`, people read `message`. Every layer
 * that warns (data reading, design preparation, the solver, cross-validation, scoring) makes
 * these, so nothing ever searches a warning's words. The zod schema that checks them at the
 * boundaries is `warningSchema` in shared/analysis/result.ts; this file has no dependencies so
 * the solver and the data layer can use it too.
 */

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
  'lambda-sorted',
  'lambda-max-zero',
  'not-converged',
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
  /** The CV fold (1-based) it arose in; absent for the fit on all rows. */
  fold?: number | undefined;
  message: string;
}

export function warning(code: WarningCode, message: string, columns?: string[]): Warning {
  return columns ? { code, columns, message } : { code, message };
}
