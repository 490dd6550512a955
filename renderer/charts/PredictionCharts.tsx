import {
  CartesianGrid,
  Label,
  ReferenceLine,
  ResponsiveContainer,
  Scatter,
  ScatterChart,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import type { Predictions } from '../../shared/ipc/contract';
import { formatNumber, predictionPoints } from '../lib/results';
import { AXIS_STYLE, GRID_COLOR } from './common';

export function PredictionCharts({
  predictions,
  target,
}: {
  predictions: Predictions;
  target: string;
}) {
  const { points, range } = predictionPoints(predictions);
  const rows = predictions.set === 'test' ? 'test rows' : 'training rows';
  const { mse, mae, r2 } = predictions.metrics;
  return (
    <figure className="chart predictions">
      <figcaption>Predicted vs actual ({rows})</figcaption>
      <p className="metrics">
        <span>MSE {formatNumber(mse)}</span>
        <span>MAE {formatNumber(mae)}</span>
        <span>R² {r2 === null || Number.isNaN(r2) ? '—' : formatNumber(r2, 3)}</span>
        {predictions.total > points.length && (
          <span className="hint">
            showing {points.length} of {predictions.total} rows
          </span>
        )}
      </p>
      <div className="pair">
        <div
          className="chart-body small"
          role="img"
          aria-label={`Predicted against actual ${target} for the ${rows}`}
        >
          <ResponsiveContainer width="100%" height="100%">
            <ScatterChart margin={{ top: 8, right: 12, bottom: 24, left: 8 }}>
              <CartesianGrid stroke={GRID_COLOR} />
              <XAxis
                dataKey="actual"
                type="number"
                domain={range}
                tickFormatter={(v: number) => formatNumber(v, 3)}
                tick={AXIS_STYLE}
              >
                <Label
                  value={`actual ${target}`}
                  position="insideBottom"
                  offset={-12}
                  style={AXIS_STYLE}
                />
              </XAxis>
              <YAxis
                dataKey="predicted"
                type="number"
                domain={range}
                tickFormatter={(v: number) => formatNumber(v, 3)}
                tick={AXIS_STYLE}
                width={56}
              />
              <ReferenceLine
                segment={[
                  { x: range[0], y: range[0] },
                  { x: range[1], y: range[1] },
                ]}
                stroke="#9ca3af"
                strokeDasharray="4 3"
              />
              <Tooltip
                formatter={(value, name) => [formatNumber(Number(value)), name]}
                wrapperStyle={{ fontSize: 12 }}
              />
              <Scatter
                data={points}
                fill="#4e79a7"
                fillOpacity={0.6}
                isAnimationActive={false}
                name="row"
              />
            </ScatterChart>
          </ResponsiveContainer>
        </div>
        <div
          className="chart-body small"
          role="img"
          aria-label={`Residuals against predicted ${target}`}
        >
          <ResponsiveContainer width="100%" height="100%">
            <ScatterChart margin={{ top: 8, right: 12, bottom: 24, left: 8 }}>
              <CartesianGrid stroke={GRID_COLOR} />
              <XAxis
                dataKey="predicted"
                type="number"
                domain={['auto', 'auto']}
                tickFormatter={(v: number) => formatNumber(v, 3)}
                tick={AXIS_STYLE}
              >
                <Label value="predicted" position="insideBottom" offset={-12} style={AXIS_STYLE} />
              </XAxis>
              <YAxis
                dataKey="residual"
                type="number"
                tickFormatter={(v: number) => formatNumber(v, 3)}
                tick={AXIS_STYLE}
                width={56}
              />
              <ReferenceLine y={0} stroke="#9ca3af" strokeDasharray="4 3" />
              <Tooltip
                formatter={(value, name) => [formatNumber(Number(value)), name]}
                wrapperStyle={{ fontSize: 12 }}
              />
              <Scatter
                data={points}
                fill="#e15759"
                fillOpacity={0.55}
                isAnimationActive={false}
                name="row"
              />
            </ScatterChart>
          </ResponsiveContainer>
        </div>
      </div>
    </figure>
  );
}
