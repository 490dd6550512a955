/**
 * The charts of a count target at the selected λ: expected against observed counts, and the
 * Poisson deviance residuals (shared/analysis/classification.ts) against the expected count.
 */
import { memo, type ReactNode, useMemo } from 'react';
import { poissonDevianceResidual } from '../../shared/analysis/classification';
import type { Predictions } from '../../shared/ipc/contract';
import { formatNumber } from '../lib/results';
import { rowsOf, SampleNote } from './predictionSample';
import { ScatterPanel } from './ScatterPanel';

export const CountCharts = memo(function CountCharts({
  predictions,
  target,
  controls,
}: {
  predictions: Predictions;
  target: string;
  /** Shown in the heading (the choice of rows); memoized by the caller. */
  controls?: ReactNode;
}) {
  const { actual, predicted } = predictions;
  const { residuals, range, predictedRange, residualRange } = useMemo(() => {
    const residuals = actual.map((yi, i) => poissonDevianceResidual(yi, predicted[i]!));
    const hi = Math.max(...actual, ...predicted);
    const lo = Math.min(...predicted);
    const top = Math.max(...predicted);
    const pad = (top - lo) * 0.04 || 1;
    const largest = Math.max(...residuals.map(Math.abs)) * 1.08 || 1;
    return {
      residuals,
      // Counts from 0, one range for both axes so y = x is the diagonal.
      range: [0, hi * 1.04 || 1] as [number, number],
      // The residuals spread over the predictions' own range (at large λ one value).
      predictedRange: [Math.max(0, lo - pad), top + pad] as [number, number],
      residualRange: [-largest, largest] as [number, number],
    };
  }, [actual, predicted]);
  const rows = rowsOf(predictions);
  return (
    <figure className="chart predictions">
      <figcaption>
        Predicted vs observed counts ({rows}) at λ = {formatNumber(predictions.lambda)}
      </figcaption>
      <div className="metrics-row">
        <p className="metrics">
          <span>MSE {formatNumber(predictions.metrics.mse)}</span>
          <span>MAE {formatNumber(predictions.metrics.mae)}</span>
          <SampleNote predictions={predictions} />
        </p>
        {controls}
      </div>
      <div className="pair">
        <ScatterPanel
          subtitle="Expected count against observed"
          label={`Expected count against observed ${target} for the ${rows}`}
          x={actual}
          y={predicted}
          xDomain={range}
          yDomain={range}
          xLabel={`observed ${target}`}
          yLabel="expected count"
          color="var(--chart-actual)"
          reference="diagonal"
        />
        <ScatterPanel
          subtitle="Deviance residuals"
          label={`Poisson deviance residuals against expected ${target}`}
          x={predicted}
          y={residuals}
          xDomain={predictedRange}
          yDomain={residualRange}
          xLabel="expected count"
          yLabel="deviance residual"
          color="var(--chart-residual)"
          reference="zero"
        />
      </div>
    </figure>
  );
});
