/**
 * The app's services refuse, before reading, a file whose in-memory analysis would exceed the
 * memory budget (SHRINKAGE_MEMORY_LIMIT here), by path (desktop) and by bytes (web upload),
 * as a refused answer the renderer shows; under the budget the file opens as before.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createServices } from '../../../electron/services';
import { dispatch } from '../../../electron/services/api';
import { DatasetService } from '../../../electron/services/datasetService';
import { inProcessExecutor } from '../../../shared/analysis/executor';
import { CHANNELS } from '../../../shared/ipc/channels';

const text = 'x,y\n1,2\n2,3\n3,5\n4,4\n';

function services(path?: string) {
  return createServices({
    executor: inProcessExecutor,
    emit: () => {},
    host: { kind: 'electron', ...(path && { chooseCsvFile: async () => path }) },
    threads: 1,
  });
}

afterEach(() => {
  delete process.env.SHRINKAGE_MEMORY_LIMIT;
});

describe('the memory budget when opening a file in the app', () => {
  it('a file over SHRINKAGE_MEMORY_LIMIT is refused by path before it is read, saying what to do', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'budget-')), 'tall.csv');
    // Malformed rows: were it read, the reader's own refusal (drop-malformed-rows) would come back.
    writeFileSync(path, `${text}1\n2,3,4\n`);
    process.env.SHRINKAGE_MEMORY_LIMIT = '10B';
    const answer = await dispatch(services(path).handlers, CHANNELS.chooseDataset, {});
    expect(answer.ok).toBe(true);
    const { refused } = (answer as { value: { refused: { message: string; remedy?: unknown } } })
      .value;
    expect(refused.message).toMatch(
      /tall\.csv is too large to analyse in memory here \(about [\d.]+ K?B needed, over SHRINKAGE_MEMORY_LIMIT 10 B\)/,
    );
    expect(refused.message).toMatch(/command line, which streams gaussian fits/);
    expect(refused.remedy).toBeUndefined();
  });

  it('uploaded bytes over the budget are refused; under it the file opens', async () => {
    process.env.SHRINKAGE_MEMORY_LIMIT = '10B';
    const tight = services();
    const bytes = Array.from(new TextEncoder().encode(text));
    await expect(tight.datasets.openBytes(new Uint8Array(bytes), 'up.csv')).rejects.toThrow(
      /up\.csv is too large to analyse in memory here/,
    );
    expect(tight.datasets.size).toBe(0);
    process.env.SHRINKAGE_MEMORY_LIMIT = '1MB';
    const roomy = services();
    const info = await roomy.datasets.openBytes(new Uint8Array(bytes), 'up.csv');
    expect(info.summary.rowCount).toBe(4);
  });

  it('without a budget (a service built directly) nothing is checked', async () => {
    const info = await new DatasetService().openBytes(new TextEncoder().encode(text), 'f.csv');
    expect(info.summary.rowCount).toBe(4);
  });
});
