/** The 2×2 table of a two-class target at a threshold the user sets with a slider. */
import { useId } from 'react';
import type { Confusion } from '../../shared/analysis/classification';
import type { Predictions } from '../../shared/ipc/contract';
import { formatNumber } from '../lib/results';
import { rowsOf, SampleNote } from './predictionSample';

/** The 2×2 table at a threshold the user sets with a slider (keyboard: arrows, Page Up/Down). */
export function ConfusionMatrix({
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
