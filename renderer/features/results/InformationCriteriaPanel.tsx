/**
 * The CV-free λ choice in the app: each criterion's λ (with its nonzero count, df and value) and
 * a button that moves the λ control there, and what σ² and df were, in the words the CLI and
 * the report use (shared/analysis/informationCriteriaText.ts).
 */
import type { InformationCriteria } from '../../../shared/analysis/informationCriteria';
import {
  IC_KEYS,
  IC_LABEL,
  IC_LAMBDA_LABEL,
  icChoice,
  icDfSentence,
  icFormSentence,
} from '../../../shared/analysis/informationCriteriaText';
import { formatNumber } from '../../lib/results';

interface Props {
  criteria: InformationCriteria;
  /** Nonzero coefficients at each λ index (the path's df). */
  nonzero: readonly number[];
  selectedIndex: number;
  onSelect: (index: number) => void;
}

export function InformationCriteriaPanel({ criteria, nonzero, selectedIndex, onSelect }: Props) {
  return (
    <section className="information-criteria" aria-labelledby="ic-title">
      <h3 id="ic-title">λ chosen without cross-validation</h3>
      <table>
        <thead>
          <tr>
            <th scope="col">Criterion</th>
            <th scope="col" className="num">
              λ
            </th>
            <th scope="col" className="num">
              Nonzero
            </th>
            <th scope="col" className="num">
              df
            </th>
            <th scope="col" className="num">
              Value
            </th>
            <th scope="col">
              <span className="visually-hidden">Go</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {IC_KEYS.map((key) => {
            const { index, lambda } = icChoice(criteria, key);
            return (
              <tr key={key}>
                <th scope="row">{IC_LABEL[key]}</th>
                <td className="num">{formatNumber(lambda)}</td>
                <td className="num">{nonzero[index]}</td>
                <td className="num">{formatNumber(criteria.df[index]!)}</td>
                <td className="num">{formatNumber(criteria[key][index]!)}</td>
                <td>
                  <button
                    type="button"
                    onClick={() => onSelect(index)}
                    aria-pressed={selectedIndex === index}
                  >
                    Go to {IC_LAMBDA_LABEL[key]}
                  </button>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <p className="muted">
        {icFormSentence(criteria)} {icDfSentence(criteria)}
      </p>
    </section>
  );
}
