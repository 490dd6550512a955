import { useCallback, useRef, useState } from 'react';
import { describeFamily } from '../../../shared/analysis/families';
import type { AnalysisResult } from '../../../shared/analysis/result';
import type { Predictions } from '../../../shared/ipc/contract';
import { plural } from '../../../shared/plural';
import { markHidden } from '../../../shared/report/unicode';
import { groupWarnings, warningGroupText } from '../../../shared/warning';
import { ClassificationCharts } from '../../charts/ClassificationCharts';
import { CoefficientPathChart } from '../../charts/CoefficientPathChart';
import { CountCharts } from '../../charts/CountCharts';
import { CvErrorChart } from '../../charts/CvErrorChart';
import { SelectedLambda } from '../../charts/LambdaMarkers';
import { PredictionCharts } from '../../charts/PredictionCharts';
import { GLOSSARY } from '../../lib/glossary';
import {
  type CoefficientScale,
  cvErrorBars,
  formatNumber,
  memoByResult,
  pathSeries,
} from '../../lib/results';
import { AfterPaint } from '../common/AfterPaint';
import { Help } from '../common/Help';
import { Name } from '../common/Name';
import { LambdaControl } from './LambdaControl';
import { SelectedFeaturesTable } from './SelectedFeaturesTable';

interface Props {
  result: AnalysisResult;
  selectedIndex: number;
  predictions: Predictions | undefined;
  onSelect: (index: number) => void;
  /** The form has changed since these results were fitted: they are shown dimmed. */
  stale?: boolean | undefined;
}

const PENALTY_LABEL = { lasso: 'Lasso', ridge: 'Ridge', 'elastic-net': 'Elastic net' };

// Same result, same series object: the memoized charts skip rendering on a λ step.
const pathSeriesOf = memoByResult((result, scale: CoefficientScale) => pathSeries(result, scale));
const cvErrorBarsOf = memoByResult((result) => cvErrorBars(result));

