import type { Remedy } from './readOptions';

/** Where in the user's file a problem is; every field optional, 1-based rows as a spreadsheet shows them. */
export interface DataLocation {
  file?: string | undefined;
  /** Line of the file counting the header as line 1, as a spreadsheet or editor shows it. */
  row?: number | undefined;
  column?: string | undefined;
}

/**
 * A problem with the user's data: says what is wrong, where, and what to do. The message is
 * complete on its own (it already names the file, row and column) so it can be shown as is.
 */
export class DataError extends Error {
  override readonly name = 'DataError';
  constructor(
    message: string,
    readonly location: DataLocation = {},
    readonly fix?: string,
    /** The one-click fix, as data (a reading option or the level limit to apply), when there is one. */
    readonly remedy?: Remedy,
  ) {
    super(DataError.compose(message, location, fix));
  }

  private static compose(message: string, location: DataLocation, fix?: string): string {
    const where = [
      location.file !== undefined ? `${location.file}` : undefined,
      location.row !== undefined ? `row ${location.row}` : undefined,
      location.column !== undefined ? `column '${location.column}'` : undefined,
    ].filter(Boolean);
    const prefix = where.length > 0 ? `${where.join(', ')}: ` : '';
    return `${prefix}${message}${fix ? ` ${fix}` : ''}`;
  }
}
