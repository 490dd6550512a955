import { memo, useState } from 'react';
import { PREVIEW_COLUMNS } from '../../../shared/data/summary';
import type { DatasetInfo } from '../../../shared/ipc/contract';
import { hiddenCharacterWarning, markHidden } from '../../../shared/report/unicode';
import { formatNumber } from '../../lib/results';
import { Name } from '../common/Name';

/** Column rows listed at first (and added per click): a 20 000-column file stays light. */
const COLUMN_PAGE = 200;

/** Memoized: the App renders on every progress event of a run, the dataset does not change. */
export const DatasetOverview = memo(function DatasetOverview({
  dataset,
}: {
  dataset: DatasetInfo;
}) {
  const { summary } = dataset;
  const [listed, setListed] = useState(COLUMN_PAGE);
  const previewColumns = summary.columns.slice(0, PREVIEW_COLUMNS);
  const hidden = hiddenCharacterWarning([
    summary.fileName,
    ...summary.columns.flatMap((c) => [c.name, ...(c.levels ?? []).map((l) => l.level)]),
  ]);
  return (
    <section className="overview" aria-labelledby="overview-heading">
      <h2 id="overview-heading">
        <Name text={summary.fileName} />
      </h2>
      <p className="muted">
        {summary.rowCount.toLocaleString()} rows, {summary.columnCount} columns. {summary.typeRules}
      </p>
      {hidden && (
        <p className="notice warning" role="note">
          {hidden}
        </p>
      )}
      <div className="table-scroll">
        <table className="data-table">
          <caption>Columns</caption>
          <thead>
            <tr>
              <th scope="col">Column</th>
              <th scope="col">Type</th>
              <th scope="col">Missing</th>
              <th scope="col">Values</th>
            </tr>
          </thead>
          <tbody>
            {summary.columns.slice(0, listed).map((c) => (
              <tr key={c.name} className={c.problem ? 'has-problem' : undefined}>
                <th scope="row">
                  <Name text={c.name} />
                </th>
                <td>
                  <span className={`kind kind-${c.kind}`}>{c.kind}</span>
                </td>
                <td className="num">{c.missing.toLocaleString()}</td>
                <td>
                  {c.problem ??
                    (c.kind === 'numeric'
                      ? `${formatNumber(c.min ?? Number.NaN)} … ${formatNumber(c.max ?? Number.NaN)} (mean ${formatNumber(c.mean ?? Number.NaN)})`
                      : `${c.levelCount} levels: ${c.levels
                          ?.slice(0, 6)
                          .map((l) => `${markHidden(l.level)} (${l.count})`)
                          .join(', ')}${(c.levelCount ?? 0) > 6 ? ', …' : ''}`)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {summary.columns.length > listed && (
          <p className="hint">
            Showing {listed.toLocaleString()} of {summary.columns.length.toLocaleString()} columns.{' '}
            <button
              type="button"
              className="link"
              onClick={() => setListed(listed + COLUMN_PAGE * 5)}
            >
              Show more
            </button>
          </p>
        )}
      </div>
      <div className="table-scroll preview">
        <table className="data-table compact">
          <caption>First rows</caption>
          <thead>
            <tr>
              {previewColumns.map((c) => (
                <th key={c.name} scope="col">
                  <Name text={c.name} />
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {summary.preview.map((row, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: preview rows have no identity but their position
              <tr key={i}>
                {row.slice(0, previewColumns.length).map((cell, j) => (
                  <td key={summary.columns[j]!.name}>
                    {cell === '' ? <span className="missing">missing</span> : <Name text={cell} />}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
        {summary.columns.length > previewColumns.length && (
          <p className="hint">
            First {previewColumns.length} of {summary.columns.length.toLocaleString()} columns
            shown.
          </p>
        )}
      </div>
    </section>
  );
});
