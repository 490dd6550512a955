/** `inspect`: load a CSV and describe it (types, missing values, ranges, levels, problems). */

import { parseArgs } from 'node:util';
import type { DatasetSummary } from '../../shared/data/summary';
import { plural } from '../../shared/plural';
import { markHidden } from '../../shared/report/unicode';
import { readingArgs } from './fitArgs';
import { UsageError } from './usage';

export const INSPECT_HELP = `Usage: npm run cli -- inspect --data FILE [--json FILE] [--missing-markers a,b] [--drop-malformed-rows]
       [--decimal .|,] [--delimiter ,|;|tab||]

Read a CSV file and describe its columns: the type each was given, missing values, range or
levels, and any problem that would stop it being used.`;

export function parseInspectArgs(argv: string[]) {
  try {
    const { values } = parseArgs({
      args: argv,
      strict: true,
      options: {
        data: { type: 'string' },
        json: { type: 'string' },
        'missing-markers': { type: 'string' },
        'drop-malformed-rows': { type: 'boolean' },
        'column-type': { type: 'string', multiple: true },
        decimal: { type: 'string' },
        delimiter: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
    if (!values.help && !values.data)
      throw new UsageError('--data FILE is required: the CSV file to inspect.');
    return {
      help: values.help === true,
      dataPath: values.data ?? '',
      jsonPath: values.json,
      read: readingArgs(values),
    };
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new UsageError(
      `${(error as Error).message.replace(/\.$/, '')}. See 'npm run cli -- inspect --help'.`,
    );
  }
}

const fmt = (v: number | undefined) => (v === undefined ? '' : Number(v.toPrecision(5)).toString());

export function formatInspection(summary: DatasetSummary): string {
  // Names, levels and problems with hidden characters marked (⟨U+202E⟩), as the report shows them.
  const rows = summary.columns.map((c) => [
    markHidden(c.name),
    c.kind,
    String(c.missing),
    c.kind === 'numeric'
      ? `${fmt(c.min)} … ${fmt(c.max)} (mean ${fmt(c.mean)})`
      : c.levels
        ? `${plural(c.levelCount ?? c.levels.length, 'level')}: ${c.levels
            .slice(0, 5)
            .map((l) => `${markHidden(l.level)} (${l.count})`)
            .join(', ')}${(c.levelCount ?? 0) > 5 ? ', …' : ''}`
        : '',
    markHidden(c.problem ?? ''),
  ]);
  const table = [['column', 'type', 'missing', 'values', 'problem'], ...rows];
  // A loop, not Math.max(...column): a file may have a million columns (rows of this table).
  const widths = table[0]!.map(() => 0);
  for (const row of table) {
    for (const [k, cell] of row.entries()) widths[k] = Math.max(widths[k]!, cell.length);
  }
  const delimiter =
    { ',': 'comma', ';': 'semicolon', '\t': 'tab', '|': 'pipe' }[summary.delimiter] ??
    summary.delimiter;
  return [
    `${markHidden(summary.fileName)}: ${summary.rowCount} rows, ${summary.columnCount} columns, ${delimiter}-separated`,
    '',
    ...table.map((r) =>
      r
        .map((cell, k) => cell.padEnd(widths[k]!))
        .join('  ')
        .trimEnd(),
    ),
    '',
    summary.typeRules,
  ].join('\n');
}
