import { useState } from 'react';
import { EXP_COEFFICIENT } from '../../../shared/analysis/classification';
import { DEFAULT_FAMILY } from '../../../shared/analysis/families';
import type { AnalysisResult } from '../../../shared/analysis/result';
import { plural } from '../../../shared/plural';
import { GLOSSARY } from '../../lib/glossary';
import { formatNumber, type SortKey, selectedFeatures, sortFeatures } from '../../lib/results';
import { Help } from '../common/Help';
import { Name } from '../common/Name';

/** Rows listed at first, largest effects first by default; more on request. */
const ROW_PAGE = 100;

const COLUMNS: { key: SortKey; label: string; numeric: boolean; help?: string }[] = [
  { key: 'column', label: 'Feature', numeric: false },
  { key: 'coefficient', label: 'Coefficient', numeric: true },
  { key: 'standardized', label: 'Standardized', numeric: true },
  { key: 'enteredAt', label: 'Entered at λ', numeric: true, help: GLOSSARY.enteredAt },
  { key: 'selectionFrequency', label: 'In folds', numeric: true, help: GLOSSARY.inFolds },
];

export function SelectedFeaturesTable({
  result,
  selectedIndex,
}: {
  result: AnalysisResult;
  selectedIndex: number;
}) {
  const ratio = EXP_COEFFICIENT[result.settings.family ?? DEFAULT_FAMILY];
  // Largest effects first: per sd of the feature (standardized β, or exp(β·sd)).
  const [sort, setSort] = useState<{ key: SortKey; descending: boolean }>({
    key: ratio ? 'ratioPerSd' : 'standardized',
    descending: true,
  });
  const [listed, setListed] = useState(ROW_PAGE);
  const rows = sortFeatures(selectedFeatures(result, selectedIndex), sort.key, sort.descending);
  // Ridge keeps every feature: its table is of coefficients, and no feature "enters" the path.
  const ridge = result.settings.penalty === 'ridge';
  const columns = COLUMNS.filter(
    (c) => (result.cv || c.key !== 'selectionFrequency') && (!ridge || c.key !== 'enteredAt'),
  ).flatMap((c) =>
    // Logistic and Poisson: exp(β) per unit and per sd of the feature in place of the
    // standardized β (sds of a 0/1 or count target per sd mean little).
    c.key === 'standardized' && ratio
      ? [
          { key: 'ratioPerUnit' as const, label: `${ratio.label} / unit`, numeric: true },
          { key: 'ratioPerSd' as const, label: `${ratio.label} / sd`, numeric: true },
        ]
      : [c],
  );
  return (
    <div className="table-scroll features-table">
      <table className="data-table">
        <caption>{ridge ? 'Coefficients' : 'Selected features'}</caption>
        <thead>
          <tr>
            {columns.map((c) => (
              <th
                key={c.key}
                scope="col"
                className={c.numeric ? 'num' : undefined}
                aria-sort={
                  sort.key === c.key ? (sort.descending ? 'descending' : 'ascending') : 'none'
                }
              >
                <button
                  type="button"
                  className="sort"
                  onClick={() =>
                    setSort({
                      key: c.key,
                      descending: sort.key === c.key ? !sort.descending : c.numeric,
                    })
                  }
                >
                  {c.label}
                  <span aria-hidden="true">
                    {sort.key === c.key ? (sort.descending ? ' ▼' : ' ▲') : ''}
                  </span>
                </button>
                {c.help && <Help term={c.label}>{c.help}</Help>}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.length === 0 && (
            <tr>
              <td colSpan={columns.length} className="empty">
                {ridge ? 'All coefficients are 0 at this λ' : 'No features selected at this λ'}
              </td>
            </tr>
          )}
          {rows.slice(0, listed).map((row) => (
            <tr key={row.column}>
              <th scope="row">
                <Name text={row.column} />
              </th>
              <td className="num">{formatNumber(row.coefficient)}</td>
              {ratio ? (
                <>
                  <td className="num">{formatNumber(row.ratioPerUnit, 3)}</td>
                  <td className="num">
                    <Effect
                      size={Math.log(row.ratioPerSd)}
                      text={formatNumber(row.ratioPerSd, 3)}
                    />
                  </td>
                </>
              ) : (
                <td className="num">
                  <Effect size={row.standardized} text={formatNumber(row.standardized, 3)} />
                </td>
              )}
              {!ridge && <td className="num">{formatNumber(row.enteredAt)}</td>}
              {result.cv && (
                <td className="num">
                  {row.selectionFrequency === null
                    ? '—'
                    : `${Math.round(row.selectionFrequency * 100)}%`}
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
      {rows.length > listed && (
        <p className="hint">
          Showing {listed} of {plural(rows.length, 'feature')}.{' '}
          <button type="button" className="link" onClick={() => setListed(listed + ROW_PAGE)}>
            Show {Math.min(ROW_PAGE, rows.length - listed)} more
          </button>
        </p>
      )}
      <p className="hint">
        Coefficients on the original scale
        {ratio ? (
          <>
            {' '}
            (of the log {ratio.of}); {ratio.label.toLowerCase()} = exp(coefficient): the factor by
            which the {ratio.of} of <Name text={result.settings.target} /> multiply per unit, and
            per sd, of the feature.
          </>
        ) : (
          <>
            ; standardized = change in sds of <Name text={result.settings.target} /> per sd of the
            feature.
          </>
        )}
      </p>
    </div>
  );
}

/** A number with a bar as long as its effect (1 = the full cell), coloured by its sign. */
function Effect({ size, text }: { size: number; text: string }) {
  return (
    <span className="effect">
      <span
        className={`effect-bar ${size < 0 ? 'negative' : 'positive'}`}
        style={{ width: `${Math.min(100, Math.abs(size) * 100)}%` }}
      />
      {text}
    </span>
  );
}
