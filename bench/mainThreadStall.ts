/**
 * The largest stall of the main thread's event loop while the app fits a large file: the
 * desktop main process and the web host must stay responsive (< 100 ms) while a fit runs, so
 * design preparation and fitting run on worker threads. Writes a seeded CSV (numeric features,
 * one categorical), opens it as the app does (DatasetService on the worker pool), then runs
 * one fit through FitService with perf_hooks.monitorEventLoopDelay watching.
 *
 * Run: npm run bench:stall   (BENCH_MB=… to change the size, default 200; BENCH_FOLDS=K to
 * fit with K-fold cross-validation too)
 */
import { createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { DatasetService } from '../electron/services/datasetService';
import { FitService } from '../electron/services/fitService';
import { AnalysisPool } from '../electron/workers/analysisPool';
import { type AnalysisSettings, DEFAULT_SETTINGS } from '../shared/analysis/settings';
import { mulberry32, normal } from '../shared/solver/random';

const FEATURES = 20;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const LEVELS = ['north', 'south', 'east', 'west'];

/** A seeded CSV of about `megabytes` MB: x1 … x20, a categorical `region`, and y. */
export async function writeStallCsv(path: string, megabytes: number): Promise<number> {
  const random = mulberry32(13);
  const out = createWriteStream(path);
  const header = [...Array.from({ length: FEATURES }, (_, j) => `x${j + 1}`), 'region', 'y'];
  out.write(`${header.join(',')}\n`);
  let bytes = 0;
  let rows = 0;
  while (bytes < megabytes * 1e6) {
    const x = Array.from({ length: FEATURES }, () => normal(random));
    const region = LEVELS[rows % LEVELS.length]!;
    const y = x[0]! - 2 * x[1]! + 0.5 * x[2]! + (rows % 4) + normal(random);
    const line = `${x.map((v) => v.toFixed(6)).join(',')},${region},${y.toFixed(6)}\n`;
    bytes += line.length;
    rows++;
    if (!out.write(line)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
  }
  await new Promise<void>((resolve) => out.end(() => resolve()));
  return rows;
}

export interface StallMeasurement {
  /** The longest the event loop was blocked while the fit ran, in ms. */
  maxStallMs: number;
  fitSeconds: number;
}

/** Open `path` as the app does and fit it once, watching the event loop. */
export async function measureFitStall(
  path: string,
  settings: Partial<AnalysisSettings> = {},
  pool = new AnalysisPool(),
): Promise<StallMeasurement> {
  const datasets = new DatasetService(pool);
  const fits = new FitService(datasets, pool, () => {});
  const { datasetId } = await datasets.openPath(path);
  const delay = monitorEventLoopDelay({ resolution: 5 });
  delay.enable();
  // The monitor measures from its first sample on: let it take one before the fit starts.
  await sleep(50);
  const started = performance.now();
  const { jobId } = fits.start(datasetId, { ...DEFAULT_SETTINGS, target: 'y', ...settings }, 1);
  const state = await fits.settled(jobId);
  if (state !== 'done') throw new Error(`the fit ended ${state}`);
  fits.result(jobId);
  const fitSeconds = (performance.now() - started) / 1000;
  await sleep(20);
  delay.disable();
  return { maxStallMs: delay.max / 1e6, fitSeconds };
}

const invokedDirectly =
  process.argv[1] !== undefined && import.meta.url.endsWith(process.argv[1].replace(/\\/g, '/'));
if (invokedDirectly) {
  const megabytes = Number(process.env.BENCH_MB ?? 200);
  const dir = mkdtempSync(join(tmpdir(), 'shrinkage-stall-'));
  const file = join(dir, 'stall.csv');
  const pool = new AnalysisPool();
  try {
    const rows = await writeStallCsv(file, megabytes);
    const size = statSync(file).size / 1e6;
    const folds = Number(process.env.BENCH_FOLDS ?? 0);
    const cv = folds > 1 ? { cv: { nfolds: folds, seed: 1, measure: 'mse' as const } } : {};
    const { maxStallMs, fitSeconds } = await measureFitStall(file, cv, pool);
    console.log(
      `${size.toFixed(0)} MB, ${rows} rows × ${FEATURES + 1} features${folds > 1 ? `, ${folds}-fold CV` : ''}: ` +
        `fit ${fitSeconds.toFixed(1)} s, ` +
        `largest main-thread stall ${maxStallMs.toFixed(1)} ms (bound: 100 ms)`,
    );
  } finally {
    await pool.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
