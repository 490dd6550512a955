/**
 * Worker-thread entry point for one CV fold. The design, target and fold ids arrive as
 * SharedArrayBuffers (no per-fold copy of the data crosses threads); the fold fit goes back
 * as plain data. Errors come back as { name, message } so their kind survives the boundary.
 */

import type { FeatureGroup } from '../../shared/data/impute';
import { type FoldFit, fitFold } from '../../shared/solver/cv';
import type { PathOptions } from '../../shared/solver/types';

export interface SharedProblem {
  n: number;
  p: number;
  values: SharedArrayBuffer;
  y: SharedArrayBuffer;
  foldid: SharedArrayBuffer;
}

export interface FoldWorkerTask extends SharedProblem {
  fold: number;
  options: Partial<PathOptions>;
  alignTo: number[];
  impute?: FeatureGroup[] | undefined;
}

export type FoldWorkerReply =
  | { ok: true; fit: FoldFit }
  | { ok: false; error: { name: string; message: string } };

export default function runFoldTask(task: FoldWorkerTask): FoldWorkerReply {
  try {
    const design = { n: task.n, p: task.p, values: new Float64Array(task.values) };
    const fit = fitFold(
      design,
      new Float64Array(task.y),
      new Int32Array(task.foldid),
      task.fold,
      task.options,
      task.alignTo,
      task.impute,
    );
    return { ok: true, fit };
  } catch (error) {
    const { name, message } = error instanceof Error ? error : new Error(String(error));
    return { ok: false, error: { name, message } };
  }
}
