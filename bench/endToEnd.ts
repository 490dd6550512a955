/**
 * npm run bench -- --end-to-end [--only 10000x100,…] [--rounds N]: the whole process as a CLI
 * user waits for it, against R.
 *
 * For each bench size (bench/problems.ts, the same seeded problems as the solver rows) a CSV
 * is written once; then, taking turns so that a change in the machine's load affects both:
 *   ours:  node electron/cli/start.mjs fit --data FILE --target y [--family binomial] [--cv 10]
 *          (what `npm run cli -- fit …` runs, without npm's own start-up)
 *   R:     Rscript: data.table::fread(FILE), then glmnet / cv.glmnet (nfolds = 10) on it
 * each timed from spawn to exit (start-up, reading, fitting, printing). Each side's best wall
 * time is reported with the ratio, and ours is split by the CLI's own clocks (read, fit, CV) from
 * its --json. Not part of npm test: timings vary with the machine.
 */
import { spawnSync } from 'node:child_process';
import { createWriteStream, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FamilyName } from '../shared/solver/family';
import { type BenchProblem, binomialProblem, denseProblem } from './problems';

const SIZES: { n: number; p: number; family: FamilyName }[] = [
  { n: 10_000, p: 100, family: 'gaussian' },
  { n: 5000, p: 1000, family: 'gaussian' },
  { n: 2000, p: 2000, family: 'gaussian' },
  { n: 100_000, p: 50, family: 'gaussian' },
  { n: 500, p: 20_000, family: 'gaussian' },
  { n: 10_000, p: 100, family: 'binomial' },
  { n: 5000, p: 1000, family: 'binomial' },
];

export interface EndToEndOptions {
  only?: string[] | undefined;
  rounds: number;
}

/** Writes the problem as a CSV (x1 … xp, y), numbers as the CLI and fread both read them. */
async function writeCsv(problem: BenchProblem, file: string): Promise<void> {
  const { n, p, values } = problem.design;
  const out = createWriteStream(file);
  const header = [...Array.from({ length: p }, (_, j) => `x${j + 1}`), 'y'].join(',');
  out.write(`${header}\n`);
  const cells: string[] = new Array(p + 1);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < p; j++) cells[j] = values[j * n + i]!.toFixed(6);
    cells[p] = String(problem.y[i]);
    if (!out.write(`${cells.join(',')}\n`)) {
      await new Promise<void>((resolve) => out.once('drain', () => resolve()));
    }
  }
  await new Promise<void>((resolve) => out.end(() => resolve()));
}

const R_SCRIPT = `
args <- commandArgs(trailingOnly = TRUE)
suppressMessages({ library(data.table); library(glmnet) })
d <- fread(args[1])
y <- d[["y"]]
x <- as.matrix(d[, !"y"])
if (args[3] == "cv") fit <- cv.glmnet(x, y, family = args[2], nfolds = 10) else fit <- glmnet(x, y, family = args[2])
cat(length(if (args[3] == "cv") fit$lambda else fit$lambda), "\\n")
`;

function timed(command: string, args: string[]): { seconds: number; stdout: string } {
  const started = performance.now();
  const run = spawnSync(command, args, { encoding: 'utf8', maxBuffer: 1 << 26 });
  const seconds = (performance.now() - started) / 1000;
  if (run.status !== 0) {
    throw new Error(`${command} ${args.join(' ')} failed (${run.status}): ${run.stderr}`);
  }
  return { seconds, stdout: run.stdout };
}

function rAvailable(): boolean {
  const run = spawnSync('Rscript', ['-e', 'library(glmnet); library(data.table)'], {
    stdio: 'ignore',
  });
  return run.status === 0;
}

export async function runEndToEnd({ only, rounds }: EndToEndOptions): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'shrinkage-e2e-bench-'));
  const rScript = join(dir, 'fit.R');
  await import('node:fs/promises').then((fs) => fs.writeFile(rScript, R_SCRIPT));
  const hasR = rAvailable();
  const rows: Record<string, unknown>[] = [];
  try {
    for (const { n, p, family } of SIZES) {
      const problem = family === 'binomial' ? binomialProblem(n, p) : denseProblem(n, p);
      if (only && !only.includes(problem.name)) continue;
      const file = join(dir, `${problem.name}.csv`);
      await writeCsv(problem, file);
      const megabytes = statSync(file).size / 1e6;
      for (const mode of ['path', 'cv'] as const) {
        const json = join(dir, 'result.json');
        const ours = [
          'electron/cli/start.mjs',
          'fit',
          ...['--data', file, '--target', 'y', '--family', family, '--json', json],
          ...(mode === 'cv' ? ['--cv', '10'] : []),
        ];
        let best = Infinity;
        let bestR = Infinity;
        let clocks: Record<string, unknown> = {};
        for (let round = 0; round < rounds; round++) {
          const run = timed(process.execPath, ours);
          if (run.seconds < best) {
            best = run.seconds;
            const result = JSON.parse(readFileSync(json, 'utf8'));
            clocks = result.timing ?? result.diagnostics?.timing ?? {};
          }
          if (hasR)
            bestR = Math.min(bestR, timed('Rscript', [rScript, file, family, mode]).seconds);
        }
        const row: Record<string, unknown> = {
          problem: problem.name,
          mode,
          csvMB: Number(megabytes.toFixed(1)),
          seconds: Number(best.toFixed(2)),
          ...(hasR && {
            rSeconds: Number(bestR.toFixed(2)),
            ratio: Number((best / bestR).toFixed(2)),
          }),
          clocks,
        };
        rows.push(row);
        console.error(JSON.stringify(row));
      }
      rmSync(file, { force: true });
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  console.table(rows.map(({ clocks: _clocks, ...row }) => row));
  console.log(
    JSON.stringify(
      {
        machine: { cores: availableParallelism(), node: process.version },
        peer: hasR ? 'Rscript: data.table::fread + glmnet / cv.glmnet (nfolds = 10)' : 'none',
        rounds: { each: rounds, reported: 'best wall time of the rounds, each side' },
        results: rows,
      },
      null,
      1,
    ),
  );
}
