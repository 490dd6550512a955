/**
 * npm run bench:stability [-- --n 5000 --p 1000 --pairs 50 --threads N] : the time of
 * stability selection (2·pairs half-samples, each on the full path's λ sequence) on a seeded
 * dense gaussian problem (bench/problems.ts), its half-samples in parallel on the worker pool
 * as an analysis runs them (shared/analysis/stability.ts). Prints the full path's time, the
 * stability selection's, per half-sample, and the load average (the machine is shared: the
 * time depends on what else runs). Not part of npm test.
 */
import { availableParallelism, loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { AnalysisPool } from '../electron/workers/analysisPool';
import { runStability } from '../shared/analysis/stability';
import { denseProblem } from './problems';

const { values } = parseArgs({
  options: {
    n: { type: 'string' },
    p: { type: 'string' },
    pairs: { type: 'string' },
    threads: { type: 'string' },
  },
  strict: true,
});
const n = Number(values.n ?? 5000);
const p = Number(values.p ?? 1000);
const pairs = Number(values.pairs ?? 50);
const threads = values.threads ? Number(values.threads) : availableParallelism();

const problem = denseProblem(n, p);
const pool = new AnalysisPool({ threads, startThreads: true });
await pool.ready();
const options = { alpha: 1, standardize: true, intercept: true, nlambda: 100, thresh: 1e-7 };
const before = loadavg()[0]!;
let started = performance.now();
const path = await pool.runPath(problem, options);
const pathSeconds = (performance.now() - started) / 1000;
started = performance.now();
let done = 0;
const { block } = await runStability(
  pool,
  problem,
  options,
  path.lambda,
  Array.from({ length: p }, (_, j) => ({ name: `x${j + 1}` })),
  { pairs, threshold: 0.6, seed: 1 },
  (finished, total) => {
    done = finished;
    if (finished % 10 === 0 || finished === total)
      process.stderr.write(`  ${finished} of ${total} half-samples\n`);
  },
);
const seconds = (performance.now() - started) / 1000;
const after = loadavg()[0]!;
console.log(
  [
    `stability selection on ${n} × ${p} (gaussian, seeded), ${threads} worker threads of ${availableParallelism()} cores`,
    `  full path: ${path.lambda.length} λ values in ${pathSeconds.toFixed(2)} s`,
    `  ${done} half-samples of ${block.subsampleSize} rows (${pairs} complementary pairs), each on those λ: ${seconds.toFixed(1)} s (${((seconds / done) * threads).toFixed(2)} s per half-sample per thread)`,
    `  selected ${block.selected.length} columns (π = 0.6, Λ down to λ index ${block.rangeEnd}); bound ${block.bound?.toFixed(3)}`,
    `  load average (1 min) before ${before.toFixed(2)}, after ${after.toFixed(2)}: the machine is shared, so the time is an upper bound`,
  ].join('\n'),
);
await pool.close();
