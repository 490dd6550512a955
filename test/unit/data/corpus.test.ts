/**
 * The CSV corpus (test/fixtures/csv, written by generate.ts): every malformed file gives its own
 * message naming the problem and, where it applies, the row and column; every awkward but
 * valid variant of diabetes.csv gives exactly the fit of the clean file.
 */
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadDatasetFile } from '../../../electron/services/datasets';
import { runAnalysis } from '../../../shared/analysis/run';
import { DEFAULT_SETTINGS } from '../../../shared/analysis/settings';
import { DataError } from '../../../shared/data/errors';
import { examplesDir, fixturesDir } from '../../helpers/fixtures';

const bad = (name: string) => join(fixturesDir, 'csv/bad', name);
const valid = (name: string) => join(fixturesDir, 'csv/valid', name);

async function analyzeFile(path: string, target = 'y', extra = {}) {
  const { dataset } = await loadDatasetFile(path);
  return runAnalysis(dataset, { ...DEFAULT_SETTINGS, target, ...extra });
}

const malformed: [file: string, message: RegExp][] = [
  ['empty.csv', /^empty\.csv: The file is empty\./],
  ['header-only.csv', /header-only\.csv: The file has a header row but no data rows/],
  ['blank-lines-only.csv', /The file is empty/],
  [
    'too-many-fields.csv',
    /too-many-fields\.csv, row 4: This row has 4 fields but the header has 3/,
  ],
  ['too-few-fields.csv', /too-few-fields\.csv, row 3: This row has 2 fields but the header has 3/],
  ['unclosed-quote.csv', /unclosed-quote\.csv, row 2: A quoted field is never closed/],
  [
    'excel-workbook.csv',
    /not a CSV file: it looks like a ZIP archive \(an Excel \.xlsx workbook is one\).*Save As/,
  ],
  ['old-excel.csv', /old Excel \(\.xls\)/],
  ['document.csv', /looks like a PDF document/],
  ['image.csv', /looks like a PNG image/],
  ['compressed.csv', /gzip-compressed file.*Decompress it first/],
  ['random-binary.csv', /This is not a text file: it contains binary data/],
  ['control-characters.csv', /This is not a text file/],
  ['web-page.csv', /HTML web page/],
  ['json.csv', /looks like JSON/],
  ['xml.csv', /it is XML/],
  [
    'text-in-numeric.csv',
    /column 'bmi': The feature 'bmi' cannot be used: This numeric column has 1 text cell, first 'abc' at row 7/,
  ],
  [
    'infinity.csv',
    /column 'bp': The feature 'bp' cannot be used: The value 'Inf' at row 5 is infinite/,
  ],
  ['overflow.csv', /column 'age': .*'1e999' at row 3 is infinite or too large/],
  ['text-target.csv', /column 'y': The target must be numeric, but it holds text such as 'high'/],
  ['constant-target.csv', /column 'y': The target is constant/],
  ['target-all-missing.csv', /Only 0 complete rows remain/],
  [
    'many-levels.csv',
    /column 'g': Feature 'g' is categorical with 60 levels, more than 50.*raising the level limit to 60/,
  ],
  [
    'identifier-column.csv',
    /column 'id': The feature 'id' cannot be used: This column has more than 1024 distinct text values/,
  ],
  ['single-column-spaces.csv', /read as a single column \('a b y'\).*spaces are not supported/],
  [
    'all-rows-malformed.csv',
    /row 2: This row has 3 fields but the header has 1.*read as comma-separated; check that the header and the rows use the same delimiter/,
  ],
  [
    'invalid-utf8-late.csv',
    /not valid UTF-8 text \(a bad byte sequence near byte \d+\).*CSV UTF-8/,
  ],
  ['too-few-rows.csv', /Only 1 complete row remains/],
];

