/**
 * Peak memory of loading a large CSV through the CLI, against the data's columnar size.
 * Writes a ~200 MB numeric CSV (seeded), then runs `cli inspect` under /usr/bin/time -v.
 * Run: npm run bench:load-memory   (BENCH_MB=… to change the size)
 */
import { spawnSync } from 'node:child_process';
import { createWriteStream, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mulberry32, normal } from '../shared/solver/random';

const targetBytes = Number(process.env.BENCH_MB ?? 200) * 1e6;
const columns = 20;
const file = join(tmpdir(), `shrinkage-load-${targetBytes / 1e6}MB.csv`);
const random = mulberry32(11);
const out = createWriteStream(file);
out.write(`${[...Array.from({ length: columns }, (_, j) => `x${j + 1}`), 'y'].join(',')}\n`);
let bytes = 0;
let rows = 0;
while (bytes < targetBytes) {
  const line = `${Array.from({ length: columns + 1 }, () => normal(random).toFixed(6)).join(',')}\n`;
  bytes += line.length;
  rows++;
  if (!out.write(line)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
}
await new Promise<void>((resolve) => out.end(() => resolve()));
const size = statSync(file).size;
const columnarBytes = rows * (columns + 1) * 8;
const run = spawnSync(
  '/usr/bin/time',
  ['-v', 'npx', 'tsx', 'electron/cli/main.ts', 'inspect', '--data', file],
  { encoding: 'utf8' },
);
const peakKb = Number(
  /Maximum resident set size \(kbytes\): (\d+)/.exec(run.stderr)?.[1] ?? Number.NaN,
);
const wall = /Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (.*)/.exec(run.stderr)?.[1];
console.log(
  JSON.stringify(
    {
      file,
      fileMB: Number((size / 1e6).toFixed(1)),
      rows,
      cells: rows * (columns + 1),
      columnarMB: Number((columnarBytes / 1e6).toFixed(1)),
      peakRssMB: Number((peakKb / 1e3).toFixed(1)),
      peakOverColumnar: Number(((peakKb * 1e3) / columnarBytes).toFixed(2)),
      wall,
      exitCode: run.status,
    },
    null,
    1,
  ),
);
if (run.status !== 0) console.error(run.stderr.slice(-2000));