export function ResultsView({ result, selectedIndex, predictions, onSelect, stale }: Props) {
  const [scale, setScale] = useState<CoefficientScale>('original');
  // A stable handler for the memoized charts, calling the latest onSelect.
  const latestSelect = useRef(onSelect);
  latestSelect.current = onSelect;
  const select = useCallback((index: number) => latestSelect.current(index), []);
  const cv = result.cv;
  const cvError = cv ? cv.cvm[selectedIndex] : undefined;
  const family = describeFamily(result.settings.family);
  const measureLabel = cv
    ? (family.measures.find((m) => m.id === cv.measure)?.label ?? cv.measure)
    : '';
  const target = markHidden(result.settings.target);
  return (
    <div className={stale ? 'results stale' : 'results'}>
      <section className="summary" aria-label="Model summary">
        <h2>
          {stale ? 'Fitted: ' : ''}
          {PENALTY_LABEL[result.settings.penalty]}
          {result.settings.penalty === 'elastic-net' ? ` (α = ${result.settings.alpha})` : ''}{' '}
          predicting <Name text={result.settings.target} />
        </h2>
        <p className="family-line">
          {family.label}
          {result.classes ? (
            <>
              {' '}
              · modelling P(
              <Name text={result.settings.target} /> = <Name text={result.classes.positive} />)
            </>
          ) : null}
        </p>
        <p className="muted">
          {plural(result.n, 'row')}
          {result.data.rowsTest
            ? `, ${plural(result.data.rowsTest, 'row')} held out for testing`
            : ''}
          {result.data.rowsDropped
            ? `, ${plural(result.data.rowsDropped, 'row')} dropped for missing values`
            : ''}{' '}
          {result.settings.weights ? (
            <>
              {' '}
              · weighted by <Name text={result.settings.weights} />
            </>
          ) : null}
          {result.settings.offset ? (
            <>
              {' '}
              · offset <Name text={result.settings.offset} />
            </>
          ) : null}{' '}
          · {plural(result.columns.length, 'column')} ·{' '}
          {plural(result.path.lambda.length, 'λ value')}
          {cv ? ` · ${cv.nfolds}-fold cross-validation` : ''} · deviance explained{' '}
          {formatNumber(100 * result.path.devRatio[selectedIndex]!, 3)}%{' '}
          <Help term="deviance explained">{GLOSSARY.devianceExplained}</Help>
          {cvError !== undefined ? ` · CV ${measureLabel} ${formatNumber(cvError)}` : ''}
        </p>
        <LambdaControl result={result} selectedIndex={selectedIndex} onSelect={onSelect} />
      </section>
      {result.diagnostics.warnings.length > 0 && (
        <ul className="notes" aria-label="Warnings">
          {/* Per-fold repeats as one line naming the folds. */}
          {groupWarnings(result.diagnostics.warnings).map((group) => (
            <li key={`${group.folds.length > 0} ${group.code} ${group.message}`}>
              {warningGroupText(group)}
            </li>
          ))}
        </ul>
      )}
      {result.alphaSearch && (
        <div className="table-scroll">
          <table className="data-table compact">
            <caption>Models compared on the same folds</caption>
            <thead>
              <tr>
                <th scope="col">α</th>
                <th scope="col" className="num">
                  λ_min
                </th>
                <th scope="col" className="num">
                  λ_1se
                </th>
                <th scope="col" className="num">
                  CV error at λ_min
                </th>
                <th scope="col" className="num">
                  ± SE
                </th>
              </tr>
            </thead>
            <tbody>
              {result.alphaSearch.candidates.map((c) => (
                <tr
                  key={c.alpha}
                  className={c.alpha === result.alphaSearch!.bestAlpha ? 'best' : undefined}
                >
                  <th scope="row">
                    {c.alpha === 1 ? 'lasso' : c.alpha === 0 ? 'ridge' : `elastic net ${c.alpha}`}
                    {c.alpha === result.alphaSearch!.bestAlpha ? ' (best, shown)' : ''}
                  </th>
                  <td className="num">{formatNumber(c.lambdaMin)}</td>
                  <td className="num">{formatNumber(c.lambda1se)}</td>
                  <td className="num">{formatNumber(c.cvmMin)}</td>
                  <td className="num">{formatNumber(c.cvsdMin)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <div className="grid">
        <SelectedLambda.Provider value={selectedIndex}>
          <CoefficientPathChart
            data={pathSeriesOf(result, scale)}
            scale={scale}
            onScale={setScale}
            lambdaMinIndex={cv?.indexMin}
            lambda1seIndex={cv?.index1se}
            onSelect={select}
          />
        </SelectedLambda.Provider>
        {cv ? (
          // Mounted a task after the path chart: the two charts' first renders in one task
          // passed 200 ms (bench:ui).
          <AfterPaint
            placeholder={
              <figure className="chart placeholder" aria-busy="true">
                <figcaption>Cross-validation error</figcaption>
              </figure>
            }
          >
            <SelectedLambda.Provider value={selectedIndex}>
              <CvErrorChart
                points={cvErrorBarsOf(result, '')}
                measureLabel={measureLabel}
                lambdaMinIndex={cv.indexMin}
                lambda1seIndex={cv.index1se}
                onSelect={select}
              />
            </SelectedLambda.Provider>
          </AfterPaint>
        ) : (
          <figure className="chart placeholder">
            <figcaption>Cross-validation error</figcaption>
            <p>Set Folds to 2 or more and run again to see how validation error moves with λ.</p>
          </figure>
        )}
        <SelectedFeaturesTable result={result} selectedIndex={selectedIndex} />
        {predictions && family.targetKind === 'binary' && result.classes ? (
          <ClassificationCharts
            predictions={predictions}
            target={target}
            classes={{
              negative: markHidden(result.classes.negative),
              positive: markHidden(result.classes.positive),
            }}
          />
        ) : predictions && family.targetKind === 'count' ? (
          <CountCharts predictions={predictions} target={target} />
        ) : predictions ? (
          <PredictionCharts predictions={predictions} target={target} />
        ) : (
          <div className="chart placeholder" />
        )}
      </div>
    </div>
  );
}
