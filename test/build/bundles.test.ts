/**
 * Checks on the built app (run after `npm run build`): the things nobody can watch in a real
 * Electron window here.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../electron/main/csp';
import { builtPaths } from '../../electron/main/paths';
import { examplesDir } from '../helpers/fixtures';

const root = join(examplesDir, '..');
const out = join(root, 'out');

describe('built app', () => {
  it('has the three parts where main expects them', () => {
    const paths = builtPaths(join(out, 'main'));
    expect(existsSync(join(out, 'main/index.js'))).toBe(true);
    expect(existsSync(paths.preload)).toBe(true);
    expect(existsSync(join(paths.renderer, 'index.html'))).toBe(true);
  });

  it('bundles the preload as one CommonJS file that requires nothing but electron', () => {
    const code = readFileSync(builtPaths(join(out, 'main')).preload, 'utf8');
    expect(code).not.toMatch(/^\s*import\s/m);
    expect(code).not.toMatch(/\bimport\(/);
    const required = [...code.matchAll(/require\(\s*["']([^"']+)["']\s*\)/g)].map((m) => m[1]);
    expect(new Set(required)).toEqual(new Set(['electron']));
  });

  it('runs the preload in a sandbox-like context and exposes only window.workbench', () => {
    const code = readFileSync(builtPaths(join(out, 'main')).preload, 'utf8');
    const exposed: string[] = [];
    const electron = {
      contextBridge: { exposeInMainWorld: (key: string) => exposed.push(key) },
      ipcRenderer: {
        invoke: async () => ({ ok: true, value: null }),
        on: () => {},
        removeListener: () => {},
      },
    };
    const sandboxRequire = (name: string) => {
      if (name === 'electron') return electron;
      throw new Error(`a sandboxed preload cannot require '${name}'`);
    };
    const module = { exports: {} };
    runInNewContext(code, { require: sandboxRequire, module, exports: module.exports, console });
    expect(exposed).toEqual(['workbench']);
  });

  it('serves the renderer with the same CSP in the header and the meta tag', () => {
    const html = readFileSync(join(out, 'renderer/index.html'), 'utf8');
    const meta = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1];
    expect(meta).toBe(CONTENT_SECURITY_POLICY);
    expect(html).not.toMatch(/type="module"|crossorigin/);
  });

  it('bundles the analysis worker as its own file next to main', () => {
    const main = readFileSync(join(out, 'main/index.js'), 'utf8');
    const worker = /["']([^"']*analysisWorker[^"']*\.js)["']/.exec(main)?.[1];
    expect(worker).toBeDefined();
    expect(existsSync(join(out, 'main', worker!.replace(/^\.\//, '')))).toBe(true);
  });
});
