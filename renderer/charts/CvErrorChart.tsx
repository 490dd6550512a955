import { useRef } from 'react';
import {
  CartesianGrid,
  ComposedChart,
  ErrorBar,
  Label,
  Line,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { type CvPoint, formatNumber } from '../lib/results';
import { ChartExport } from './ChartExport';
import {
  AXIS_STYLE,
  GRID_COLOR,
  LOG_LAMBDA_AXIS,
  logLambdaTitle,
  selectOnClick,
  Y_TITLE_STYLE,
} from './common';

interface Props {
  points: CvPoint[];
  measure: string;
  selectedIndex: number;
  lambdaMinIndex: number;
  lambda1seIndex: number;
  onSelect: (index: number) => void;
}

/** Ticks for the top axis: about eight λ positions labelled with the number of nonzero features. */
function nonzeroTicks(points: CvPoint[]): number[] {
  const step = Math.max(1, Math.floor(points.length / 8));
  return points.filter((_, i) => i % step === 0).map((p) => p.logLambda);
}

export function CvErrorChart({
  points,
  measure,
  selectedIndex,
  lambdaMinIndex,
  lambda1seIndex,
  onSelect,
}: Props) {
  const nearest = (logLambda: number) =>
    points.reduce(
      (best, p) =>
        Math.abs(p.logLambda - logLambda) < Math.abs(best.logLambda - logLambda) ? p : best,
      points[0]!,
    );
  const label = measure === 'mae' ? 'mean absolute error' : 'mean squared error';
  const figure = useRef<HTMLElement>(null);
  return (
    <figure className="chart" ref={figure}>
      <figcaption className="chart-head">
        Cross-validation error
        <ChartExport figure={figure} name="Cross-validation error" />
      </figcaption>
      <div
        className="chart-body"
        role="img"
        aria-label={`Cross-validated ${label} with one standard error against log λ; click to select a λ`}
      >
        <ResponsiveContainer width="100%" height="100%">
          <ComposedChart
            data={points}
            margin={{ top: 8, right: 16, bottom: 24, left: 8 }}
            onClick={selectOnClick(onSelect)}
          >
            <CartesianGrid stroke={GRID_COLOR} />
            <XAxis {...LOG_LAMBDA_AXIS}>{logLambdaTitle}</XAxis>
            <XAxis
              {...LOG_LAMBDA_AXIS}
              xAxisId="nonzero"
              orientation="top"
              ticks={nonzeroTicks(points)}
              tickFormatter={(v: number) => String(nearest(v).nzero)}
              tick={{ ...AXIS_STYLE, fontSize: 11 }}
              axisLine={false}
              tickLine={false}
            />
            <YAxis
              tickFormatter={(v: number) => formatNumber(v, 3)}
              tick={AXIS_STYLE}
              width={64}
              domain={['auto', 'auto']}
            >
              <Label value={label} angle={-90} position="insideLeft" style={Y_TITLE_STYLE} />
            </YAxis>
            <Tooltip
              formatter={(value, _name, item) => {
                const p = item.payload as CvPoint;
                return [
                  `${formatNumber(Number(value))} ± ${formatNumber(p.error[1])} (${p.nzero} features)`,
                  'CV error',
                ];
              }}
              labelFormatter={(value) => `λ = ${formatNumber(Math.exp(Number(value)))}`}
              wrapperStyle={{ fontSize: 12 }}
            />
            <Line
              dataKey="cvm"
              name="CV error"
              stroke="#c2410c"
              strokeWidth={0}
              dot={{ r: 2.5, fill: '#c2410c' }}
              isAnimationActive={false}
            >
              <ErrorBar dataKey="error" width={2} stroke="#9ca3af" direction="y" />
            </Line>
            <ReferenceLine
              x={points[lambda1seIndex]?.logLambda}
              stroke="#6b7280"
              strokeDasharray="4 3"
              label={{ value: 'λ_1se', position: 'insideTopRight', fontSize: 11, fill: '#6b7280' }}
            />
            <ReferenceLine
              x={points[lambdaMinIndex]?.logLambda}
              stroke="#9ca3af"
              strokeDasharray="2 3"
              label={{ value: 'λ_min', position: 'insideTopLeft', fontSize: 11, fill: '#6b7280' }}
            />
            <ReferenceLine
              x={points[selectedIndex]?.logLambda}
              stroke="#111827"
              strokeWidth={1.5}
            />
          </ComposedChart>
        </ResponsiveContainer>
      </div>
      <p className="hint">
        Numbers along the top: features selected. Bars: ±1 standard error across folds.
      </p>
    </figure>
  );
}
