import { memo, type ReactNode, useMemo } from 'react';
import type { Predictions } from '../../shared/ipc/contract';
import { formatNumber, predictionPoints } from '../lib/results';
import { rowsOf } from './predictionSample';
import { ScatterPanel } from './ScatterPanel';

/**
 * Predicted vs actual and residuals at the selected λ, on canvas (see ScatterCanvas). Memoized:
 * it redraws only when new predictions arrive, not on every λ step.
 */
export const PredictionCharts = memo(function PredictionCharts({
  predictions,
  target,
  controls,
}: {
  predictions: Predictions;
  target: string;
  /** Shown in the heading (the choice of rows); memoized by the caller. */
  controls?: ReactNode;
}) {
  const { points, range, residualRange } = useMemo(
    () => predictionPoints(predictions),
    [predictions],
  );
  const series = useMemo(
    () => ({
      actual: points.map((p) => p.actual),
      predicted: points.map((p) => p.predicted),
      residual: points.map((p) => p.residual),
    }),
    [points],
  );
  const rows = rowsOf(predictions);
  const { mse, mae, r2 } = predictions.metrics;
  return (
    <figure className="chart predictions">
      <figcaption>
        Predicted vs actual ({rows}) at λ = {formatNumber(predictions.lambda)}
      </figcaption>
      <div className="metrics-row">
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
        {controls}
      </div>
      <div className="pair">
        <ScatterPanel
          subtitle="Predicted against actual"
          label={`Predicted against actual ${target} for the ${rows}`}
          x={series.actual}
          y={series.predicted}
          xDomain={range}
          yDomain={range}
          xLabel={`actual ${target}`}
          yLabel={`predicted ${target}`}
          color="var(--chart-actual)"
          reference="diagonal"
        />
        <ScatterPanel
          subtitle="Residuals (actual − predicted)"
          label={`Residuals (actual minus predicted) against predicted ${target}`}
          x={series.predicted}
          y={series.residual}
          xDomain={range}
          yDomain={residualRange}
          xLabel={`predicted ${target}`}
          yLabel="residual (actual − predicted)"
          color="var(--chart-residual)"
          reference="zero"
        />
      </div>
    </figure>
  );
});
