/**
 * Where the renderer's long main-thread tasks go: drives the built app through the web host on
 * one file (BENCH_FILE=wide|tall|boston), records a CPU profile over load, run and twelve λ steps, cuts
 * the samples into tasks (runs of non-idle samples) and prints, for each task over
 * LONG_MS (default 100), its length and the functions with the most self and inclusive time.
 *
 * Build with SHRINKAGE_NO_MINIFY=1 npx electron-vite build first to see function names.
 * Run: npx tsx bench/uiProfile.ts (each profile is also written as
 * <PROFILE_DIR or the temp dir>/<file>-<phase>.cpuprofile, for Chromium's DevTools).
 */
import { createWriteStream, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type CDPSession, chromium } from 'playwright-core';
import { mulberry32, normal } from '../shared/solver/random';
import { CHROMIUM_ARGS, CHROMIUM_PATH, startWebHostProcess } from '../test/helpers/webHostProcess';

const root = fileURLToPath(new URL('..', import.meta.url));
const LONG_MS = Number(process.env.LONG_MS ?? 100);
const which = process.env.BENCH_FILE ?? 'wide';
const shape = { wide: [500, 20_000, 3], tall: [200_000, 30, 5], boston: [506, 13, 4] }[which]!;

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

interface Node {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  parent?: number;
  children?: number[];
}
interface Profile {
  nodes: Node[];
  samples: number[];
  timeDeltas: number[];
}

const IDLE = new Set(['(idle)', '(program)']);

function analyse(label: string, profile: Profile) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  for (const n of profile.nodes) for (const c of n.children ?? []) byId.get(c)!.parent = n.id;
  const name = (n: Node) =>
    `${n.callFrame.functionName || '(anon)'} ${n.callFrame.url.split('/').at(-1)}:${n.callFrame.lineNumber + 1}:${n.callFrame.columnNumber + 1}`;
  let t = 0;
  type Task = { start: number; end: number; samples: { id: number; dt: number }[] };
  const tasks: Task[] = [];
  let current: Task | undefined;
  profile.samples.forEach((id, i) => {
    const dt = (profile.timeDeltas[i + 1] ?? 0) / 1000;
    const node = byId.get(id)!;
    if (IDLE.has(node.callFrame.functionName)) {
      if (current) tasks.push(current);
      current = undefined;
    } else {
      current ??= { start: t, end: t, samples: [] };
      current.samples.push({ id, dt });
      current.end = t + dt;
    }
    t += dt;
  });
  if (current) tasks.push(current);
  console.log(
    `\n== ${label}: ${tasks.length} tasks, longest ${Math.max(0, ...tasks.map((k) => k.end - k.start)).toFixed(0)} ms`,
  );
  for (const task of tasks.filter((k) => k.end - k.start > LONG_MS)) {
    const self = new Map<string, number>();
    const total = new Map<string, number>();
    for (const { id, dt } of task.samples) {
      let n: Node | undefined = byId.get(id)!;
      self.set(name(n), (self.get(name(n)) ?? 0) + dt);
      const seen = new Set<string>();
      while (n) {
        const k = name(n);
        if (!seen.has(k)) total.set(k, (total.get(k) ?? 0) + dt);
        seen.add(k);
        n = n.parent === undefined ? undefined : byId.get(n.parent);
      }
    }
    const top = (m: Map<string, number>, k: number) =>
      [...m]
        .sort((a, b) => b[1] - a[1])
        .slice(0, k)
        .map(([f, v]) => `    ${v.toFixed(0).padStart(5)} ms  ${f}`)
        .join('\n');
    console.log(
      `-- task at ${task.start.toFixed(0)} ms, ${(task.end - task.start).toFixed(0)} ms\n  self:\n${top(self, 18)}\n  inclusive:\n${top(total, 40)}`,
    );
  }
}

async function profiled<T>(cdp: CDPSession, label: string, act: () => Promise<T>) {
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
  await cdp.send('Profiler.start');
  const value = await act();
  const { profile } = (await cdp.send('Profiler.stop')) as unknown as { profile: Profile };
  writeFileSync(
    join(process.env.PROFILE_DIR ?? tmpdir(), `${which}-${label}.cpuprofile`),
    JSON.stringify(profile),
  );
  analyse(label, profile);
  return value;
}

const dir = mkdtempSync(join(tmpdir(), 'shrinkage-profile-'));
const { url, child } = await startWebHostProcess(root);
const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
try {
  const path = join(dir, `${which}.csv`);
  await writeNumericCsv(path, shape[0]!, shape[1]!, shape[2]!);
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  page.setDefaultTimeout(600_000);
  const cdp = await context.newCDPSession(page);
  await page.goto(url);
  await page.getByRole('heading', { name: /Shrinkage/ }).waitFor();
  await profiled(cdp, 'load', async () => {
    await page.getByLabel('CSV file', { exact: true }).setInputFiles(path);
    await page.getByLabel('Target').waitFor();
    await page.waitForTimeout(500);
  });
  const target = page.getByLabel('Target');
  if ((await target.evaluate((el) => (el as unknown as { tagName: string }).tagName)) === 'SELECT')
    await target.selectOption('y');
  else {
    await target.fill('y');
    await target.press('Enter');
  }
  await page.getByLabel('Folds', { exact: true }).fill('5');
  await profiled(cdp, 'run', async () => {
    await page.getByRole('button', { name: 'Run', exact: true }).click();
    await page.getByRole('figure', { name: 'Coefficient path' }).waitFor({ timeout: 1_200_000 });
    await page.waitForTimeout(1000);
  });
  // λ steps, as bench:ui takes them.
  const slider = page.getByRole('slider', { name: 'λ' });
  await slider.focus();
  await profiled(cdp, 'steps', async () => {
    for (let i = 0; i < 12; i++) {
      await page.keyboard.press(i < 6 ? 'ArrowLeft' : 'ArrowRight');
      await page.waitForTimeout(60);
    }
    await page.waitForTimeout(1000);
  });
  console.log('DOM nodes', await page.evaluate('document.getElementsByTagName("*").length'));
  await context.close();
} finally {
  await browser.close();
  child.kill('SIGTERM');
  rmSync(dir, { recursive: true, force: true });
}
