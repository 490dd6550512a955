import { type KeyboardEvent, useEffect, useMemo, useState } from 'react';
import { markHidden } from '../../../shared/report/unicode';
import {
  type ColumnOption,
  columnMatches,
  NATIVE_MENU_LIMIT,
  namedOption,
} from '../../lib/columnChoice';
import { Name } from './Name';

interface Props {
  id: string;
  /** The chosen column's name, or '' for none. */
  value: string;
  /** Memoize them: the native menu's <option>s are rebuilt only when this array changes. */
  options: readonly ColumnOption[];
  /** The '' choice ("None", "Choose the column…"), or undefined when a column must be chosen. */
  emptyLabel?: string;
  /** The accessible name of the search box's list ("Target columns"). */
  listLabel: string;
  describedBy?: string | undefined;
  onChange: (name: string) => void;
}

/**
 * One column out of a file's columns: a native <select> up to NATIVE_MENU_LIMIT of them, beyond
 * that a search box (an ARIA combobox) whose list shows the best matches of what is typed, so a
 * 20 000-column file costs a few dozen DOM nodes per menu, not 20 000 (columnChoice.ts).
 */
export function ColumnSelect(props: Props) {
  return props.options.length <= NATIVE_MENU_LIMIT ? (
    <NativeColumnSelect {...props} />
  ) : (
    <SearchColumnSelect {...props} />
  );
}

const optionText = (o: ColumnOption) => `${markHidden(o.name)}${o.note ? ` (${o.note})` : ''}`;

function NativeColumnSelect({ id, value, options, emptyLabel, describedBy, onChange }: Props) {
  const menu = useMemo(
    () =>
      options.map((o) => (
        <option key={o.name} value={o.name} disabled={o.disabled}>
          {optionText(o)}
        </option>
      )),
    [options],
  );
  return (
    <select
      id={id}
      value={value}
      aria-describedby={describedBy}
      onChange={(event) => onChange(event.target.value)}
    >
      {emptyLabel !== undefined && <option value="">{emptyLabel}</option>}
      {menu}
    </select>
  );
}

/** A row of the search box's list: a column, or the '' choice (shown as its label). */
interface Row {
  name: string;
  label?: string;
  note?: string | undefined;
  disabled?: boolean | undefined;
}

function SearchColumnSelect({
  id,
  value,
  options,
  emptyLabel,
  listLabel,
  describedBy,
  onChange,
}: Props) {
  // What is typed, while the box is being edited; undefined shows the chosen column.
  const [text, setText] = useState<string | undefined>(undefined);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const listId = `${id}-list`;
  const hintId = `${id}-hint`;
  const query = text ?? '';
  const matches = useMemo(
    () => (open ? columnMatches(options, query) : { shown: [], total: 0 }),
    [open, options, query],
  );
  const rows: Row[] = [
    ...(emptyLabel !== undefined && query.trim() === '' ? [{ name: '', label: emptyLabel }] : []),
    ...matches.shown,
  ];
  const optionId = (index: number) => `${id}-option-${index}`;

  useEffect(() => {
    if (open) document.getElementById(optionId(active))?.scrollIntoView({ block: 'nearest' });
  });

  const close = () => {
    setText(undefined);
    setOpen(false);
  };
  const pick = (name: string) => {
    close();
    if (name !== value) onChange(name);
  };
  /** Leaving the box (Tab, a click elsewhere, Enter on no row) keeps what it names, if anything. */
  const settle = () => {
    if (text === undefined) return close();
    if (text.trim() === '' && emptyLabel !== undefined) return pick('');
    const named = namedOption(options, text);
    if (named) pick(named.name);
    else close();
  };
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      if (!open) {
        setOpen(true);
        setActive(0);
        return;
      }
      const step = event.key === 'ArrowDown' ? 1 : -1;
      setActive(Math.max(0, Math.min(rows.length - 1, active + step)));
    } else if (event.key === 'Enter') {
      event.preventDefault();
      const row = open ? rows[active] : undefined;
      if (row && !row.disabled) pick(row.name);
      else settle();
    } else if (event.key === 'Escape' && open) {
      event.preventDefault();
      close();
    }
  };

  const hidden = matches.total - matches.shown.length;
  return (
    <div className="column-select">
      <input
        id={id}
        type="text"
        role="combobox"
        autoComplete="off"
        spellCheck={false}
        aria-autocomplete="list"
        aria-expanded={open}
        aria-controls={listId}
        aria-activedescendant={open && rows[active] ? optionId(active) : undefined}
        aria-describedby={
          [describedBy, open ? hintId : undefined].filter(Boolean).join(' ') || undefined
        }
        placeholder={emptyLabel ?? 'Type a column name'}
        value={text ?? value}
        onFocus={(event) => event.currentTarget.select()}
        onClick={() => setOpen(true)}
        onChange={(event) => {
          setText(event.target.value);
          setOpen(true);
          setActive(0);
        }}
        onKeyDown={onKeyDown}
        onBlur={settle}
      />
      {open && (
        <div className="column-select-popup">
          <div role="listbox" id={listId} aria-label={listLabel} className="column-select-list">
            {rows.map((row, index) => (
              <div
                key={row.name === '' ? '\u0000empty' : row.name}
                id={optionId(index)}
                role="option"
                // Focus stays in the box (aria-activedescendant); -1 keeps the row out of Tab.
                tabIndex={-1}
                aria-selected={index === active}
                aria-disabled={row.disabled || undefined}
                className={row.name === value ? 'chosen' : undefined}
                // mousedown, not click: the box keeps its focus until the choice is made.
                onMouseDown={(event) => {
                  event.preventDefault();
                  if (!row.disabled) pick(row.name);
                }}
                onMouseEnter={() => setActive(index)}
              >
                {row.label !== undefined ? (
                  <span className="muted">{row.label}</span>
                ) : (
                  <>
                    <Name text={row.name} />
                    {row.note && <span className="muted"> ({row.note})</span>}
                  </>
                )}
              </div>
            ))}
          </div>
          <p id={hintId} className="hint" aria-live="polite">
            {matches.total === 0
              ? `No column matches “${query.trim()}”.`
              : hidden > 0
                ? `${matches.shown.length} of ${matches.total.toLocaleString()} columns shown: type more of the name to narrow.`
                : `${matches.total.toLocaleString()} ${matches.total === 1 ? 'column matches' : 'columns match'}.`}
          </p>
        </div>
      )}
    </div>
  );
}
