import { memo, useMemo } from 'react';
import { CartesianGrid, Line, LineChart, ReferenceLine, Tooltip, XAxis, YAxis } from 'recharts';
import { markHidden } from '../../shared/report/unicode';
import { Name } from '../features/common/Name';
import { formatNumber } from '../lib/results';
import type { StabilityLines } from '../lib/stabilityView';
import { ChartFigure } from './ChartFigure';
import {
  AXIS_STYLE,
  CHART_MARGIN,
  GRID_COLOR,
  LOG_LAMBDA_AXIS,
  lambdaTooltipLabel,
  logLambdaTicksOf,
  logLambdaTitle,
  selectOnClick,
  TOOLTIP_WRAPPER_STYLE,
  yAxisTitle,
} from './common';
import { LambdaMarkers } from './LambdaMarkers';

interface Props {
  data: StabilityLines;
  threshold: number;
  /** Columns selected for the Λ on screen, as a sorted key ("2,5,8"): drawn in colour. */
  selectedKey: string;
  onSelect: (index: number) => void;
}

/**
 * Each column's selection probability against log λ, the threshold π as a dashed line and the
 * selected λ (the end of Λ) as the other charts mark it. Memoized on the selected set: a λ step
 * that does not change it redraws only the marker.
 */
export const StabilityPathChart = memo(function StabilityPathChart({
  data,
  threshold,
  selectedKey,
  onSelect,
}: Props) {
  const selected = useMemo(
    () => new Set(selectedKey === '' ? [] : selectedKey.split(',').map(Number)),
    [selectedKey],
  );
  const { logLambda, ticks } = useMemo(() => {
    const logLambda = data.points.map((p) => p.logLambda);
    return { logLambda, ticks: logLambdaTicksOf(logLambda) };
  }, [data]);
  // The unselected first, in grey, so the selected lines are drawn over them.
  const order = data.columns
    .map((c, i) => ({ ...c, i }))
    .sort((a, b) => Number(selected.has(a.column)) - Number(selected.has(b.column)));
  return (
    <ChartFigure
      className="stability-chart"
      title="Stability path"
      exportName="Stability path"
      plotLabel={`Selection probability of ${data.columns.length} columns against log λ, threshold ${threshold}; click to select a λ`}
      chart={
        <LineChart data={data.points} margin={CHART_MARGIN} onClick={selectOnClick(onSelect)}>
          <CartesianGrid stroke={GRID_COLOR} />
          <XAxis {...LOG_LAMBDA_AXIS} ticks={ticks}>
            {logLambdaTitle}
          </XAxis>
          <YAxis
            domain={[0, 1]}
            ticks={[0, 0.2, 0.4, 0.6, 0.8, 1]}
            tick={AXIS_STYLE}
            width={48}
            interval={0}
          >
            {yAxisTitle('selection probability')}
          </YAxis>
          <Tooltip
            formatter={(value, name) => [formatNumber(Number(value), 2), name]}
            labelFormatter={lambdaTooltipLabel}
            itemSorter={(item) => -Number(item.value)}
            wrapperStyle={TOOLTIP_WRAPPER_STYLE}
          />
          {order.map((c) => (
            <Line
              key={c.column}
              name={markHidden(c.name)}
              dataKey={(p: StabilityLines['points'][number]) => p.values[c.i]}
              stroke={selected.has(c.column) ? c.color : 'var(--chart-reference)'}
              strokeWidth={selected.has(c.column) ? 2 : 1}
              strokeOpacity={selected.has(c.column) ? 1 : 0.6}
              className={selected.has(c.column) ? 'stability-line selected' : 'stability-line'}
              dot={false}
              isAnimationActive={false}
            />
          ))}
          <ReferenceLine
            y={threshold}
            className="stability-threshold"
            stroke="var(--chart-marker)"
            strokeDasharray="6 3"
            label={{ value: `π = ${threshold}`, position: 'insideTopRight', ...AXIS_STYLE }}
          />
          <LambdaMarkers logLambda={logLambda} />
        </LineChart>
      }
    >
      <ul className="legend" aria-label="Columns on the stability path">
        {data.columns
          .filter((c) => selected.has(c.column))
          .map((c) => (
            <li key={c.column}>
              <span className="swatch" style={{ backgroundColor: c.color }} aria-hidden="true" />
              <Name text={c.name} />
            </li>
          ))}
      </ul>
      <p className="hint">
        Coloured: selected for the λ range from the largest λ down to the selected one (grey: the
        others).
        {data.reaching > data.columns.length
          ? ` Showing the ${data.columns.length} of ${data.reaching} columns that reach the highest probability.`
          : ''}
      </p>
    </ChartFigure>
  );
});
