/**
 * How a file is read: its one definition, for the CLI's flags, the IPC contract, the app's
 * Reading options panel and saved projects. Every field is optional; absent means the reader
 * decides (delimiter and decimal mark guessed, the default missing markers, malformed rows
 * refused).
 *
 * A problem the reader (or the design) finds that one of these options, or the level limit
 * (a setting: AnalysisSettings.maxLevels), would solve carries a Remedy: a code and the value
 * to apply, as data. The app turns it into a button ("Drop the 3 malformed rows and re-read"),
 * the CLI into the flag to add; nothing parses the message.
 */
import { z } from 'zod';
import { MAX_NAME_LENGTH } from './names';

export const DEFAULT_MISSING_MARKERS: readonly string[] = [
  '',
  'NA',
  'N/A',
  'NaN',
  'null',
  'NULL',
  '?',
  '.',
];

/** The types a column can be given (readOptionsSchema.columnTypes). */
export const COLUMN_TYPES = ['numeric', 'categorical'] as const;
export type ColumnType = (typeof COLUMN_TYPES)[number];

/** The delimiters a file may use (the guess chooses among them too). */
export const DELIMITERS = [',', ';', '\t', '|'] as const;
export type Delimiter = (typeof DELIMITERS)[number];

export const DELIMITER_NAMES: Record<Delimiter, string> = {
  ',': 'comma',
  ';': 'semicolon',
  '\t': 'tab',
  '|': 'pipe',
};

/** The most markers, and the longest, a reading may name. */
export const MAX_MISSING_MARKERS = 100;
export const MAX_MARKER_LENGTH = 100;
/** A column with more distinct text values than this gets no one-click marker fix: it is not a few markers. */
export const MAX_REMEDY_MARKERS = 5;

export const readOptionsSchema = z.strictObject({
  /** Cell values read as missing (trimmed); absent: DEFAULT_MISSING_MARKERS. An empty list: none, not even an empty cell. */
  missingMarkers: z
    .array(
      z
        .string()
        .max(MAX_MARKER_LENGTH, { error: `must be at most ${MAX_MARKER_LENGTH} characters` }),
    )
    .max(MAX_MISSING_MARKERS, { error: `must be at most ${MAX_MISSING_MARKERS} markers` })
    .optional(),
  /** Drop rows whose field count differs from the header's (reporting how many) instead of refusing the file. */
  dropMalformedRows: z.boolean().optional(),
  /** The decimal mark; absent: guessed once for the file (numberFormat.ts guessDecimalMark). */
  decimal: z.enum(['.', ','], { error: 'must be . or ,' }).optional(),
  /** The field delimiter; absent: detected from the file's first rows. */
  delimiter: z.enum(DELIMITERS, { error: 'must be a comma, semicolon, tab or pipe' }).optional(),
  /**
   * Columns whose type the user chose instead of the reader's guess: numeric (text cells read
   * as missing, counted in a warning) or categorical (numbers become levels, as written).
   * A reading option, not a setting: a forced category needs the cells' text, which only the
   * reader has (a numeric column keeps numbers only).
   */
  columnTypes: z
    .record(
      z.string().max(MAX_NAME_LENGTH),
      z.enum(COLUMN_TYPES, { error: 'must be numeric or categorical' }),
    )
    .optional(),
});

export type ReadingOptions = z.output<typeof readOptionsSchema>;

/**
 * One click that solves a reading problem: what to change, with the value. `rows` and
 * `levels` are there to say what the click does ("Drop the 3 malformed rows").
 */
export const remedySchema = z.discriminatedUnion('code', [
  z.strictObject({
    code: z.literal('drop-malformed-rows'),
    /** Rows with the wrong number of fields. */
    rows: z.int().min(1),
  }),
  z.strictObject({
    code: z.literal('add-missing-markers'),
    /** Every text value of a numeric column (a few at most): read as missing, the column is numeric. */
    markers: z.array(z.string().min(1).max(MAX_MARKER_LENGTH)).min(1).max(MAX_REMEDY_MARKERS),
    column: z.string().max(100_000),
  }),
  z.strictObject({ code: z.literal('set-decimal'), decimal: z.enum(['.', ',']) }),
  z.strictObject({
    code: z.literal('set-column-type'),
    /** A column whose guessed type is wrong (numbers with a few text cells that are levels). */
    column: z.string().max(100_000),
    type: z.enum(COLUMN_TYPES),
  }),
  z.strictObject({ code: z.literal('set-delimiter'), delimiter: z.enum(DELIMITERS) }),
  z.strictObject({
    code: z.literal('raise-level-limit'),
    /** The limit that admits the feature: its number of levels. */
    maxLevels: z.int().min(1),
    column: z.string().max(100_000),
  }),
]);