describe('malformed CSV files', () => {
  it.each(malformed)('%s is refused with its own message', async (file, message) => {
    const error = await analyzeFile(bad(file)).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(DataError);
    expect((error as Error).message).toMatch(message);
  });

  it('says when every row had the wrong number of fields and they were dropped', async () => {
    const error = await loadDatasetFile(bad('all-rows-malformed.csv'), {
      dropMalformedRows: true,
    }).catch((e: Error) => e);
    expect((error as Error).message).toMatch(
      /Every data row \(2\) has a different number of fields from the header.*read as comma/,
    );
  });

  it('can drop rows with the wrong number of fields instead, counting them', async () => {
    const { dataset } = await loadDatasetFile(bad('too-many-fields.csv'), {
      dropMalformedRows: true,
    });
    expect(dataset.rowCount).toBe(2);
    const malformed = dataset.warnings.find((w) => w.code === 'malformed-rows');
    expect(malformed?.message).toMatch(
      /1 row with the wrong number of fields was dropped \(first: row 4\)/,
    );
  });

  it('lets an unusable column stay in the file when it is not used', async () => {
    const result = await analyzeFile(bad('identifier-column.csv'), 'y', { exclude: ['id'] });
    expect(result.prepared.features).toEqual(['x']);
  });

  it('accepts more levels when the limit is raised explicitly', async () => {
    const result = await analyzeFile(bad('many-levels.csv'), 'y', { maxLevels: 60 });
    expect(result.prepared.columns.filter((c) => c.feature === 'g')).toHaveLength(60);
  });
});

describe('awkward but valid variants of diabetes.csv', () => {
  let reference: Awaited<ReturnType<typeof analyzeFile>>;
  beforeAll(async () => {
    reference = await analyzeFile(join(examplesDir, 'diabetes.csv'));
  });
  const coefficientsByName = (result: typeof reference, k: number) =>
    Object.fromEntries(
      result.prepared.columns.map(({ name }, j) => [name, result.path.beta[k]![j]!]),
    );

  it('reordered columns reach the same optimum (compared converged to machine precision)', async () => {
    const tight = { thresh: 1e-24, maxIter: 10_000_000 };
    const a = await analyzeFile(join(examplesDir, 'diabetes.csv'), 'y', tight);
    const b = await analyzeFile(valid('reordered.csv'), 'y', tight);
    expect(b.path.lambda.length).toBe(a.path.lambda.length);
    for (let k = 0; k < a.path.lambda.length; k++) {
      const left = coefficientsByName(a, k);
      const right = coefficientsByName(b, k);
      for (const name of Object.keys(left)) expect(right[name]).toBeCloseTo(left[name]!, 6);
    }
  });

  it.each([
    'crlf.csv',
    'utf8-bom.csv',
    'semicolons.csv',
    'tabs.tsv',
    'pipes.csv',
    'all-quoted.csv',
    'padded.csv',
    'trailing-blank-lines.csv',
    'excel-europe.csv',
    'utf16le-bom.csv',
    'utf16be-bom.csv',
    'trailing-delimiters.csv',
    'missing-markers.csv',
    'quoted-notes.csv',
  ])('%s gives the same fit as the clean file', async (file) => {
    const result = await analyzeFile(
      valid(file),
      'y',
      file === 'quoted-notes.csv' ? { exclude: ['note'] } : {},
    );
    expect(result.prepared.design.n).toBe(442);
    expect(result.path.lambda).toEqual(reference.path.lambda);
    expect(result.prepared.columns.map((c) => c.name).sort()).toEqual(
      reference.prepared.columns.map((c) => c.name).sort(),
    );
    for (const k of [1, 20, result.path.lambda.length - 1]) {
      expect(coefficientsByName(result, k)).toEqual(coefficientsByName(reference, k));
    }
  });

  it('reports the rows dropped for missing markers', async () => {
    const result = await analyzeFile(valid('missing-markers.csv'));
    expect(result.prepared.rowsDropped).toBe(8);
    const dropped = result.warnings.find((w) => w.code === 'rows-dropped');
    expect(dropped?.message).toMatch(/8 rows with a missing target or feature value were dropped/);
  });

  it('keeps embedded newlines and commas inside quoted fields', async () => {
    const { dataset } = await loadDatasetFile(valid('quoted-notes.csv'));
    const note = dataset.columns.find((c) => c.name === 'note');
    expect(note?.kind).toBe('categorical');
    expect(note?.kind === 'categorical' && note.levels).toContain(
      'first line, with comma\nsecond "quoted" line',
    );
  });
});
