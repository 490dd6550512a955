import { memo, useId, useMemo, useRef, useState } from 'react';
import {
  CartesianGrid,
  Label,
  Line,
  LineChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { markHidden } from '../../shared/report/unicode';
import { Name } from '../features/common/Name';
import { type CoefficientScale, formatNumber, type PathSeries } from '../lib/results';
import { ChartExport } from './ChartExport';
import {
  AXIS_STYLE,
  GRID_COLOR,
  LOG_LAMBDA_AXIS,
  logLambdaTicksOf,
  logLambdaTitle,
  selectOnClick,
  VALUE_AXIS_INTERVAL,
  Y_TITLE_STYLE,
} from './common';
import { LambdaMarkers } from './LambdaMarkers';

interface Props {
  data: PathSeries;
  scale: CoefficientScale;
  onScale: (scale: CoefficientScale) => void;
  lambdaMinIndex?: number | undefined;
  lambda1seIndex?: number | undefined;
  onSelect: (index: number) => void;
}

/**
 * Memoized: the selected λ is not a prop (LambdaMarkers reads it from context), so a λ step
 * redraws only the marker, not 60 lines.
 */
export const CoefficientPathChart = memo(function CoefficientPathChart({
  data,
  scale,
  onScale,
  lambdaMinIndex,
  lambda1seIndex,
  onSelect,
}: Props) {
  const [highlight, setHighlight] = useState<number | undefined>();
  const titleId = useId();
  const figure = useRef<HTMLElement>(null);
  const { points, series } = data;
  // pathSeries already chose the lines (the first features to enter, capped for legibility).
  const shown = series;
  const { logLambda, ticks } = useMemo(() => {
    const logLambda = points.map((p) => p.logLambda);
    return { logLambda, ticks: logLambdaTicksOf(logLambda) };
  }, [points]);
  return (
    <figure className="chart" aria-labelledby={titleId} ref={figure}>
      <figcaption className="chart-head">
        <span id={titleId}>Coefficient path</span>
        <ChartExport figure={figure} name="Coefficient path" />
        <fieldset className="segmented" aria-label="Coefficient scale">
          {(['original', 'standardized'] as const).map((option) => (
            <button
              key={option}
              type="button"
              aria-pressed={scale === option}
              onClick={() => onScale(option)}
            >
              {option === 'original' ? 'Original' : 'Standardized'}
            </button>
          ))}
        </fieldset>
      </figcaption>
      <div
        className="chart-body"
        role="img"
        aria-label={`Coefficients of ${shown.length} features against log λ; click to select a λ`}
      >
        <ResponsiveContainer width="100%" height="100%">
          <LineChart
            data={points}
            margin={{ top: 18, right: 16, bottom: 24, left: 8 }}
            onClick={selectOnClick(onSelect)}
          >
            <CartesianGrid stroke={GRID_COLOR} />
            <XAxis {...LOG_LAMBDA_AXIS} ticks={ticks}>
              {logLambdaTitle}
            </XAxis>
            <YAxis
              tickFormatter={(v: number) => formatNumber(v, 3)}
              tick={AXIS_STYLE}
              width={64}
              interval={VALUE_AXIS_INTERVAL}
            >
              <Label
                value={scale === 'original' ? 'coefficient' : 'standardized coefficient'}
                angle={-90}
                position="insideLeft"
                style={Y_TITLE_STYLE}
              />
            </YAxis>
            <Tooltip
              formatter={(value, name) => [formatNumber(Number(value)), name]}
              labelFormatter={(value) => `λ = ${formatNumber(Math.exp(Number(value)))}`}
              itemSorter={(item) => -Math.abs(Number(item.value))}
              wrapperStyle={{ fontSize: 12 }}
            />
            {shown.map((s, i) => (
              <Line
                key={s.column}
                name={markHidden(s.name)}
                dataKey={(p: (typeof points)[number]) => p.values[i]}
                stroke={s.color}
                strokeWidth={highlight === s.column ? 3 : 1.5}
                strokeOpacity={highlight === undefined || highlight === s.column ? 1 : 0.15}
                dot={false}
                isAnimationActive={false}
              />
            ))}
            <LambdaMarkers
              logLambda={logLambda}
              lambdaMinIndex={lambdaMinIndex}
              lambda1seIndex={lambda1seIndex}
            />
          </LineChart>
        </ResponsiveContainer>
      </div>
      <ul className="legend" aria-label="Highlight a feature">
        {shown.map((s) => (
          <li key={s.column}>
            <button
              type="button"
              aria-pressed={highlight === s.column}
              onClick={() => setHighlight(highlight === s.column ? undefined : s.column)}
              className={highlight !== undefined && highlight !== s.column ? 'faded' : undefined}
            >
              <span className="swatch" style={{ backgroundColor: s.color }} aria-hidden="true" />
              <Name text={s.name} />
            </button>
          </li>
        ))}
      </ul>
      {data.entered > shown.length && (
        <p className="hint">
          Showing the first {shown.length} of {data.entered} features to enter the path.
        </p>
      )}
    </figure>
  );
});
