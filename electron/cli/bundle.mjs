/**
 * The CLI as one bundled module, built from the TypeScript sources with esbuild and cached in
 * node_modules/.cache/shrinkage-cli, so that `npm run cli` starts in a fraction of a second
 * instead of loading every module through tsx (most of a second in the CLI, and again in each
 * worker thread, which a whole-process timing against `Rscript` pays in full).
 *
 * The bundle is rebuilt when any source file it was built from is newer than it (its inputs
 * are recorded from esbuild's metafile), so an edited source takes effect on the next run as
 * it did under tsx. A build goes to a fresh folder and is then named current by an atomic
 * rename of a small pointer file, so CLIs started together never load a half-written bundle.
 * Without esbuild (it comes with tsx, a development dependency) cliEntry returns null and the
 * caller loads the sources through tsx as before.
 */
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));
const cacheDir = join(root, 'node_modules', '.cache', 'shrinkage-cli');
const pointerFile = join(cacheDir, 'current.json');
/** The bundled modules, relative to a build folder (esbuild keeps the layout under electron/). */
const MAIN = 'cli/main.mjs';
const WORKER = 'workers/analysisWorker.mjs';
/** Builds older than this that are not current are removed (a CLI still running one has it loaded). */
const STALE_BUILD_MS = 10 * 60_000;

/** The bundled CLI's main module as a file URL, built first when missing or stale; null without esbuild. */
export async function cliEntry() {
  const current = await currentBuild();
  if (current) return pathToFileURL(join(current, MAIN)).href;
  const built = await build();
  return built && pathToFileURL(join(built, MAIN)).href;
}

/** The current build's folder when every input is older than it, else null. */
async function currentBuild() {
  try {
    const { folder, builtAt, inputs } = JSON.parse(await readFile(pointerFile, 'utf8'));
    const dir = join(cacheDir, folder);
    await Promise.all([stat(join(dir, MAIN)), stat(join(dir, WORKER))]);
    const times = await Promise.all(inputs.map((input) => stat(join(root, input))));
    return times.every((time) => time.mtimeMs <= builtAt) ? dir : null;
  } catch {
    return null; // no build yet, or an input was removed: build again
  }
}

async function build() {
  let esbuild;
  try {
    esbuild = await import('esbuild');
  } catch {
    return null;
  }
  // Inputs newer than this instant make the build stale, even if edited while it runs.
  const builtAt = Date.now();
  const folder = `build-${builtAt}-${process.pid}`;
  const dir = join(cacheDir, folder);
  await mkdir(dir, { recursive: true });
  const result = await esbuild.build({
    absWorkingDir: root,
    entryPoints: ['electron/cli/main.ts', 'electron/workers/analysisWorker.ts'],
    outbase: 'electron',
    outdir: dir,
    outExtension: { '.js': '.mjs' },
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    // analysisPool.ts starts this worker, without tsx, when the constant is defined.
    define: { __BUNDLED_WORKER__: JSON.stringify(`../${WORKER}`) },
    metafile: true,
    logLevel: 'silent',
  });
  const inputs = Object.keys(result.metafile.inputs).filter((input) => !input.includes(':'));
  const pointer = join(cacheDir, `current-${process.pid}.json`);
  await writeFile(pointer, JSON.stringify({ folder, builtAt, inputs }));
  await rename(pointer, pointerFile);
  await removeOldBuilds(folder);
  return dir;
}

async function removeOldBuilds(keep) {
  const now = Date.now();
  for (const name of await readdir(cacheDir)) {
    const match = /^build-(\d+)-/.exec(name);
    if (!match || name === keep || now - Number(match[1]) < STALE_BUILD_MS) continue;
    await rm(join(cacheDir, name), { recursive: true, force: true });
  }
}
