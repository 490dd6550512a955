/**
 * Peak memory of one fit, measured in a fresh process: generate the problem, let the garbage
 * collector settle, reset the peak resident size (Linux), fit the path (or one CV fold), and
 * report how far the peak rose, against the
 * data's Float64 size (n·p·8 bytes) and the covariance mode's O(p²) term.
 *
 * Used by bench/run.ts; alone: npx tsx --expose-gc bench/fitMemory.ts N P ALPHA [path|fold]
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fitFold, randomFolds } from '../shared/solver/cv';
import { fitPath } from '../shared/solver/path';
import { denseProblem } from './problems';

export interface FitMemory {
  dataMB: number;
  /** How far the process's peak resident size rose during the fit. */
  fitPeakMB: number;
  /** fitPeak / data size. */
  overData: number;
  /** The covariance mode's p²·8 bytes, in MB (0 in naive mode, used when p < 500). */
  squareMB: number;
}

const MB = 2 ** 20;

/** The process's peak resident size since start or the last reset (Linux), in bytes. */
function peakResidentBytes(): number {
  const status = readFileSync('/proc/self/status', 'utf8');
  return Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1]) * 1024;
}

export function measureFitMemory(n: number, p: number, alpha: number, kind: 'path' | 'fold') {
  const run = spawnSync(
    process.execPath,
    [
      '--expose-gc',
      '--import',
      'tsx',
      join(import.meta.dirname, 'fitMemory.ts'),
      `${n}`,
      `${p}`,
      `${alpha}`,
      kind,
    ],
    { encoding: 'utf8', cwd: join(import.meta.dirname, '..') },
  );
  if (run.status !== 0) throw new Error(`fitMemory failed: ${run.stderr.slice(-1000)}`);
  return JSON.parse(run.stdout.trim().split('\n').at(-1)!) as FitMemory;
}

if (process.argv[1]?.endsWith('fitMemory.ts')) {
  const [n, p, alpha] = process.argv.slice(2, 5).map(Number) as [number, number, number];
  const kind = process.argv[5] === 'fold' ? 'fold' : 'path';
  const { design, y } = denseProblem(n, p);
  const foldid = randomFolds(n, 10, 1);
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('run with --expose-gc');
  gc();
  // Linux: writing 5 to clear_refs resets the peak resident size (VmHWM) to the current one,
  // so the data's generation does not count.
  writeFileSync('/proc/self/clear_refs', '5');
  const before = peakResidentBytes();
  if (kind === 'path') fitPath(design, y, { alpha });
  else fitFold(design, y, foldid, 0, { alpha }, [1, 0.5, 0.1]);
  const fitPeak = peakResidentBytes() - before;
  const dataBytes = n * p * 8;
  const result: FitMemory = {
    dataMB: Number((dataBytes / MB).toFixed(1)),
    fitPeakMB: Number((fitPeak / MB).toFixed(1)),
    overData: Number((fitPeak / dataBytes).toFixed(2)),
    squareMB: p < 500 ? Number(((p * p * 8) / MB).toFixed(1)) : 0,
  };
  console.log(JSON.stringify(result));
}
