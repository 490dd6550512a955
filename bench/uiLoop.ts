/**
 * How the analyst's loop feels in the browser: the built renderer through the web host, in
 * Debian's Chromium, on three files (MASS::Boston or a Boston-like stand-in, 200 000 × 30 and
 * 500 × 20 000). Per file it prints the load time, run-to-results, the 95th percentile and the
 * maximum time from a λ step (ArrowLeft/ArrowRight on the slider) to the frame that shows it,
 * and the longest main-thread task seen (PerformanceObserver 'longtask') while loading and
 * running, and while stepping λ.
 *
 * Targets (issue 16): the frame after a λ step within 50 ms on Boston, within 100 ms at
 * 200 000 rows and at 20 000 features; no main-thread task over 200 ms while loading or running.
 *
 * Run: npm run bench:ui   (BENCH_STEPS=… λ steps per file, default 24; BENCH_FILES=boston,tall
 * to run a subset; CHROMIUM_PATH to use another browser)
 */
import { spawnSync } from 'node:child_process';
import { createWriteStream, existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Page } from 'playwright-core';
import { mulberry32, normal } from '../shared/solver/random';
import { CHROMIUM_ARGS, CHROMIUM_PATH, startWebHostProcess } from '../test/helpers/webHostProcess';

const root = fileURLToPath(new URL('..', import.meta.url));
const STEPS = Number(process.env.BENCH_STEPS ?? 24);

interface BenchFile {
  key: string;
  label: string;
  target: string;
  write: (path: string) => Promise<void>;
}

/** A seeded numeric CSV: `features` columns x1…, then y depending on the first five. */
async function writeNumericCsv(path: string, rows: number, features: number, digits: number) {
  const random = mulberry32(7);
  const out = createWriteStream(path);
  const header = [...Array.from({ length: features }, (_, j) => `x${j + 1}`), 'y'];
  out.write(`${header.join(',')}\n`);
  for (let i = 0; i < rows; i++) {
    const x = Array.from({ length: features }, () => normal(random));
    const y = 3 * x[0]! - 2 * x[1]! + x[2]! + 0.5 * x[3]! - 0.5 * x[4]! + normal(random);
    const line = `${x.map((v) => v.toFixed(digits)).join(',')},${y.toFixed(digits)}\n`;
    if (!out.write(line)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
  }
  await new Promise<void>((resolve) => out.end(() => resolve()));
}

/** MASS::Boston from R when it is installed, else a seeded file of the same shape. */
async function writeBoston(path: string) {
  const r = spawnSync(
    'Rscript',
    ['-e', `write.csv(MASS::Boston, ${JSON.stringify(path)}, row.names=FALSE)`],
    { stdio: 'ignore' },
  );
  if (r.status === 0 && existsSync(path)) return;
  console.log('(R or MASS not found: a Boston-shaped generated file stands in)');
  await writeNumericCsv(path, 506, 13, 4);
}

const FILES: BenchFile[] = [
  { key: 'boston', label: 'Boston 506 × 13', target: 'medv', write: writeBoston },
  {
    key: 'tall',
    label: '200 000 × 30',
    target: 'y',
    write: (p) => writeNumericCsv(p, 200_000, 30, 5),
  },
  {
    key: 'wide',
    label: '500 × 20 000',
    target: 'y',
    write: (p) => writeNumericCsv(p, 500, 20_000, 3),
  },
];

/** Installed before the page's own scripts: collects long tasks and times λ steps. */
function instrument() {
  const w = window as unknown as {
    __longest: number;
    __steps: number[];
  };
  w.__longest = 0;
  w.__steps = [];
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) w.__longest = Math.max(w.__longest, entry.duration);
  }).observe({ type: 'longtask', buffered: true });
  // From the key press to the frame after it has been painted: rAF runs before the paint of
  // the frame, the message after it.
  document.addEventListener(
    'keydown',
    (event) => {
      if (!(event.target instanceof HTMLInputElement) || event.target.type !== 'range') return;
      const start = event.timeStamp;
      performance.mark('lambda-step-start');
      requestAnimationFrame(() => {
        const channel = new MessageChannel();
        channel.port1.onmessage = () => {
          performance.mark('lambda-step-painted');
          w.__steps.push(performance.now() - start);
        };
        channel.port2.postMessage(0);
      });
    },
    true,
  );
}

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
};

