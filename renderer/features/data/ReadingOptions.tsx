/**
 * The Reading options panel: how the file is read (delimiter, decimal mark, missing markers,
 * malformed rows) and the level limit. The reading options apply to the next file opened and,
 * with "Re-read", to the file shown; the level limit is a setting of the analysis (no re-read).
 */
import { useEffect, useId, useState } from 'react';
import type { DecimalMark } from '../../../shared/data/numberFormat';
import {
  columnTypesText,
  DEFAULT_MISSING_MARKERS,
  DELIMITER_NAMES,
  DELIMITERS,
  type Delimiter,
  missingMarkersOf,
  parseColumnTypes,
  type ReadingOptions,
  type Remedy,
  remedyLabel,
} from '../../../shared/data/readOptions';

/** The markers as the text box shows them: every one but the empty cell, comma-separated. */
function markersText(read: ReadingOptions): string {
  return missingMarkersOf(read)
    .filter((m) => m !== '')
    .join(', ');
}

/** The options as the text box and the empty-cell box say; the defaults are left implicit. */
function withMarkers(read: ReadingOptions, text: string, emptyCells: boolean): ReadingOptions {
  const named = text
    .split(',')
    .map((m) => m.trim())
    .filter((m) => m !== '');
  const markers = [...(emptyCells ? [''] : []), ...new Set(named)];
  const isDefault =
    markers.length === DEFAULT_MISSING_MARKERS.length &&
    markers.every((m, i) => m === DEFAULT_MISSING_MARKERS[i]);
  const { missingMarkers: _old, ...rest } = read;
  return isDefault ? rest : { ...rest, missingMarkers: markers };
}

/** Options that differ from the reader's defaults, for the panel's title. */
export function changedReadOptions(read: ReadingOptions): number {
  return (
    (read.delimiter ? 1 : 0) +
    (read.decimal ? 1 : 0) +
    (read.dropMalformedRows ? 1 : 0) +
    (read.missingMarkers ? 1 : 0) +
    (read.columnTypes && Object.keys(read.columnTypes).length > 0 ? 1 : 0)
  );
}

function sameOptions(a: ReadingOptions, b: ReadingOptions): boolean {
  return (
    a.delimiter === b.delimiter &&
    a.decimal === b.decimal &&
    Boolean(a.dropMalformedRows) === Boolean(b.dropMalformedRows) &&
    JSON.stringify(missingMarkersOf(a)) === JSON.stringify(missingMarkersOf(b)) &&
    columnTypesText(a.columnTypes) === columnTypesText(b.columnTypes)
  );
}

interface Props {
  read: ReadingOptions;
  /** The options the shown file was read with (none shown: undefined). */
  readWith?: ReadingOptions | undefined;
  onRead: (read: ReadingOptions) => void;
  /** Reads the file again with the panel's options; absent when there is no file to read again. */
  onReread?: ((read: ReadingOptions) => void) | undefined;
  /** The level limit (a setting), when a file is open. */
  maxLevels?: number | undefined;
  onMaxLevels?: ((maxLevels: number) => void) | undefined;
  /** Opened on its own when a problem it can solve is shown. */
  open: boolean;
}

