/**
 * Reading problems carry their one-click fix as data (a Remedy), the reading options read the
 * file the way the fix says, and the CLI's flags and the app's API share one definition.
 */
import { describe, expect, it } from 'vitest';
import { parseFitArgs } from '../../../electron/cli/fitArgs';
import { errorData } from '../../../electron/services/errors';
import { fromThreadError, threadError } from '../../../electron/workers/shared';
import { remedyOf } from '../../../renderer/lib/remedy';
import { runAnalysis } from '../../../shared/analysis/run';
import { DEFAULT_SETTINGS } from '../../../shared/analysis/settings';
import { readCsvText } from '../../../shared/data/csv';
import { DataError } from '../../../shared/data/errors';
import {
  type Remedy,
  readOptionsSchema,
  remedyLabel,
  remedySchema,
  withRemedy,
} from '../../../shared/data/readOptions';
import { summarizeDataset } from '../../../shared/data/summary';
import { CHANNELS } from '../../../shared/ipc/channels';
import { contract } from '../../../shared/ipc/contract';

function refusal(text: string, options = {}): DataError {
  try {
    readCsvText(text, { fileName: 'f.csv', ...options });
  } catch (error) {
    return error as DataError;
  }
  throw new Error('the file was read');
}

const ragged = 'a,b,y\n1,2,3\n4,5\n6,7,8\n9\n1,2,3,4\n5,6,7\n';

describe('malformed rows', () => {
  it('names the first, counts them all and offers to drop exactly that many', () => {
    const error = refusal(ragged);
    expect(error.message).toMatch(
      /f\.csv, row 3: This row has 2 fields but the header has 3\. 2 other rows have the wrong number of fields too/,
    );
    expect(error.message).toMatch(
      /Reading options ▸ Drop malformed rows, or --drop-malformed-rows/,
    );
    expect(error.remedy).toEqual({ code: 'drop-malformed-rows', rows: 3 });
    expect(remedyLabel(error.remedy!)).toBe('Drop the 3 malformed rows and re-read');
  });

  it('the remedy, applied, reads the file with those rows dropped', () => {
    const read = withRemedy({}, { code: 'drop-malformed-rows', rows: 3 })!;
    const dataset = readCsvText(ragged, { fileName: 'f.csv', ...read });
    expect(dataset.rowCount).toBe(3);
    expect(dataset.droppedRows).toBe(3);
  });

  it('every row malformed: a delimiter that fits header and rows is offered, never dropping them all', () => {
    // The user chose the comma for a semicolon file: every row is one field against three.
    const chosen = refusal('a,b,y\n1;2;3\n4;5;6\n', { delimiter: ',' });
    expect(chosen.message).toMatch(/row 2: .*Check the delimiter/);
    expect(chosen.remedy).toBeUndefined();
    // No delimiter splits '1;2;3' and 'a,b,y' alike: none is offered.
  });

  it('the delimiter remedy reads the file as the header and rows agree', () => {
    // Header and rows split by semicolons, read as comma-separated because of decimal commas.
    const error = refusal('a;b;y\n1,5;2,5;3\n4,5;5,5;6\n', { delimiter: ',' });
    expect(error.remedy).toEqual({ code: 'set-delimiter', delimiter: ';' });
    expect(remedyLabel(error.remedy!)).toBe('Read as semicolon-separated');
    const read = withRemedy({ delimiter: ',' }, error.remedy!)!;
    expect(
      readCsvText('a;b;y\n1,5;2,5;3\n4,5;5,5;6\n', { fileName: 'f.csv', ...read }).rowCount,
    ).toBe(2);
  });
});

describe('the delimiter option', () => {
  it('reads a semicolon file with decimal commas as chosen, whatever the guess', () => {
    const text = 'a;b;y\n1,5;2;3\n2,5;4;5\n';
    const dataset = readCsvText(text, { fileName: 'f.csv', delimiter: ';', decimal: ',' });
    expect(dataset.delimiter).toBe(';');
    const a = dataset.columns[0]!;
    expect(a.kind === 'numeric' && [...a.values]).toEqual([1.5, 2.5]);
  });
});

