/**
 * CSV read throughput and peak memory: Shrinkage's reader beside data.table::fread and
 * pandas.read_csv (each when installed), on seeded generated files written to os.tmpdir()
 * and deleted after: 100 MB and 1 GB numeric, and a 200 MB mixed file (text, missing cells,
 * quoted cells with delimiters inside).
 *
 * What is timed: the read alone, in each tool's own process — Shrinkage's loadDatasetFile
 * (bench/loadOne.ts, the function the CLI's worker runs; tsx's start-up is not timed),
 * fread inside system.time, read_csv between perf_counter calls. Peak memory is each
 * process's maximum RSS; Shrinkage's is also given above the process's RSS before the read
 * (Node and tsx alone take ~90 MB), against the columnar size of what was read (8 bytes a
 * numeric cell, 4 a categorical code). Runs alternate between the tools; the best of each is
 * kept. fread runs with its default threads (data.table uses half the cores) and with all.
 *
 * Run: npm run bench:load   (BENCH_FILES=num100,mixed200 to choose, BENCH_RUNS=3)
 */
import { spawnSync } from 'node:child_process';
import { closeSync, createWriteStream, fsyncSync, openSync, rmSync, statSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { mulberry32, normal } from '../shared/solver/random';

interface Spec {
  name: string;
  megabytes: number;
  mixed: boolean;
}
const SPECS: Spec[] = [
  { name: 'num100', megabytes: 100, mixed: false },
  { name: 'num1000', megabytes: 1000, mixed: false },
  { name: 'mixed200', megabytes: 200, mixed: true },
];
const chosen = process.env.BENCH_FILES?.split(',');
const runs = Number(process.env.BENCH_RUNS ?? 2);
const COLUMNS = 20;
const WORDS = ['red', 'green', 'blue', 'cyan', 'magenta', 'yellow', 'black', 'white'];

/** Rows of a numeric file: 20 normal deviates with 6 decimals. */
function numericRow(random: () => number): string {
  let line = '';
  for (let j = 0; j < COLUMNS; j++) line += `${j ? ',' : ''}${normal(random).toFixed(6)}`;
  return `${line}\n`;
}

/** Rows of a mixed file: numbers, integers, a category, missing cells, quoted text with commas. */
function mixedRow(random: () => number, i: number): string {
  const word = WORDS[Math.floor(random() * WORDS.length)]!;
  const missing = random() < 0.1 ? (random() < 0.5 ? 'NA' : '') : normal(random).toFixed(4);
  const quoted = `"${word}, ${Math.floor(random() * 50)}"`;
  const cells = [
    normal(random).toFixed(6),
    String(Math.floor(random() * 1000)),
    word,
    missing,
    quoted,
    normal(random).toExponential(5),
    random() < 0.5 ? 'yes' : 'no',
    (random() * 100).toFixed(2),
    `"${i % 7 === 0 ? 'say ""hi""' : word}"`,
    normal(random).toFixed(3),
  ];
  return `${cells.join(',')}\n`;
}

async function generate(spec: Spec): Promise<string> {
  const file = join(tmpdir(), `shrinkage-bench-${spec.name}-${process.pid}.csv`);
  const random = mulberry32(spec.mixed ? 23 : 11);
  const out = createWriteStream(file);
  const header = spec.mixed
    ? 'x1,count,colour,partial,label,tiny,flag,percent,note,x2\n'
    : `${Array.from({ length: COLUMNS }, (_, j) => `x${j + 1}`).join(',')}\n`;
  out.write(header);
  const target = spec.megabytes * 1e6;
  let bytes = header.length;
  let i = 0;
  while (bytes < target) {
    let block = '';
    for (let k = 0; k < 2000; k++) block += spec.mixed ? mixedRow(random, i++) : numericRow(random);
    bytes += block.length;
    if (!out.write(block)) await new Promise<void>((resolve) => out.once('drain', resolve));
  }
  await new Promise<void>((resolve) => out.end(resolve));
  // On disk before any tool reads it: the first reader must not pay for the write-back.
  const handle = openSync(file, 'r');
  fsyncSync(handle);
  closeSync(handle);
  return file;
}

/** Maximum resident set size of the child that `/usr/bin/time -v` ran, in bytes. */
function peakOf(stderr: string): number {
  return (
    Number(/Maximum resident set size \(kbytes\): (\d+)/.exec(stderr)?.[1] ?? Number.NaN) * 1024
  );
}

interface Measure {
  seconds: number;
  /** CPU time of the read (all threads): steadier than the wall clock on a busy machine. */
  cpuSeconds: number;
  peakRss: number;
  extra?: Record<string, number>;
}

function timed(command: string, args: string[]): { stdout: string; peakRss: number } | undefined {
  const run = spawnSync('/usr/bin/time', ['-v', command, ...args], {
    encoding: 'utf8',
    maxBuffer: 1 << 24,
  });
  if (run.status !== 0) {
    console.error(`${command} failed: ${run.stderr.slice(-600)}`);
    return undefined;
  }
  return { stdout: run.stdout, peakRss: peakOf(run.stderr) };
}

const tools: Record<string, (file: string) => Measure | undefined> = {
  shrinkage: (file) => {
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'bench/loadOne.ts', file], {
      encoding: 'utf8',
    });
    if (run.status !== 0) {
      console.error(run.stderr.slice(-1000));
      return undefined;
    }
    const out = JSON.parse(run.stdout.trim().split('\n').pop()!);
    if (out.reader !== 'bytes') console.log(`  (read by ${out.reader}, not the fast reader)`);
    return {
      seconds: out.seconds,
      cpuSeconds: out.cpuSeconds,
      peakRss: out.peakRss,
      extra: { baselineRss: out.baselineRss, columnarBytes: out.columnarBytes, rows: out.rows },
    };
  },
  'fread (default threads)': (file) => fread(file, false),
  'fread (all cores)': (file) => fread(file, true),
  'pandas.read_csv': (file) => {
    const script = `import sys, time, pandas\nt = time.perf_counter()\nc = time.process_time()\nd = pandas.read_csv(sys.argv[1])\nprint(time.perf_counter() - t, time.process_time() - c, len(d))`;
    const run = timed(python!, ['-c', script, file]);
    if (!run) return undefined;
    const [seconds, cpuSeconds] = run.stdout.trim().split(' ').map(Number);
    return { seconds: seconds!, cpuSeconds: cpuSeconds!, peakRss: run.peakRss };
  },
};