async function longest(page: Page, reset: boolean): Promise<number> {
  return page.evaluate((r) => {
    const w = window as unknown as { __longest: number };
    const value = w.__longest;
    if (r) w.__longest = 0;
    return value;
  }, reset);
}

async function benchFile(page: Page, url: string, file: BenchFile, path: string) {
  // A frozen page is a result to report, not a reason to give up early.
  page.setDefaultTimeout(600_000);
  await page.goto(url);
  await page.getByRole('heading', { name: /Shrinkage/ }).waitFor();
  await longest(page, true);
  const name = path.split('/').at(-1)!;
  let t = performance.now();
  await page.getByLabel('CSV file', { exact: true }).setInputFiles(path);
  await page.getByRole('heading', { name }).waitFor({ timeout: 600_000 });
  await page.getByLabel('Target').waitFor({ timeout: 600_000 });
  const load = (performance.now() - t) / 1000;
  console.log(`  ${file.label}: loaded in ${load.toFixed(1)} s`);
  const longestLoad = await longest(page, true);
  // A native menu up to 500 columns, a search box beyond (ColumnSelect).
  const target = page.getByLabel('Target');
  if ((await target.evaluate((el) => (el as unknown as { tagName: string }).tagName)) === 'SELECT')
    await target.selectOption(file.target);
  else {
    await target.fill(file.target);
    await target.press('Enter');
  }
  await page.getByLabel('Folds', { exact: true }).fill('5');
  t = performance.now();
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await page.getByRole('figure', { name: 'Coefficient path' }).waitFor({ timeout: 1_200_000 });
  const run = (performance.now() - t) / 1000;
  console.log(`  ${file.label}: results in ${run.toFixed(1)} s`);
  // Let the first predictions arrive before stepping.
  await page.waitForTimeout(1000);
  const longestRun = await longest(page, true);
  const slider = page.getByRole('slider', { name: 'λ' });
  await slider.focus();
  for (let i = 0; i < STEPS; i++) {
    await page.keyboard.press(i < STEPS / 2 ? 'ArrowLeft' : 'ArrowRight');
    await page.waitForFunction(
      (n) => (window as unknown as { __steps: number[] }).__steps.length > n,
      i,
    );
    await page.waitForTimeout(30);
  }
  await page.waitForTimeout(1500);
  const steps = await page.evaluate(() => (window as unknown as { __steps: number[] }).__steps);
  const longestSteps = await longest(page, true);
  return { load, run, steps, longestLoad, longestRun, longestSteps };
}

const wanted = process.env.BENCH_FILES?.split(',');
const dir = mkdtempSync(join(tmpdir(), 'shrinkage-bench-ui-'));
const { url, child } = await startWebHostProcess(root);
const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
try {
  for (const file of FILES.filter((f) => !wanted || wanted.includes(f.key))) {
    const path = join(dir, `${file.key}.csv`);
    await file.write(path);
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    await context.addInitScript(instrument);
    const page = await context.newPage();
    const r = await benchFile(page, url, file, path);
    await context.close();
    const ms = (v: number) => `${v.toFixed(0)} ms`;
    console.log(
      `${file.label} (${(statSync(path).size / 1e6).toFixed(1)} MB): load ${r.load.toFixed(1)} s, ` +
        `run-to-results ${r.run.toFixed(1)} s, λ step (${r.steps.length}) p95 ${ms(percentile(r.steps, 95))} ` +
        `max ${ms(Math.max(...r.steps))}, longest task: load ${ms(r.longestLoad)}, run ${ms(r.longestRun)}, ` +
        `stepping ${ms(r.longestSteps)}`,
    );
  }
} finally {
  await browser.close();
  child.kill('SIGTERM');
  rmSync(dir, { recursive: true, force: true });
}
