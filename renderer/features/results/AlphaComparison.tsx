import { useMemo } from 'react';
import {
  type AlphaSearch,
  alphaComparison,
  type LambdaRule,
  RULE_LABEL,
  rulesAvailable,
} from '../../../shared/analysis/alphaComparison';
import { AlphaCvChart, alphaColor } from '../../charts/AlphaCvChart';
import { formatNumber } from '../../lib/results';

interface Props {
  search: AlphaSearch;
  rule: LambdaRule;
  /** Rank at another rule: the shown α's λ moves to it, so the ranking is the one on screen. */
  onRule: (rule: LambdaRule) => void;
  shownAlpha: number;
  onShow: (alpha: number) => void;
  measureLabel: string;
  maximize: boolean;
}

/**
 * Every α of the comparison: ranked at the rule of the λ shown, each one's CV value, standard
 * error, λ and features there, "within 1 SE of the best" marked; a row shows that α's path
 * and CV curve in the charts below; all CV curves overlaid beside the table.
 */
export function AlphaComparison({
  search,
  rule,
  onRule,
  shownAlpha,
  onShow,
  measureLabel,
  maximize,
}: Props) {
  const rows = useMemo(() => alphaComparison(search, rule, maximize), [search, rule, maximize]);
  const rules = rulesAvailable(search);
  return (
    <section className="alpha-comparison" aria-labelledby="alpha-comparison-heading">
      <div className="alpha-table">
        <div className="alpha-head">
          <h3 id="alpha-comparison-heading">α compared on the same folds</h3>
          <fieldset className="segmented" aria-label="Rank at">
            <legend className="muted">Rank at</legend>
            {rules.map((r) => (
              <button
                key={r}
                type="button"
                aria-pressed={rule === r}
                onClick={() => onRule(r)}
                title={`Rank every α by its CV ${measureLabel} at its own ${RULE_LABEL[r]}, and show the shown α at its ${RULE_LABEL[r]}`}
              >
                {RULE_LABEL[r]}
              </button>
            ))}
          </fieldset>
        </div>
        <div className="table-scroll">
          <table className="data-table compact alpha-rows">
            <caption className="visually-hidden">
              Every α ranked by CV {measureLabel} at {RULE_LABEL[rule]}
            </caption>
            <thead>
              <tr>
                <th scope="col" className="num" title="Rank at the rule: 1 is the best">
                  #
                </th>
                <th scope="col">α</th>
                <th scope="col" className="num">
                  CV at {RULE_LABEL[rule]} ± SE
                </th>
                <th scope="col" className="num">
                  {RULE_LABEL[rule]}
                </th>
                <th scope="col" className="num">
                  Features
                </th>
                <th scope="col" title="Compared with the best CV value and its standard error">
                  vs best
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr
                  key={row.alpha}
                  className={[
                    row.alpha === shownAlpha ? 'shown' : '',
                    row.withinOneSe ? 'within-se' : '',
                  ]
                    .join(' ')
                    .trim()}
                  aria-selected={row.alpha === shownAlpha}
                  data-alpha={row.alpha}
                  data-cvm={row.cvm}
                  data-cvsd={row.cvsd}
                  onClick={() => onShow(row.alpha)}
                >
                  <td className="num">{row.rank}</td>
                  <th scope="row">
                    <button
                      type="button"
                      className="link alpha-show"
                      aria-pressed={row.alpha === shownAlpha}
                      title={
                        row.hasPath
                          ? `Show the path and CV curve of α = ${row.alpha}`
                          : `α = ${row.alpha} kept no path (too many columns); its CV curve is highlighted`
                      }
                      onClick={(event) => {
                        event.stopPropagation();
                        onShow(row.alpha);
                      }}
                    >
                      <span
                        className="swatch"
                        style={{ background: alphaColor(search, row.alpha) }}
                        aria-hidden="true"
                      />
                      {row.alpha} <span className="muted">{row.label}</span>
                    </button>
                    {row.chosen && (
                      <span
                        className="badge"
                        title="The model of these results (best at λ_min): exports, predictions and the project use it"
                      >
                        chosen
                      </span>
                    )}
                  </th>
                  <td className="num">
                    {formatNumber(row.cvm)}{' '}
                    <span className="muted">± {formatNumber(row.cvsd, 3)}</span>
                  </td>
                  <td className="num">{formatNumber(row.lambda)}</td>
                  <td className="num">{row.nzero ?? '—'}</td>
                  <td className="one-se">
                    {row.rank === 1 ? 'best' : row.withinOneSe ? 'within 1 SE' : 'worse'}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <p className="hint">
          Within 1 SE: its CV {measureLabel} is no {maximize ? 'lower' : 'higher'} than the best
          one's {maximize ? 'minus' : 'plus'} its standard error, so the data do not tell them
          apart. Click a row to see that α below.
        </p>
      </div>
      <AlphaCvChart
        search={search}
        rows={rows}
        rule={rule}
        measureLabel={measureLabel}
        shownAlpha={shownAlpha}
        maximize={maximize}
      />
    </section>
  );
}
