/**
 * npm run bench [-- --only 10000x100,binomial-500x20000] [-- --cold] [-- --no-r] [-- --threads N] :
 * solver speed against R's glmnet. With --end-to-end [--rounds N]: the whole CLI process
 * (start-up, reading the CSV, fitting) against Rscript with fread + glmnet (endToEnd.ts).
 *
 * Gaussian rows (n×p) and logistic rows (binomial-n×p: the same design, y ~ Bernoulli, CV by
 * binomial deviance as cv.glmnet's default) are timed alike.
 *
 * For each seeded dense problem: the full default path and a 10-fold CV (folds in parallel on
 * worker threads, the same fold ids given to cv.glmnet). When Rscript with glmnet is installed,
 * glmnet and cv.glmnet run on the same data in an R process that holds it in memory, and the
 * two sides take turns (ours, glmnet, ours, …) so that a change in the machine's load affects
 * both; each side's best time is reported with the ratio, and the results are compared over the
 * whole path (β, a0, λ at every λ) and the whole CV curve (cvm). Memory: how far one fit (and one
 * CV fold's fit) raises the peak resident size, against the data's Float64 size (fitMemory.ts).
 * Not part of npm test: timings vary with the machine.
 */
import { availableParallelism } from 'node:os';
import { parseArgs } from 'node:util';
import { AnalysisPool } from '../electron/workers/analysisPool';
import { randomFolds, summarizeCv } from '../shared/solver/cv';
import type { FamilyName } from '../shared/solver/family';
import { fitPath } from '../shared/solver/path';
import type { PathResult } from '../shared/solver/types';
import { measureFitMemory } from './fitMemory';
import { type GlmnetPath, GlmnetSession, glmnetAvailable } from './glmnetSession';
import { type BenchProblem, binomialProblem, denseProblem } from './problems';

const PROBLEMS: { n: number; p: number; alpha: number; family: FamilyName }[] = [
  { n: 10_000, p: 100, alpha: 1, family: 'gaussian' },
  { n: 5000, p: 1000, alpha: 1, family: 'gaussian' },
  { n: 2000, p: 2000, alpha: 0.5, family: 'gaussian' },
  { n: 100_000, p: 50, alpha: 1, family: 'gaussian' },
  { n: 500, p: 20_000, alpha: 1, family: 'gaussian' },
  { n: 10_000, p: 100, alpha: 1, family: 'binomial' },
  { n: 5000, p: 1000, alpha: 1, family: 'binomial' },
  { n: 500, p: 20_000, alpha: 1, family: 'binomial' },
];

/** cv.glmnet's default measure for each family, the one both sides compute. */
const CV_MEASURE = { gaussian: 'mse', binomial: 'deviance', poisson: 'deviance' } as const;

const { values } = parseArgs({
  options: {
    only: { type: 'string' },
    'no-r': { type: 'boolean' },
    cold: { type: 'boolean' },
    threads: { type: 'string' },
    'end-to-end': { type: 'boolean' },
    rounds: { type: 'string' },
  },
  strict: true,
});
const only = values.only?.split(',');
if (values['end-to-end']) {
  const { runEndToEnd } = await import('./endToEnd');
  await runEndToEnd({ only, rounds: values.rounds ? Number(values.rounds) : 3 });
  process.exit(0);
}
const hasGlmnet = !values['no-r'] && glmnetAvailable();
// --cold times one round of each, the first: what a first analysis costs before the JIT warms.
const PATH_ROUNDS = values.cold ? 1 : 5;
const CV_ROUNDS = values.cold ? 1 : 2;

// Every core by default; --threads 1 shows the desktop app's setting on a 2-core machine
// (cores − 1, leaving one for the window).
const threads = values.threads ? Number(values.threads) : availableParallelism();
const pool = new AnalysisPool({ threads, startThreads: true });
// Thread start-up is not solver work, and would compete for the cores with the first timings.
await pool.ready();

async function crossValidate(
  problem: BenchProblem,
  alpha: number,
  family: FamilyName,
  foldid: Int32Array,
) {
  const started = performance.now();
  const full = await pool.runPath(problem, { alpha, family });
  const tasks = Array.from({ length: 10 }, (_, fold) => ({
    fold,
    label: String(fold + 1),
    options: { alpha, family },
    alignTo: full.lambda,
  }));
  const folds = await pool.runFolds({ ...problem, foldid }, tasks);
  const seconds = (performance.now() - started) / 1000;
  const summary = summarizeCv(
    problem.y,
    folds,
    full.lambda,
    full.df,
    problem.design.p,
    CV_MEASURE[family],
    { family },
  );
  return { seconds, lambdaMin: summary.lambdaMin, cvm: summary.cvm };
}

/**
 * How far our path is from glmnet's, over every λ: the largest |Δβ| and |Δa0| relative to
 * max(1, max |β|) at that λ (the fixtures' tolerance is 1e-7 on this scale), and the largest
 * relative difference in λ. Infinity when the paths differ in length.
 */
function pathGap(ours: PathResult, theirs: GlmnetPath): { coefficients: number; lambda: number } {
  const L = ours.lambda.length;
  if (theirs.lambda.length !== L) return { coefficients: Infinity, lambda: Infinity };
  const p = ours.beta[0]!.length;
  let coefficients = 0;
  let lambda = 0;
  for (let k = 0; k < L; k++) {
    const beta = ours.beta[k]!;
    let scale = 1;
    for (let j = 0; j < p; j++) scale = Math.max(scale, Math.abs(beta[j]!));
    let gap = Math.abs(ours.a0[k]! - theirs.a0[k]!);
    for (let j = 0; j < p; j++) gap = Math.max(gap, Math.abs(beta[j]! - theirs.beta[k * p + j]!));
    coefficients = Math.max(coefficients, gap / scale);
    // glmnet reports its first λ (solved as λ = ∞) as λ_max; so do we.
    lambda = Math.max(lambda, Math.abs(ours.lambda[k]! - theirs.lambda[k]!) / theirs.lambda[k]!);
  }
  return { coefficients, lambda };
}

