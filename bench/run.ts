/**
 * npm run bench [-- --only 10000x100,5000x1000] [-- --cold] : solver speed against R's glmnet.
 *
 * For each seeded dense problem: the full default path and a 10-fold CV (folds in parallel on
 * worker threads, the same fold ids given to cv.glmnet). When Rscript with glmnet is installed,
 * glmnet and cv.glmnet run on the same data (already in memory on both sides: R reads it before
 * timing) and the ratios are printed. Not part of npm test: timings vary with the machine.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { AnalysisPool } from '../electron/workers/analysisPool';
import { randomFolds } from '../shared/solver/cv';
import { fitPath } from '../shared/solver/path';
import { denseProblem } from './problems';

const PROBLEMS: { n: number; p: number; alpha: number }[] = [
  { n: 10_000, p: 100, alpha: 1 },
  { n: 5000, p: 1000, alpha: 1 },
  { n: 2000, p: 2000, alpha: 0.5 },
  { n: 100_000, p: 50, alpha: 1 },
  { n: 500, p: 20_000, alpha: 1 },
];

const { values } = parseArgs({
  options: { only: { type: 'string' }, 'no-r': { type: 'boolean' }, cold: { type: 'boolean' } },
  strict: true,
});
const only = values.only?.split(',');
const hasGlmnet =
  !values['no-r'] &&
  spawnSync('Rscript', ['-e', 'suppressMessages(library(glmnet))'], { encoding: 'utf8' }).status ===
    0;

function timed<T>(work: () => T): { value: T; seconds: number } {
  const started = performance.now();
  const value = work();
  return { value, seconds: (performance.now() - started) / 1000 };
}

const pool = new AnalysisPool({ threads: availableParallelism() });
// Steady state, as in the app, whose worker threads live for the session: start every thread
// and let its JIT compile the kernels on a modest problem before timing (R's code is compiled
// ahead of time). --cold skips this to show the first-analysis cost.
if (!values.cold) {
  const warm = denseProblem(3000, 60, 7);
  const warmFolds = randomFolds(3000, 4, 7);
  const full = await pool.runPath(warm, {});
  const tasks = Array.from({ length: 4 }, (_, fold) => ({
    fold,
    options: {},
    alignTo: full.lambda,
  }));
  await pool.runFolds({ ...warm, foldid: warmFolds }, tasks);
  for (let i = 0; i < 3; i++) fitPath(warm.design, warm.y, {});
}
const rows: Record<string, unknown>[] = [];
for (const { n, p, alpha } of PROBLEMS) {
  const name = `${n}x${p}`;
  if (only && !only.includes(name)) continue;
  const { design, y } = denseProblem(n, p);
  const foldid = randomFolds(n, 10, 1);
  // Path: best of three for short runs, which are noisy.
  let path = timed(() => fitPath(design, y, { alpha }));
  if (path.seconds < 2)
    for (let i = 0; i < 2; i++) {
      const again = timed(() => fitPath(design, y, { alpha }));
      if (again.seconds < path.seconds) path = again;
    }
  const cvStarted = performance.now();
  const full = await pool.runPath({ design, y }, { alpha });
  const tasks = Array.from({ length: 10 }, (_, fold) => ({
    fold,
    options: { alpha },
    alignTo: full.lambda,
  }));
  await pool.runFolds({ design, y, foldid }, tasks);
  const cvSeconds = (performance.now() - cvStarted) / 1000;
  const row: Record<string, unknown> = {
    problem: name,
    alpha,
    lambdas: path.value.lambda.length,
    sweeps: path.value.diagnostics.sweeps.reduce((a, b) => a + b, 0),
    pathSeconds: Number(path.seconds.toFixed(3)),
    cvSeconds: Number(cvSeconds.toFixed(3)),
    peakRssMB: Math.round(process.resourceUsage().maxRSS / 1024),
  };
  if (hasGlmnet) {
    const dir = mkdtempSync(join(tmpdir(), `bench-${name}-`));
    writeFileSync(join(dir, 'x.bin'), design.values);
    writeFileSync(join(dir, 'y.bin'), y);
    writeFileSync(
      join(dir, 'foldid.bin'),
      Int32Array.from(foldid, (k) => k + 1),
    );
    writeFileSync(join(dir, 'meta.txt'), `${n} ${p} ${alpha}`);
    const r = spawnSync('Rscript', [join(import.meta.dirname, 'glmnet.R'), dir], {
      encoding: 'utf8',
    });
    const glmnet = JSON.parse(r.stdout.trim().split('\n').at(-1) ?? '{}');
    const last = path.value.beta.at(-1)!.slice(0, 5);
    Object.assign(row, {
      glmnetPathSeconds: glmnet.pathSeconds,
      glmnetCvSeconds: glmnet.cvSeconds,
      glmnetLambdas: glmnet.lambdas,
      pathRatio: Number((path.seconds / glmnet.pathSeconds).toFixed(2)),
      cvRatio: Number((cvSeconds / glmnet.cvSeconds).toFixed(2)),
      maxDiffLastBeta: Math.max(...last.map((b, j) => Math.abs(b - glmnet.beta_last[j]))),
    });
  }
  rows.push(row);
  console.error(JSON.stringify(row));
}
await pool.close();
console.table(rows);
console.log(
  JSON.stringify(
    {
      machine: { cores: availableParallelism(), node: process.version },
      glmnet: hasGlmnet,
      results: rows,
    },
    null,
    1,
  ),
);
