/** Long column names are accepted by the reader, the fit and the IPC contract alike. */
import { describe, expect, it } from 'vitest';
import { runAnalysis } from '../../../shared/analysis/run';
import { DEFAULT_SETTINGS } from '../../../shared/analysis/settings';
import { readCsvText } from '../../../shared/data/csv';
import { MAX_NAME_LENGTH } from '../../../shared/data/names';
import { CHANNELS } from '../../../shared/ipc/channels';
import { contract } from '../../../shared/ipc/contract';

const rows = '1,2,3\n2,1,5\n3,5,4\n4,3,8\n5,4,9\n';

describe('column names over 1000 characters', () => {
  it('can be target, feature and row filter of a run the contract accepts', async () => {
    const x = `x${' long name'.repeat(150)}`;
    const y = `y${'ÿ'.repeat(1500)}`;
    const dataset = readCsvText(`${x},z,${y}\n${rows}`, { fileName: 'long.csv' });
    expect(dataset.columns.map((c) => c.name)).toEqual([x, 'z', y]);
    const settings = {
      ...DEFAULT_SETTINGS,
      target: y,
      features: [x, 'z'],
      penaltyFactor: { [x]: 0.5 },
      testRows: { column: x, value: '5' },
    };
    const request = contract[CHANNELS.startFit].request.safeParse({
      datasetId: crypto.randomUUID(),
      settings,
      revision: 1,
    });
    expect(request.success).toBe(true);
    const result = await runAnalysis(dataset, settings);
    expect(result.prepared.columns[0]!.name).toBe(x);
  });

  it('a name longer than any request may carry is refused when the file is read, saying which', () => {
    const huge = 'n'.repeat(MAX_NAME_LENGTH + 1);
    expect(() => readCsvText(`a,${huge},y\n${rows}`, { fileName: 'huge.csv' })).toThrow(
      /huge\.csv, row 1: Column 2's name \('n{40}…'\) is 100001 characters long; a name can have at most 100000/,
    );
  });
});
