/**
 * The charts of a two-class target at the selected λ: the ROC curve with its AUC (and the
 * threshold's point), the confusion matrix at the threshold the user moves, and binned
 * calibration. The numbers come from shared/analysis/classification.ts, as the report's; they
 * redraw when the predictions at a new λ arrive.
 */
import { memo, type ReactNode, useMemo, useState } from 'react';
import {
  CartesianGrid,
  ComposedChart,
  Line,
  ReferenceDot,
  ReferenceLine,
  ResponsiveContainer,
  Scatter,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { calibrationBins, confusionAt, rocCurve } from '../../shared/analysis/classification';
import type { Predictions } from '../../shared/ipc/contract';
import { formatNumber } from '../lib/results';
import { ConfusionMatrix } from './ConfusionMatrix';
import {
  AXIS_STYLE,
  CHART_MARGIN,
  GRID_COLOR,
  TOOLTIP_WRAPPER_STYLE,
  xAxisTitle,
  yAxisTitle,
} from './common';
import { rowsOf, SampleNote } from './predictionSample';

const UNIT_AXIS = {
  type: 'number' as const,
  // A little past 0 and 1, so a point at either end is drawn whole.
  domain: [-0.02, 1.02] as [number, number],
  ticks: [0, 0.2, 0.4, 0.6, 0.8, 1],
  tick: AXIS_STYLE,
  allowDataOverflow: true,
};
const DIAGONAL: [{ x: number; y: number }, { x: number; y: number }] = [
  { x: 0, y: 0 },
  { x: 1, y: 1 },
];

export const ClassificationCharts = memo(function ClassificationCharts({
  predictions,
  target,
  classes,
  controls,
}: {
  predictions: Predictions;
  target: string;
  /** Shown in the ROC curve's heading (the choice of rows); memoized by the caller. */
  controls?: ReactNode;
  /** The target's values for y = 0 and y = 1, as the file writes them. */
  classes: { negative: string; positive: string };
}) {
  const { actual: y, predicted: p, weights: w } = predictions;
  const roc = useMemo(() => rocCurve(y, p, w), [y, p, w]);
  const bins = useMemo(() => calibrationBins(y, p, 10, w), [y, p, w]);
  // The confusion matrix's threshold, also marked on the ROC curve; kept across λ steps.
  const [threshold, setThreshold] = useState(0.5);
  const table = useMemo(() => confusionAt(y, p, threshold, w), [y, p, w, threshold]);
  const at = {
    fpr: table.falsePositive / (table.falsePositive + table.trueNegative),
    tpr: table.truePositive / (table.truePositive + table.falseNegative),
  };
  const rows = rowsOf(predictions);
  const lambda = formatNumber(predictions.lambda);
  return (
    <>
      <figure className="chart roc">
        <figcaption>
          ROC curve ({rows}) at λ = {lambda}
        </figcaption>
        <div className="metrics-row">
          <p className="metrics">
            <span>AUC {formatNumber(roc.auc, 3)}</span>
            <span className="hint">
              the chance a random {classes.positive} gets a higher P than a random{' '}
              {classes.negative}
            </span>
            <SampleNote predictions={predictions} />
          </p>
          {controls}
        </div>
        <div
          className="chart-body"
          role="img"
          aria-label={`ROC curve of the ${rows}: true against false positive rate, AUC ${formatNumber(roc.auc, 3)}`}
        >
          <ResponsiveContainer width="100%" height="100%">
            <ComposedChart margin={CHART_MARGIN}>
              <CartesianGrid stroke={GRID_COLOR} />
              <XAxis {...UNIT_AXIS} dataKey="fpr">
                {xAxisTitle('false positive rate')}
              </XAxis>
              <YAxis {...UNIT_AXIS} dataKey="tpr" width={56}>
                {yAxisTitle('true positive rate')}
              </YAxis>
              <ReferenceLine
                segment={DIAGONAL}
                stroke="var(--chart-reference)"
                strokeDasharray="4 3"
              />
              <Line
                data={roc.points}
                dataKey="tpr"
                type="linear"
                stroke="var(--chart-actual)"
                strokeWidth={2}
                dot={false}
                isAnimationActive={false}
              />
              {Number.isFinite(at.fpr) && Number.isFinite(at.tpr) && (
                <ReferenceDot
                  x={at.fpr}
                  y={at.tpr}
                  r={5}
                  fill="var(--chart-cv)"
                  stroke="var(--panel)"
                  label={{
                    value: `threshold ${threshold.toFixed(2)}`,
                    position: 'right',
                    fill: 'var(--chart-axis)',
                    fontSize: 12,
                  }}
                />
              )}
            </ComposedChart>
          </ResponsiveContainer>
        </div>
      </figure>
      <ConfusionMatrix
        predictions={predictions}
        target={target}
        classes={classes}
        threshold={threshold}
        onThreshold={setThreshold}
        table={table}
      />
      <figure className="chart calibration">
        <figcaption>
          Calibration ({rows}) at λ = {lambda}
        </figcaption>
        <p className="hint">
          Rows binned by predicted probability (10 bins): mean prediction against the observed share
          of {classes.positive}. On the diagonal, predictions mean what they say.
        </p>
        <div
          className="chart-body"
          role="img"
          aria-label={`Calibration of the ${rows}: observed rate against mean predicted probability in ${bins.length} bins`}
        >
          <ResponsiveContainer width="100%" height="100%">
            <ComposedChart margin={CHART_MARGIN}>
              <CartesianGrid stroke={GRID_COLOR} />
              <XAxis {...UNIT_AXIS} dataKey="meanPredicted">
                {xAxisTitle('mean predicted probability')}
              </XAxis>
              <YAxis {...UNIT_AXIS} dataKey="observedRate" width={56}>
                {yAxisTitle('observed rate')}
              </YAxis>
              <ReferenceLine
                segment={DIAGONAL}
                stroke="var(--chart-reference)"
                strokeDasharray="4 3"
              />
              <Scatter
                data={bins}
                dataKey="observedRate"
                fill="var(--chart-cv)"
                line={{ stroke: 'var(--chart-cv)' }}
                isAnimationActive={false}
              />
              <Tooltip
                formatter={(value, name) => [formatNumber(Number(value), 3), String(name)]}
                wrapperStyle={TOOLTIP_WRAPPER_STYLE}
              />
            </ComposedChart>
          </ResponsiveContainer>
        </div>
        <details className="bins">
          <summary>The bins as a table</summary>
          <table className="data-table compact">
            <thead>
              <tr>
                <th scope="col">predicted</th>
                <th scope="col" className="num">
                  mean predicted
                </th>
                <th scope="col" className="num">
                  observed rate
                </th>
                <th scope="col" className="num">
                  rows
                </th>
              </tr>
            </thead>
            <tbody>
              {bins.map((b) => (
                <tr key={b.from}>
                  <th scope="row">
                    {b.from.toFixed(1)}–{b.to.toFixed(1)}
                  </th>
                  <td className="num">{formatNumber(b.meanPredicted, 3)}</td>
                  <td className="num">{formatNumber(b.observedRate, 3)}</td>
                  <td className="num">{b.count}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </details>
      </figure>
    </>
  );
});
