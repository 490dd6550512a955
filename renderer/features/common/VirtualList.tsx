import { type ReactNode, useState } from 'react';
import { visibleRows } from '../../lib/virtualRows';

interface Props<T> {
  items: T[];
  /** Every row is this tall (CSS must agree), so positions need no measuring. */
  rowHeight: number;
  /** The scrolling viewport's height in pixels. */
  height: number;
  className?: string;
  label?: string;
  keyOf: (item: T) => string;
  render: (item: T) => ReactNode;
  /** Shown as the only row when there are no items. */
  empty?: ReactNode;
}

/** A scrolling <ul> that renders only the rows in view; spacers keep the scrollbar honest. */
export function VirtualList<T>({
  items,
  rowHeight,
  height,
  className,
  label,
  keyOf,
  render,
  empty,
}: Props<T>) {
  const [scrollTop, setScrollTop] = useState(0);
  const { start, end } = visibleRows(scrollTop, height, rowHeight, items.length);
  return (
    <ul
      className={className}
      aria-label={label}
      style={{ maxHeight: height }}
      onScroll={(event) => setScrollTop(event.currentTarget.scrollTop)}
    >
      {start > 0 && <li aria-hidden="true" style={{ height: start * rowHeight }} />}
      {items.slice(start, end).map((item) => (
        <li key={keyOf(item)} style={{ height: rowHeight }}>
          {render(item)}
        </li>
      ))}
      {end < items.length && (
        <li aria-hidden="true" style={{ height: (items.length - end) * rowHeight }} />
      )}
      {items.length === 0 && empty}
    </ul>
  );
}
