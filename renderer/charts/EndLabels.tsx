/**
 * Feature names at the small-λ end of the coefficient paths (glmnet's plot label = TRUE), in
 * the chart's left margin: nudged apart so none overlap, a thin leader to its line when nudged,
 * long names cut short with the full name as a tooltip. Drawn inside the memoized path chart.
 */
import { usePlotArea, useYAxisScale } from 'recharts';
import { markHidden } from '../../shared/report/unicode';
import { endLabelColumns, type PathSeries, spreadLabels, truncateName } from '../lib/results';

/** Room per label, px (12px text). */
export const LABEL_GAP = 13;
/** Never more labels than this, however tall the chart. */
export const MAX_END_LABELS = 12;
/** Characters shown of a name before it is cut. */
export const LABEL_CHARS = 16;

interface Props {
  data: PathSeries;
  /** The highlighted design column, if any. */
  highlight?: number | undefined;
}

export function EndLabels({ data, highlight }: Props) {
  const y = useYAxisScale();
  const area = usePlotArea();
  const last = data.points.at(-1);
  if (!y || !area || !last) return null;
  const limit = Math.min(MAX_END_LABELS, Math.floor(area.height / LABEL_GAP));
  const lines = endLabelColumns(data, limit, highlight);
  const wanted = lines.map((i) => y(last.values[i]!) ?? 0);
  const placed = spreadLabels(wanted, LABEL_GAP, area.y + 5, area.y + area.height - 2);
  const x = area.x;
  return (
    <g className="end-labels">
      {lines.map((line, k) => {
        const series = data.series[line]!;
        const column = series.column;
        const name = markHidden(series.name);
        const shown = truncateName(name, LABEL_CHARS);
        const faded = highlight !== undefined && highlight !== column;
        return (
          <g key={column} className="end-label" opacity={faded ? 0.3 : 1}>
            {Math.abs(placed[k]! - wanted[k]!) > 1 && (
              <line
                x1={x}
                y1={wanted[k]}
                x2={x - 6}
                y2={placed[k]}
                stroke={series.color}
                strokeWidth={1}
              />
            )}
            <text
              x={x - 8}
              y={placed[k]}
              dy="0.32em"
              textAnchor="end"
              fontSize={11}
              fill={series.color}
              fontWeight={highlight === column ? 700 : 500}
            >
              {shown !== name && <title>{name}</title>}
              {shown}
            </text>
          </g>
        );
      })}
    </g>
  );
}
