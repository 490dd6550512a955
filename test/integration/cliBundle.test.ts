/** The CLI's cached bundle (electron/cli/bundle.mjs): built once, reused, rebuilt when a source is newer. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
// @ts-expect-error plain JavaScript module without types (it runs before any TypeScript loader)
import { cliEntry } from '../../electron/cli/bundle.mjs';
import { repoRoot } from '../helpers/cliProcess';

const pointer = join(repoRoot, 'node_modules/.cache/shrinkage-cli/current.json');

describe('the bundled CLI', () => {
  it('is reused while no source it was built from has changed, and records those sources', async () => {
    const first: string = await cliEntry();
    const second: string = await cliEntry();
    expect(second).toBe(first);
    const { inputs, builtAt } = JSON.parse(readFileSync(pointer, 'utf8'));
    expect(inputs).toContain('electron/cli/main.ts');
    expect(inputs).toContain('shared/solver/path.ts');
    expect(inputs).toContain('electron/workers/analysisWorker.ts');
    expect(builtAt).toBeLessThanOrEqual(Date.now());
    // The bundled worker sits where the bundled pool looks for it.
    const main = readFileSync(fileURLToPath(first), 'utf8');
    expect(main).toContain('"../workers/analysisWorker.mjs"');
    const module = await import(first);
    expect(typeof module.runAsCommand).toBe('function');
  }, 60_000);

  it('loads the Parquet libraries only when a Parquet file is read or written', async () => {
    // Every CLI run and worker thread loaded them at start-up (~45 ms each) before this.
    const main = fileURLToPath(await cliEntry());
    const worker = join(main, '../../workers/analysisWorker.mjs');
    for (const file of [main, worker])
      expect(readFileSync(file, 'utf8'), file).not.toMatch(/^import[^;]*from "hyparquet/m);
    // The worker reads Parquet files: on demand.
    expect(readFileSync(worker, 'utf8')).toContain('import("hyparquet")');
  }, 60_000);
});