export function ReadingOptionsPanel({
  read,
  readWith,
  onRead,
  onReread,
  maxLevels,
  onMaxLevels,
  open,
}: Props) {
  const ids = {
    delimiter: useId(),
    decimal: useId(),
    markers: useId(),
    markersHelp: useId(),
    levels: useId(),
    types: useId(),
    typesHelp: useId(),
  };
  const [typesText, setTypesText] = useState(columnTypesText(read.columnTypes));
  const [typesError, setTypesError] = useState<string | undefined>();
  // The box follows types set elsewhere (a remedy's button), not the user's own typing.
  const shownTypes = columnTypesText(read.columnTypes);
  useEffect(() => {
    setTypesText((current) => {
      const parsed = parseColumnTypes([current]);
      return 'types' in parsed && columnTypesText(parsed.types) === shownTypes
        ? current
        : shownTypes;
    });
  }, [shownTypes]);
  const [text, setText] = useState(markersText(read));
  const emptyCells = missingMarkersOf(read).includes('');
  // The box follows options set elsewhere (a remedy, a file read), not the user's own typing.
  const shown = markersText(read);
  useEffect(() => {
    setText((current) => (markersText(withMarkers({}, current, true)) === shown ? current : shown));
  }, [shown]);
  const changed = changedReadOptions(read);
  const pending = readWith !== undefined && !sameOptions(read, readWith);
  return (
    <details className="reading-options" open={open || undefined}>
      <summary>
        Reading options
        {changed > 0 && <span className="count"> · {changed} changed</span>}
      </summary>
      <div className="reading-grid">
        <label htmlFor={ids.delimiter}>Delimiter</label>
        <select
          id={ids.delimiter}
          value={read.delimiter ?? ''}
          onChange={(event) =>
            onRead({ ...read, delimiter: (event.target.value || undefined) as Delimiter })
          }
        >
          <option value="">automatic</option>
          {DELIMITERS.map((d) => (
            <option key={d} value={d}>
              {DELIMITER_NAMES[d]} ({d === '\t' ? '⇥' : d})
            </option>
          ))}
        </select>
        <label htmlFor={ids.decimal}>Decimal mark</label>
        <select
          id={ids.decimal}
          value={read.decimal ?? ''}
          onChange={(event) =>
            onRead({ ...read, decimal: (event.target.value || undefined) as DecimalMark })
          }
        >
          <option value="">automatic</option>
          <option value=".">point (1.5)</option>
          <option value=",">comma (1,5)</option>
        </select>
        <label htmlFor={ids.markers}>Missing markers</label>
        <div className="reading-markers">
          <input
            id={ids.markers}
            type="text"
            spellCheck={false}
            value={text}
            aria-describedby={ids.markersHelp}
            onChange={(event) => {
              setText(event.target.value);
              onRead(withMarkers(read, event.target.value, emptyCells));
            }}
          />
          <label className="inline">
            <input
              type="checkbox"
              checked={emptyCells}
              onChange={(event) => onRead(withMarkers(read, text, event.target.checked))}
            />
            empty cells
          </label>
          <span id={ids.markersHelp} className="muted">
            Cells holding exactly one of these (comma-separated, e.g. -99, n/a) are missing.
          </span>
        </div>
        <label htmlFor={ids.types}>Column types</label>
        <div className="reading-markers">
          <input
            id={ids.types}
            type="text"
            spellCheck={false}
            value={typesText}
            placeholder="Cylinders=categorical"
            aria-describedby={ids.typesHelp}
            aria-invalid={typesError ? true : undefined}
            onChange={(event) => {
              setTypesText(event.target.value);
              const parsed = parseColumnTypes([event.target.value]);
              if ('error' in parsed) return setTypesError(`Column types ${parsed.error}.`);
              setTypesError(undefined);
              const { columnTypes: _old, ...rest } = read;
              onRead(
                Object.keys(parsed.types).length > 0
                  ? { ...rest, columnTypes: parsed.types }
                  : rest,
              );
            }}
          />
          <span id={ids.typesHelp} className={typesError ? 'error' : 'muted'}>
            {typesError ??
              'NAME=numeric (its text cells missing) or NAME=categorical (its numbers as levels), comma-separated.'}
          </span>
        </div>
        <span className="reading-label">Malformed rows</span>
        <label className="inline">
          <input
            type="checkbox"
            checked={read.dropMalformedRows === true}
            onChange={(event) => {
              const { dropMalformedRows: _old, ...rest } = read;
              onRead(event.target.checked ? { ...rest, dropMalformedRows: true } : rest);
            }}
          />
          drop rows with the wrong number of fields
        </label>
        {maxLevels !== undefined && onMaxLevels && (
          <>
            <label htmlFor={ids.levels}>Level limit</label>
            <div className="reading-markers">
              <input
                id={ids.levels}
                type="number"
                min={1}
                step={1}
                value={maxLevels}
                onChange={(event) => onMaxLevels(event.target.valueAsNumber)}
              />
              <span className="muted">
                Most levels a text feature may have (applies to the next run).
              </span>
            </div>
          </>
        )}
      </div>
      <div className="reading-actions">
        {!onReread && changed > 0 && (
          <span className="muted">They apply to the next file you open.</span>
        )}
        {onReread && (
          <button
            type="button"
            className="secondary"
            disabled={readWith !== undefined && !pending}
            onClick={() => onReread(read)}
          >
            Re-read the file with these options
          </button>
        )}
        {changed > 0 && (
          <button type="button" className="link" onClick={() => onRead({})}>
            Defaults
          </button>
        )}
      </div>
    </details>
  );
}

/** A remedy as a button: one click applies it (and re-reads, or runs again). */
export function RemedyButton({
  remedy,
  onRemedy,
}: {
  remedy: Remedy;
  onRemedy: (remedy: Remedy) => void;
}) {
  return (
    <button type="button" className="remedy" onClick={() => onRemedy(remedy)}>
      {remedyLabel(remedy)}
    </button>
  );
}
