/**
 * One read of a CSV file through loadDatasetFile (the function the CLI's worker and the app
 * run), in a process of its own so its peak memory is the read's: prints one JSON line.
 * Used by bench/load.ts; run alone: npx tsx bench/loadOne.ts FILE
 */
import { loadDatasetFile } from '../electron/services/datasets';

const file = process.argv[2];
if (!file) throw new Error('Usage: tsx bench/loadOne.ts FILE');
// The process before reading (Node, tsx and the modules): the read's own memory is above it.
const baselineRss = process.memoryUsage().rss;
const started = performance.now();
const cpuBefore = process.cpuUsage();
const { dataset, reader } = await loadDatasetFile(file);
const seconds = (performance.now() - started) / 1000;
const cpu = process.cpuUsage(cpuBefore);
let columnarBytes = 0;
for (const column of dataset.columns) {
  if (column.kind === 'numeric') columnarBytes += column.values.length * 8;
  else if (column.kind === 'categorical') columnarBytes += column.codes.length * 4;
}
console.log(
  JSON.stringify({
    seconds,
    cpuSeconds: (cpu.user + cpu.system) / 1e6,
    reader,
    rows: dataset.rowCount,
    columns: dataset.columns.length,
    columnarBytes,
    baselineRss,
    peakRss: process.resourceUsage().maxRSS * 1024,
  }),
);