describe('missing markers', () => {
  it('a numeric column with a few text values offers to read them as missing', () => {
    const dataset = readCsvText('x,y\n1,2\nn/a,3\n4,-\n5,6\n', { fileName: 'f.csv' });
    const summary = summarizeDataset(dataset);
    expect(summary.columns[0]!.remedy).toEqual({
      code: 'add-missing-markers',
      markers: ['n/a'],
      column: 'x',
    });
    const y = summary.columns[1]!.remedy!;
    expect(remedyLabel(y)).toBe("Read '-' as missing and re-read");
    const read = withRemedy(withRemedy({}, summary.columns[0]!.remedy!)!, y)!;
    const fixed = summarizeDataset(
      readCsvText('x,y\n1,2\nn/a,3\n4,-\n5,6\n', { fileName: 'f.csv', ...read }),
    );
    expect(fixed.columns.map((c) => [c.kind, c.problem, c.missing])).toEqual([
      ['numeric', undefined, 1],
      ['numeric', undefined, 1],
    ]);
    // The default markers stay, the new ones are added.
    expect(read.missingMarkers).toEqual([
      '',
      'NA',
      'N/A',
      'NaN',
      'null',
      'NULL',
      '?',
      '.',
      'n/a',
      '-',
    ]);
    expect(fixed.typeRules).toMatch(
      /Empty cells and NA, N\/A, NaN, null, NULL, \?, \., n\/a, - are missing/,
    );
  });

  it('a custom marker such as -99 makes a number missing', () => {
    const dataset = readCsvText('x,y\n1,2\n-99,3\n4,5\n', {
      fileName: 'f.csv',
      missingMarkers: ['', '-99'],
    });
    expect(dataset.columns[0]!.missing).toBe(1);
  });

  it('text of a real category gets no marker fix (too many distinct values)', () => {
    const rows = [
      'x,y',
      '1,1',
      ...['a', 'b', 'c', 'd', 'e', 'f'].map((t) => `${t},2`),
      '2,3',
      '3,4',
      '4,5',
      '5,6',
      '6,7',
      '7,8',
    ];
    const summary = summarizeDataset(readCsvText(`${rows.join('\n')}\n`, { fileName: 'f.csv' }));
    expect(summary.columns[0]!.problem).toBeDefined();
    expect(summary.columns[0]!.remedy).toBeUndefined();
  });
});

describe('the level limit', () => {
  it('refusing a feature with too many levels offers the limit that admits it', async () => {
    const lines = ['g,y', ...Array.from({ length: 82 }, (_, i) => `L${i},${i % 7}`), 'L0,1'];
    const dataset = readCsvText(`${lines.join('\n')}\n`, { fileName: 'f.csv' });
    const error = await Promise.resolve()
      .then(() => runAnalysis(dataset, { ...DEFAULT_SETTINGS, target: 'y' }))
      .then(
        () => undefined,
        (e: unknown) => e as DataError,
      );
    expect(error?.message).toMatch(
      /82 levels, more than 50.*Reading options ▸ Level limit, or --max-levels 82/,
    );
    expect(error?.remedy).toEqual({ code: 'raise-level-limit', maxLevels: 82, column: 'g' });
    expect(remedyLabel(error!.remedy!)).toBe('Raise the level limit to 82 and run again');
    // A setting, not a reading option: nothing to re-read.
    expect(withRemedy({}, error!.remedy!)).toBeUndefined();
    expect(() =>
      runAnalysis(dataset, { ...DEFAULT_SETTINGS, target: 'y', maxLevels: 82 }),
    ).not.toThrow();
  });
});

describe('the remedy crosses every boundary as data', () => {
  const error = refusal(ragged);
  it('through a worker thread', () => {
    const again = fromThreadError(structuredClone(threadError(error)));
    expect(again).toBeInstanceOf(DataError);
    expect((again as DataError).remedy).toEqual(error.remedy);
    expect(again.message).toBe(error.message);
  });

  it('through the API envelope, checked by its schema in the renderer', () => {
    const data = errorData(error);
    expect(data.remedy).toEqual({ code: 'drop-malformed-rows', rows: 3 });
    expect(remedyOf(JSON.parse(JSON.stringify(data)))).toEqual(data.remedy);
    // A forged remedy is dropped, never acted on.
    expect(remedyOf({ remedy: { code: 'drop-malformed-rows', rows: -1 } })).toBeUndefined();
    expect(remedyOf({ remedy: { code: 'run-shell', command: 'rm -rf /' } })).toBeUndefined();
    expect(
      remedyOf({ remedy: { code: 'set-delimiter', delimiter: ',', extra: 1 } }),
    ).toBeUndefined();
  });

  it('a failed job event carries it, validated by the contract', () => {
    const remedy: Remedy = { code: 'raise-level-limit', maxLevels: 82, column: 'g' };
    expect(remedySchema.parse(remedy)).toEqual(remedy);
    const reread = contract[CHANNELS.rereadDataset].request;
    expect(reread.safeParse({ options: { delimiter: ';', missingMarkers: ['-99'] } }).success).toBe(
      true,
    );
    expect(reread.safeParse({ options: { delimiter: ' ' } }).success).toBe(false);
  });
});

describe('one definition of the reading options', () => {
  it('the CLI flags become the same object the API and projects accept', () => {
    const command = parseFitArgs([
      '--data',
      'f.csv',
      '--target',
      'y',
      '--delimiter',
      'semicolon',
      '--decimal',
      ',',
      '--missing-markers',
      ',-99',
      '--drop-malformed-rows',
    ]);
    expect(command.read).toEqual({
      delimiter: ';',
      decimal: ',',
      missingMarkers: ['', '-99'],
      dropMalformedRows: true,
    });
    expect(readOptionsSchema.parse(command.read)).toEqual(command.read);
    expect(parseFitArgs(['--data', 'f.csv', '--target', 'y', '--delimiter', 'tab']).read).toEqual({
      delimiter: '\t',
    });
  });

  it('the CLI refuses what the schema refuses, naming the flag', () => {
    expect(() => parseFitArgs(['--data', 'f', '--target', 'y', '--delimiter', ' '])).toThrow(
      /--delimiter must be , ; tab or \|/,
    );
    expect(() =>
      parseFitArgs(['--data', 'f', '--target', 'y', '--missing-markers', 'x'.repeat(101)]),
    ).toThrow(/--missing-markers must be at most 100 characters/);
  });
});