const round3 = (x: number) => Number(x.toFixed(3));

// Steady state, as in the app, whose worker threads live for the session: start every thread
// and let its JIT compile the kernels on a modest problem before timing (R's code is compiled
// ahead of time). --cold skips this and times only the first round.
if (!values.cold) {
  const warm = denseProblem(3000, 60, 7);
  await crossValidate(warm, 1, 'gaussian', randomFolds(3000, 10, 7));
  const warmBinomial = binomialProblem(3000, 60, 7);
  await crossValidate(warmBinomial, 1, 'binomial', randomFolds(3000, 10, 7));
  const wide = denseProblem(100, 3000, 7);
  for (let i = 0; i < 3; i++) {
    fitPath(warm.design, warm.y, {});
    fitPath(wide.design, wide.y, {});
    fitPath(warmBinomial.design, warmBinomial.y, { family: 'binomial' });
  }
}

const rows: Record<string, unknown>[] = [];
for (const { n, p, alpha, family } of PROBLEMS) {
  const problem = family === 'binomial' ? binomialProblem(n, p) : denseProblem(n, p);
  const name = problem.name;
  if (only && !only.includes(name)) continue;
  const foldid = randomFolds(n, 10, 1);
  const glmnet = hasGlmnet ? await GlmnetSession.start(problem, alpha, family, foldid) : null;

  let path: { result: PathResult; seconds: number } | null = null;
  let glmnetPath: Awaited<ReturnType<GlmnetSession['path']>> | null = null;
  let gap: ReturnType<typeof pathGap> | null = null;
  for (let round = 0; round < PATH_ROUNDS; round++) {
    const started = performance.now();
    const result = fitPath(problem.design, problem.y, { alpha, family });
    const seconds = (performance.now() - started) / 1000;
    if (!path || seconds < path.seconds) path = { result, seconds };
    const theirs = await glmnet?.path();
    if (theirs && (!glmnetPath || theirs.seconds < glmnetPath.seconds)) glmnetPath = theirs;
    if (glmnet && !gap) gap = pathGap(result, glmnet.lastPath());
  }
  let cv: Awaited<ReturnType<typeof crossValidate>> | null = null;
  let glmnetCv: Awaited<ReturnType<GlmnetSession['cv']>> | null = null;
  let cvmGap = 0;
  for (let round = 0; round < CV_ROUNDS; round++) {
    const ours = await crossValidate(problem, alpha, family, foldid);
    if (!cv || ours.seconds < cv.seconds) cv = ours;
    const theirs = await glmnet?.cv();
    if (glmnet) {
      const theirCvm = glmnet.lastCvm();
      if (theirCvm.length !== ours.cvm.length) cvmGap = Infinity;
      else
        ours.cvm.forEach((m, l) => {
          cvmGap = Math.max(cvmGap, Math.abs(m - theirCvm[l]!) / theirCvm[l]!);
        });
    }
    if (theirs && (!glmnetCv || theirs.seconds < glmnetCv.seconds)) glmnetCv = theirs;
  }
  glmnet?.close();

  const { result } = path!;
  const row: Record<string, unknown> = {
    problem: name,
    alpha,
    lambdas: result.lambda.length,
    passes: result.diagnostics.passes.reduce((a, b) => a + b, 0),
    sweeps: result.diagnostics.sweeps.reduce((a, b) => a + b, 0),
    kktDotsSkipped: result.diagnostics.gradientDotProducts.skipped,
    pathSeconds: round3(path!.seconds),
    cvSeconds: round3(cv!.seconds),
  };
  // Peak memory of one path fit and of one CV fold's fit, each in a fresh process (gaussian:
  // fitMemory.ts builds the gaussian problem).
  if (family === 'gaussian') {
    const pathMemory = measureFitMemory(n, p, alpha, 'path');
    const foldMemory = measureFitMemory(n, p, alpha, 'fold');
    Object.assign(row, {
      dataMB: pathMemory.dataMB,
      fitPeakMB: pathMemory.fitPeakMB,
      foldPeakMB: foldMemory.fitPeakMB,
      squareMB: pathMemory.squareMB,
    });
  }
  if (glmnetPath && glmnetCv) {
    Object.assign(row, {
      glmnetPathSeconds: glmnetPath.seconds,
      glmnetCvSeconds: glmnetCv.seconds,
      pathRatio: Number((path!.seconds / glmnetPath.seconds).toFixed(2)),
      cvRatio: Number((cv!.seconds / glmnetCv.seconds).toFixed(2)),
      sameLambdaCount: glmnetPath.lambdas === result.lambda.length,
      pathGap: Number(gap!.coefficients.toPrecision(2)),
      lambdaGap: Number(gap!.lambda.toPrecision(2)),
      sameLambdaMin: Math.abs(cv!.lambdaMin - glmnetCv.lambdaMin) <= 1e-9 * glmnetCv.lambdaMin,
      cvmGap: Number(cvmGap.toPrecision(2)),
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
      workerThreads: threads,
      glmnet: hasGlmnet,
      rounds: { path: PATH_ROUNDS, cv: CV_ROUNDS, reported: 'best of the rounds, each side' },
      results: rows,
    },
    null,
    1,
  ),
);