function fread(file: string, allCores: boolean): Measure | undefined {
  const script = `suppressMessages(library(data.table)); ${allCores ? 'setDTthreads(0); ' : ''}f <- commandArgs(TRUE)[1]; t <- system.time(d <- fread(f)); cat(t[["elapsed"]], nrow(d), getDTthreads(), t[["user.self"]] + t[["sys.self"]], "\\n")`;
  const run = timed('Rscript', ['-e', script, file]);
  if (!run) return undefined;
  const [seconds, , threads, cpuSeconds] = run.stdout.trim().split(/\s+/).map(Number);
  return {
    seconds: seconds!,
    cpuSeconds: cpuSeconds!,
    peakRss: run.peakRss,
    extra: { threads: threads! },
  };
}

const available = (command: string, args: string[]) =>
  spawnSync(command, args, { encoding: 'utf8' }).status === 0;
if (!available('Rscript', ['-e', 'library(data.table)'])) {
  delete tools['fread (default threads)'];
  delete tools['fread (all cores)'];
}
// The first Python on the PATH may lack pandas where the system's has it (pyenv beside Debian's python3-pandas).
const python = ['python3', '/usr/bin/python3'].find((command) =>
  available(command, ['-c', 'import pandas']),
);
if (!python) delete tools['pandas.read_csv'];

const mb = (bytes: number) => (bytes / 1e6).toFixed(0);
console.log(`${cpus().length} cores; best of ${runs} alternating runs per tool and file.`);
for (const spec of SPECS) {
  if (chosen && !chosen.includes(spec.name)) continue;
  const file = await generate(spec);
  try {
    const size = statSync(file).size;
    const best = new Map<string, Measure>();
    for (let r = 0; r < runs; r++)
      for (const [name, run] of Object.entries(tools)) {
        const measure = run(file);
        if (!measure) continue;
        const before = best.get(name);
        if (!before || measure.seconds < before.seconds) best.set(name, measure);
      }
    const ours = best.get('shrinkage');
    const freadBest = best.get('fread (all cores)') ?? best.get('fread (default threads)');
    const freadDefault = best.get('fread (default threads)');
    const columnar = ours?.extra?.columnarBytes ?? Number.NaN;
    console.log(
      `\n${spec.name}: ${mb(size)} MB, ${ours?.extra?.rows ?? '?'} rows, columnar ${mb(columnar)} MB`,
    );
    for (const [name, m] of best) {
      const rate = size / 1e6 / m.seconds;
      const cells = [
        name.padEnd(24),
        `${m.seconds.toFixed(3)} s`.padStart(9),
        `${rate.toFixed(0)} MB/s`.padStart(10),
        `cpu ${m.cpuSeconds.toFixed(3)} s`.padStart(12),
        freadDefault ? `×${(freadDefault.seconds / m.seconds).toFixed(2)} fread(default)` : '',
        freadBest ? `×${(freadBest.seconds / m.seconds).toFixed(2)} fread(all)` : '',
        freadDefault ? `cpu ×${(freadDefault.cpuSeconds / m.cpuSeconds).toFixed(2)}` : '',
        `peak ${mb(m.peakRss)} MB (${(m.peakRss / columnar).toFixed(2)}× columnar)`,
      ];
      if (m.extra?.baselineRss !== undefined)
        cells.push(
          `above start ${mb(m.peakRss - m.extra.baselineRss)} MB (${((m.peakRss - m.extra.baselineRss) / columnar).toFixed(2)}×)`,
        );
      if (m.extra?.threads !== undefined) cells.push(`${m.extra.threads} thread(s)`);
      console.log(`  ${cells.filter(Boolean).join('  ')}`);
    }
  } finally {
    rmSync(file, { force: true });
  }
}
