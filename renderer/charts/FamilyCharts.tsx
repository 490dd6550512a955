/**
 * The charts of the predictions at the selected λ that depend on the kind of target: for two
 * classes the ROC curve with its AUC, the confusion matrix at a threshold the user moves, and
 * binned calibration; for counts predicted against observed and deviance residuals. The
 * numbers come from shared/analysis/classification.ts, as the report's. Each redraws when the
 * predictions at a new λ arrive.
 */
import { memo, useId, useMemo, useState } from 'react';
import {
  CartesianGrid,
  ComposedChart,
  Label,
  Line,
  ReferenceDot,
  ReferenceLine,
  ResponsiveContainer,
  Scatter,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import {
  type Confusion,
  calibrationBins,
  confusionAt,
  poissonDevianceResidual,
  rocCurve,
} from '../../shared/analysis/classification';
import type { Predictions } from '../../shared/ipc/contract';
import { formatNumber } from '../lib/results';
import { AXIS_STYLE, GRID_COLOR, Y_TITLE_STYLE } from './common';
import { ScatterCanvas } from './ScatterCanvas';

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

const rowsOf = (predictions: Predictions) =>
  predictions.set === 'test' ? 'test rows' : 'training rows';

function SampleNote({ predictions }: { predictions: Predictions }) {
  return predictions.total > predictions.actual.length ? (
    <span className="hint">
      showing {predictions.actual.length} of {predictions.total} rows
    </span>
  ) : null;
}

export const ClassificationCharts = memo(function ClassificationCharts({
  predictions,
  target,
  classes,
}: {
  predictions: Predictions;
  target: string;
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
        <p className="metrics">
          <span>AUC {formatNumber(roc.auc, 3)}</span>
          <span className="hint">
            the chance a random {classes.positive} gets a higher P than a random {classes.negative}
          </span>
          <SampleNote predictions={predictions} />
        </p>
        <div
          className="chart-body"
          role="img"
          aria-label={`ROC curve of the ${rows}: true against false positive rate, AUC ${formatNumber(roc.auc, 3)}`}
        >
          <ResponsiveContainer width="100%" height="100%">
            <ComposedChart margin={{ top: 8, right: 16, bottom: 24, left: 8 }}>
              <CartesianGrid stroke={GRID_COLOR} />
              <XAxis {...UNIT_AXIS} dataKey="fpr">
                <Label
                  value="false positive rate"
                  position="insideBottom"
                  offset={-12}
                  style={AXIS_STYLE}
                />
              </XAxis>
              <YAxis {...UNIT_AXIS} dataKey="tpr" width={56}>
                <Label
                  value="true positive rate"
                  angle={-90}
                  position="insideLeft"
                  style={Y_TITLE_STYLE}
                />
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
            <ComposedChart margin={{ top: 8, right: 16, bottom: 24, left: 8 }}>
              <CartesianGrid stroke={GRID_COLOR} />
              <XAxis {...UNIT_AXIS} dataKey="meanPredicted">
                <Label
                  value="mean predicted probability"
                  position="insideBottom"
                  offset={-12}
                  style={AXIS_STYLE}
                />
              </XAxis>
              <YAxis {...UNIT_AXIS} dataKey="observedRate" width={56}>
                <Label
                  value="observed rate"
                  angle={-90}
                  position="insideLeft"
                  style={Y_TITLE_STYLE}
                />
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
                wrapperStyle={{ fontSize: 12 }}
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

/** The 2×2 table at a threshold the user sets with a slider (keyboard: arrows, Page Up/Down). */
function ConfusionMatrix({
  predictions,
  target,
  classes,
  threshold,
  onThreshold,
  table: t,
}: {
  predictions: Predictions;
  target: string;
  classes: { negative: string; positive: string };
  threshold: number;
  onThreshold: (threshold: number) => void;
  table: Confusion;
}) {
  const id = useId();
  const w = predictions.weights;
  const total = t.truePositive + t.falseNegative + t.falsePositive + t.trueNegative;
  const count = (v: number) => (w ? formatNumber(v) : String(v));
  const rate = (num: number, den: number) => (den > 0 ? formatNumber(num / den, 3) : '—');
  return (
    <figure className="chart confusion" aria-labelledby={`${id}-caption`}>
      <figcaption id={`${id}-caption`}>
        Confusion matrix ({rowsOf(predictions)}) at λ = {formatNumber(predictions.lambda)}
      </figcaption>
      <div className="field threshold">
        <label htmlFor={`${id}-threshold`}>Threshold: call {classes.positive} when P ≥</label>
        <div className="slider-row">
          <input
            id={`${id}-threshold`}
            type="range"
            min={0}
            max={1}
            step={0.01}
            value={threshold}
            onChange={(event) => onThreshold(Number(event.target.value))}
          />
          <output htmlFor={`${id}-threshold`}>{threshold.toFixed(2)}</output>
        </div>
      </div>
      <table className="data-table compact confusion-table">
        <caption className="visually-hidden">
          Rows by observed {target} and by prediction at threshold {threshold.toFixed(2)}
        </caption>
        <thead>
          <tr>
            <th scope="col">observed ↓ / predicted →</th>
            <th scope="col" className="num">
              {classes.negative}
            </th>
            <th scope="col" className="num">
              {classes.positive}
            </th>
          </tr>
        </thead>
        <tbody>
          <tr>
            <th scope="row">{classes.negative}</th>
            <td className="num">{count(t.trueNegative)}</td>
            <td className="num">{count(t.falsePositive)}</td>
          </tr>
          <tr>
            <th scope="row">{classes.positive}</th>
            <td className="num">{count(t.falseNegative)}</td>
            <td className="num">{count(t.truePositive)}</td>
          </tr>
        </tbody>
      </table>
      <p className="metrics">
        <span>total {count(total)}</span>
        <span>accuracy {rate(t.truePositive + t.trueNegative, total)}</span>
        <span>sensitivity {rate(t.truePositive, t.truePositive + t.falseNegative)}</span>
        <span>specificity {rate(t.trueNegative, t.trueNegative + t.falsePositive)}</span>
        {w && <span className="hint">weighted counts</span>}
        <SampleNote predictions={predictions} />
      </p>
    </figure>
  );
}

export const CountCharts = memo(function CountCharts({
  predictions,
  target,
}: {
  predictions: Predictions;
  target: string;
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
      <p className="metrics">
        <span>MSE {formatNumber(predictions.metrics.mse)}</span>
        <span>MAE {formatNumber(predictions.metrics.mae)}</span>
        <SampleNote predictions={predictions} />
      </p>
      <div className="pair">
        <div>
          <p className="chart-subtitle">Expected count against observed</p>
          <div
            className="chart-body small"
            role="img"
            aria-label={`Expected count against observed ${target} for the ${rows}`}
          >
            <ScatterCanvas
              x={actual}
              y={predicted}
              xDomain={range}
              yDomain={range}
              xLabel={`observed ${target}`}
              yLabel="expected count"
              color="var(--chart-actual)"
              reference="diagonal"
            />
          </div>
        </div>
        <div>
          <p className="chart-subtitle">Deviance residuals</p>
          <div
            className="chart-body small"
            role="img"
            aria-label={`Poisson deviance residuals against expected ${target}`}
          >
            <ScatterCanvas
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
        </div>
      </div>
    </figure>
  );
});
