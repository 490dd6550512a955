/**
 * Stability selection in the results: the stability path and the selected set with its bound,
 * linked to the λ control like every other view: Λ runs from the largest λ down to the λ on
 * screen, so moving λ widens or narrows it (the run's own range is one click away).
 */
import type { AnalysisResult } from '../../../shared/analysis/result';
import { BOUND_ASSUMPTIONS, stabilitySentences } from '../../../shared/analysis/stability';
import { StabilityPathChart } from '../../charts/StabilityPathChart';
import { formatNumber, memoByResult } from '../../lib/results';
import { selectionAt, stabilityLines } from '../../lib/stabilityView';
import { Name } from '../common/Name';

const linesOf = memoByResult((result) => stabilityLines(result));

interface Props {
  result: AnalysisResult;
  selectedIndex: number;
  onSelect: (index: number) => void;
}

export function StabilityPanel({ result, selectedIndex, onSelect }: Props) {
  const block = result.stability!;
  const lines = linesOf(result, '');
  const last = Math.min(selectedIndex, block.probability.length - 1);
  const selection = selectionAt(block, last);
  const sentences = stabilitySentences(block, result.path.lambda, selection);
  const selectedKey = selection.selected
    .map((s) => s.column)
    .sort((a, b) => a - b)
    .join(',');
  const colorOf = new Map(lines.columns.map((c) => [c.column, c.color]));
  return (
    <section className="stability-panel" aria-label="Stability selection">
      <h3>Stability selection</h3>
      <p className="muted">{sentences.run}.</p>
      <p className="stability-range">
        {sentences.range}; its end is the λ selected above, so moving λ changes the range.{' '}
        {last !== block.rangeEnd && (
          <button type="button" className="link" onClick={() => onSelect(block.rangeEnd)}>
            {block.rangeRule === 'bound'
              ? `Go to the widest range with a bound ≤ 1 (λ = ${formatNumber(result.path.lambda[block.rangeEnd]!)})`
              : `Go to the range's set end (λ = ${formatNumber(result.path.lambda[block.rangeEnd]!)})`}
          </button>
        )}
      </p>
      <div className="grid stability-grid">
        <StabilityPathChart
          data={lines}
          threshold={block.threshold}
          selectedKey={selectedKey}
          onSelect={onSelect}
        />
        <div className="stability-selected">
          {selection.selected.length === 0 ? (
            <p>
              No column reaches π = {block.threshold} in this range. Select a smaller λ to widen it
              (the bound grows with it).
            </p>
          ) : (
            <table aria-label="Stable columns">
              <caption>
                Selected: {selection.selected.length} of {block.penalized} penalized columns
              </caption>
              <thead>
                <tr>
                  <th>Column</th>
                  <th className="num">Largest probability in Λ</th>
                  <th className="num">At this λ</th>
                </tr>
              </thead>
              <tbody>
                {selection.selected.map((s) => (
                  <tr key={s.column}>
                    <td>
                      <span
                        className="swatch"
                        style={{ backgroundColor: colorOf.get(s.column) ?? 'transparent' }}
                        aria-hidden="true"
                      />
                      <Name text={result.columns[s.column]!} />
                    </td>
                    <td className="num">{s.maxProbability.toFixed(2)}</td>
                    <td className="num">{block.probability[last]![s.column]!.toFixed(2)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <p className="stability-bound">{sentences.bound}.</p>
          <details className="stability-assumptions">
            <summary>What the bound assumes</summary>
            <ul>
              {BOUND_ASSUMPTIONS.map((text) => (
                <li key={text}>{text}</li>
              ))}
            </ul>
          </details>
        </div>
      </div>
    </section>
  );
}
