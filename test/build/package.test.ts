/**
 * electron-builder accepts the configuration and lays the app out as main expects, inside
 * app.asar (run with a stand-in Electron, since the real binary cannot be downloaded here).
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { listPackage } from '@electron/asar';
import { beforeAll, describe, expect, it } from 'vitest';
import { builtPaths, unpackedPath } from '../../electron/main/paths';
import { examplesDir } from '../helpers/fixtures';

const root = join(examplesDir, '..');
/** @electron/fuses' marker; after it: wire version 1, wire length, one byte per fuse ('0' off, '1' on). */
const FUSE_SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
const STANDIN_WIRE = Buffer.from([1, 8, ...Buffer.from('10110001')]);
const FUSES = [
  'runAsNode',
  'enableCookieEncryption',
  'enableNodeOptionsEnvironmentVariable',
  'enableNodeCliInspectArguments',
  'enableEmbeddedAsarIntegrityValidation',
  'onlyLoadAppFromAsar',
  'loadBrowserProcessSpecificV8Snapshot',
  'grantFileProtocolExtraPrivileges',
] as const;
const output = mkdtempSync(join(tmpdir(), 'shrinkage-package-'));
const resources = join(output, 'linux-unpacked', 'resources');
let files: string[] = [];

beforeAll(() => {
  const standIn = mkdtempSync(join(tmpdir(), 'electron-standin-'));
  // The stand-in carries a fuse wire as Electron's binary does (with Electron's defaults), so
  // electron-builder flips the configured fuses in it as in a real package.
  writeFileSync(
    join(standIn, 'electron'),
    Buffer.concat([Buffer.from(FUSE_SENTINEL), STANDIN_WIRE]),
  );
  chmodSync(join(standIn, 'electron'), 0o755);
  const run = spawnSync(
    process.execPath,
    [
      join(root, 'node_modules/electron-builder/cli.js'),
      '--dir',
      `-c.electronDist=${standIn}`,
      `-c.directories.output=${output}`,
    ],
    { cwd: root, encoding: 'utf8' },
  );
  expect(run.status, run.stdout + run.stderr).toBe(0);
  files = listPackage(join(resources, 'app.asar'), { isPack: false }).map((f) =>
    f.replaceAll('\\', '/'),
  );
}, 180_000);

describe('packaged app (electron-builder --dir)', () => {
  it('ships the built output and runtime dependencies only', () => {
    for (const file of [
      '/out/main/index.js',
      '/out/preload/index.cjs',
      '/out/renderer/index.html',
      '/package.json',
      '/docs/USER_GUIDE.md',
    ]) {
      expect(files).toContain(file);
    }
    expect(
      files.some(
        (f) => f.startsWith('/renderer/') || f.startsWith('/shared/') || f.startsWith('/test/'),
      ),
    ).toBe(false);
    for (const devOnly of ['react', 'recharts', 'vite', 'electron', 'vitest', 'typescript']) {
      expect(files).not.toContain(`/node_modules/${devOnly}`);
    }
    expect(files).toContain('/node_modules/papaparse');
  });

  it('resolves main’s paths inside the asar layout, and the worker outside it', () => {
    const mainDir = join(resources, 'app.asar', 'out', 'main');
    const paths = builtPaths(mainDir);
    const inAsar = (path: string) =>
      `/${path.slice(join(resources, 'app.asar').length + 1).replaceAll('\\', '/')}`;
    expect(files).toContain(inAsar(paths.preload));
    expect(files).toContain(inAsar(join(paths.renderer, 'index.html')));
    // The worker path exactly as the bundled main computes it, then redirected to app.asar.unpacked.
    const main = readFileSync(join(root, 'out/main/index.js'), 'utf8');
    const relative =
      /join\$?\d*\(import\.meta\.dirname, "(\.\/chunks\/analysisWorker-[^"]+\.js)"\)/.exec(
        main,
      )?.[1];
    expect(relative).toBeDefined();
    const worker = unpackedPath(join(mainDir, relative!));
    expect(worker).toContain('app.asar.unpacked');
    expect(existsSync(worker)).toBe(true);
    expect(
      existsSync(join(resources, 'app.asar.unpacked/node_modules/piscina/dist/worker.js')),
    ).toBe(true);
    expect(
      existsSync(join(resources, 'app.asar.unpacked/node_modules/papaparse/papaparse.js')),
    ).toBe(true);
    // Every package the worker imports (from its chunk and the chunks that one imports), and
    // what those depend on, is unpacked beside it: a missing one fails only in the installed app.
    const unpacked = join(resources, 'app.asar.unpacked');
    for (const name of workerPackages(worker)) {
      expect(existsSync(join(unpacked, 'node_modules', name, 'package.json')), name).toBe(true);
    }
  });

  it('flips the Electron fuses that would let anyone run code as the app', () => {
    const binary = readFileSync(join(output, 'linux-unpacked', 'shrinkage'));
    const at = binary.indexOf(FUSE_SENTINEL) + FUSE_SENTINEL.length;
    expect(at).toBeGreaterThan(FUSE_SENTINEL.length - 1);
    const wire = Object.fromEntries(
      FUSES.map((fuse, i) => [fuse, String.fromCharCode(binary[at + 2 + i]!)]),
    );
    expect(wire).toEqual({
      runAsNode: '0',
      enableCookieEncryption: '0',
      enableNodeOptionsEnvironmentVariable: '0',
      enableNodeCliInspectArguments: '0',
      enableEmbeddedAsarIntegrityValidation: '1',
      onlyLoadAppFromAsar: '1',
      loadBrowserProcessSpecificV8Snapshot: '0',
      grantFileProtocolExtraPrivileges: '0',
    });
  });

  it('registers the .shrinkage file association', () => {
    const config = readFileSync(join(root, 'electron-builder.yml'), 'utf8');
    expect(config).toMatch(/ext: shrinkage/);
    expect(config).toMatch(/target: \[AppImage, deb\]/);
  });
});

/** The packages a built chunk imports, following its relative imports, with their dependencies. */
function workerPackages(entry: string): Set<string> {
  const packages = new Set<string>();
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file) || !existsSync(file)) return;
    seen.add(file);
    const code = readFileSync(file, 'utf8');
    for (const [, specifier] of code.matchAll(
      /(?:from\s*|import\s*\(\s*|require\(\s*)"([^"]+)"/g,
    )) {
      if (specifier!.startsWith('.')) visit(join(dirname(file), specifier!));
      else if (!specifier!.startsWith('node:') && !specifier!.startsWith('electron')) {
        const parts = specifier!.split('/');
        packages.add(specifier!.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!);
      }
    }
  };
  visit(entry);
  const withDependencies = new Set<string>();
  const add = (name: string) => {
    if (withDependencies.has(name)) return;
    withDependencies.add(name);
    const manifest = join(root, 'node_modules', name, 'package.json');
    if (!existsSync(manifest)) return;
    const { dependencies = {} } = JSON.parse(readFileSync(manifest, 'utf8'));
    for (const dependency of Object.keys(dependencies)) add(dependency);
  };
  for (const name of packages) add(name);
  // Node's own modules imported without the node: prefix.
  for (const name of [...withDependencies])
    if (builtinModules.includes(name)) withDependencies.delete(name);
  return withDependencies;
}