export type Remedy = z.output<typeof remedySchema>;

/** Column types as one line of text: `Cylinders=categorical, Zip=categorical`. */
export function columnTypesText(types: Readonly<Record<string, ColumnType>> | undefined): string {
  return Object.entries(types ?? {})
    .map(([name, type]) => `${name}=${type}`)
    .join(', ');
}

/**
 * `NAME=numeric|categorical` items (comma-separated, or several texts): the one parser of the
 * CLI's --column-type and the app's Column types box. A name may hold ',' or '=': items are
 * split at a comma right after a type word, each item at its last '='.
 */
export function parseColumnTypes(
  texts: readonly string[],
): { types: Record<string, ColumnType> } | { error: string } {
  const types: Record<string, ColumnType> = {};
  for (const item of texts.flatMap((text) => text.split(/(?<==\s*(?:numeric|categorical)\s*),/i))) {
    if (item.trim() === '') continue;
    const at = item.lastIndexOf('=');
    const name = item.slice(0, at).trim();
    const type = item
      .slice(at + 1)
      .trim()
      .toLowerCase();
    if (at <= 0 || name === '' || !(COLUMN_TYPES as readonly string[]).includes(type))
      return {
        error: `takes NAME=numeric or NAME=categorical (for example Cylinders=categorical); got '${item.trim()}'`,
      };
    types[name] = type as ColumnType;
  }
  return { types };
}

/** 'a', 'b' and 'c'. */
function quotedList(values: readonly string[]): string {
  const quoted = values.map((value) => `'${value}'`);
  return quoted.length === 1
    ? quoted[0]!
    : `${quoted.slice(0, -1).join(', ')} and ${quoted.at(-1)}`;
}

/** The markers a reading uses. */
export function missingMarkersOf(options: ReadingOptions): readonly string[] {
  return options.missingMarkers ?? DEFAULT_MISSING_MARKERS;
}

/**
 * The reading options with a remedy applied; undefined for the level limit, which is a setting
 * of the analysis and needs no re-read.
 */
export function withRemedy(options: ReadingOptions, remedy: Remedy): ReadingOptions | undefined {
  switch (remedy.code) {
    case 'drop-malformed-rows':
      return { ...options, dropMalformedRows: true };
    case 'add-missing-markers': {
      const markers = missingMarkersOf(options);
      const added = remedy.markers.filter((marker) => !markers.includes(marker));
      return { ...options, missingMarkers: [...markers, ...added] };
    }
    case 'set-decimal':
      return { ...options, decimal: remedy.decimal };
    case 'set-column-type':
      return {
        ...options,
        columnTypes: { ...options.columnTypes, [remedy.column]: remedy.type },
      };
    case 'set-delimiter':
      return { ...options, delimiter: remedy.delimiter };
    case 'raise-level-limit':
      return undefined;
  }
}

/** What a remedy's button says. */
export function remedyLabel(remedy: Remedy): string {
  switch (remedy.code) {
    case 'drop-malformed-rows':
      return remedy.rows === 1
        ? 'Drop the malformed row and re-read'
        : `Drop the ${remedy.rows} malformed rows and re-read`;
    case 'add-missing-markers':
      return `Read ${quotedList(remedy.markers)} as missing and re-read`;
    case 'set-decimal':
      return remedy.decimal === ','
        ? 'Read with the decimal comma and re-read'
        : 'Read with the decimal point and re-read';
    case 'set-delimiter':
      return `Read as ${DELIMITER_NAMES[remedy.delimiter]}-separated`;
    case 'set-column-type':
      return `Read '${remedy.column}' as ${remedy.type} and re-read`;
    case 'raise-level-limit':
      return `Raise the level limit to ${remedy.maxLevels} and run again`;
  }
}
