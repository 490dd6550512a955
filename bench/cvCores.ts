/**
 * Does a 10-fold CV keep every core busy? Runs the CLI's own code path (CSV file → services →
 * worker-pool folds) on a generated 3000 × 800 problem and reports process CPU time (all
 * threads) against wall time. Run: npm run bench:cv-cores
 */
import { writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadDatasetFile } from '../electron/services/datasets';
import { AnalysisPool } from '../electron/workers/analysisPool';
import { runAnalysis } from '../shared/analysis/run';
import { DEFAULT_SETTINGS } from '../shared/analysis/settings';
import { denseProblem, problemCsv } from './problems';

const n = Number(process.env.BENCH_N ?? 3000);
const p = Number(process.env.BENCH_P ?? 800);
const file = join(tmpdir(), `shrinkage-bench-${n}x${p}.csv`);
writeFileSync(file, problemCsv(denseProblem(n, p)));
const loaded = await loadDatasetFile(file);
const pool = new AnalysisPool({ threads: Math.min(availableParallelism(), 10) });
const cpuBefore = process.cpuUsage();
const wallBefore = performance.now();
const result = await runAnalysis(
  loaded.dataset,
  {
    ...DEFAULT_SETTINGS,
    target: 'y',
    cv: { nfolds: 10, seed: 1, measure: 'mse' },
  },
  { executor: pool },
);
const wall = (performance.now() - wallBefore) / 1000;
const cpu = process.cpuUsage(cpuBefore);
await pool.close();
const cpuSeconds = (cpu.user + cpu.system) / 1e6;
const report = {
  problem: `${n}x${p}`,
  cores: availableParallelism(),
  threads: pool.threads,
  pathLength: result.path.lambda.length,
  readSeconds: Number(loaded.readSeconds.toFixed(3)),
  fitSeconds: Number(result.timing.fitSeconds.toFixed(3)),
  cvSeconds: Number(result.timing.cvSeconds.toFixed(3)),
  wallSeconds: Number(wall.toFixed(3)),
  cpuSeconds: Number(cpuSeconds.toFixed(3)),
  cpuOverWall: Number((cpuSeconds / wall).toFixed(2)),
};
console.log(JSON.stringify(report, null, 1));
