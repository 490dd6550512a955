import { useCallback, useMemo, useRef, useState } from 'react';
import { cvMaximizes, type LambdaRule } from '../../../shared/analysis/alphaComparison';
import { describeCertificate } from '../../../shared/analysis/certify';
import { codingSentences } from '../../../shared/analysis/coding';
import { describeFamily } from '../../../shared/analysis/families';
import { icMarks } from '../../../shared/analysis/informationCriteriaText';
import type { PredictionRows } from '../../../shared/analysis/predictions';
import type { AnalysisResult } from '../../../shared/analysis/result';
import type { Predictions } from '../../../shared/ipc/contract';
import { plural } from '../../../shared/plural';
import { markHidden } from '../../../shared/report/unicode';
import { describePathStop } from '../../../shared/solver/pathStop';
import { groupWarnings, warningGroupText } from '../../../shared/warning';
import { ClassificationCharts } from '../../charts/ClassificationCharts';
import { CoefficientPathChart } from '../../charts/CoefficientPathChart';
import { CountCharts } from '../../charts/CountCharts';
import { CvErrorChart } from '../../charts/CvErrorChart';
import { SelectedLambda } from '../../charts/LambdaMarkers';
import { PredictionCharts } from '../../charts/PredictionCharts';
import { candidateResult } from '../../lib/alphaView';
import { GLOSSARY } from '../../lib/glossary';
import {
  type CoefficientScale,
  cvErrorBars,
  formatNumber,
  memoByResult,
  pathSeries,
  predictionRowsAt,
  proposeCoefficientScale,
  scaleReason,
} from '../../lib/results';
import { AfterPaint } from '../common/AfterPaint';
import { Help } from '../common/Help';
import { Name } from '../common/Name';
import { AlphaComparison } from './AlphaComparison';
import { InformationCriteriaPanel } from './InformationCriteriaPanel';
import { LambdaControl } from './LambdaControl';
import { PredictionRowsToggle } from './PredictionRowsToggle';
import { RelaxedLasso } from './RelaxedLasso';
import { SelectedFeaturesTable } from './SelectedFeaturesTable';
import { StabilityPanel } from './StabilityPanel';

interface Props {
  result: AnalysisResult;
  selectedIndex: number;
  predictions: Predictions | undefined;
  onSelect: (index: number) => void;
  /** Run again at these λ values (undefined: the grid); absent while a run cannot start. */
  onRefit?: ((lambda: number[] | undefined) => void) | undefined;
  /** Run again with tightening (settings.tighten); absent while a run cannot start. */
  onTighten?: (() => void) | undefined;
  /** Which rows the prediction plots show (the App fetches them accordingly). */
  predictionRows?: PredictionRows | undefined;
  onPredictionRows?: ((rows: PredictionRows) => void) | undefined;
  /** The form has changed since these results were fitted: they are shown dimmed. */
  stale?: boolean | undefined;
}

const PENALTY_LABEL = { lasso: 'Lasso', ridge: 'Ridge', 'elastic-net': 'Elastic net' };

// Same result, same series object: the memoized charts skip rendering on a λ step.
const pathSeriesOf = memoByResult((result, scale: CoefficientScale) => pathSeries(result, scale));
const cvErrorBarsOf = memoByResult((result) => cvErrorBars(result));
const scaleProposalOf = memoByResult((result) => proposeCoefficientScale(result));
const criteriaMarksOf = memoByResult((result) =>
  result.informationCriteria ? icMarks(result.informationCriteria) : undefined,
);

export function ResultsView({
  result,
  selectedIndex,
  predictions,
  onSelect,
  onRefit,
  onTighten,
  predictionRows = 'fitted',
  onPredictionRows,
  stale,
}: Props) {
  // The scale the user picked, kept across fits; until then each result's own proposal.
  const [chosenScale, setScale] = useState<CoefficientScale | undefined>();
  const scaleProposal = scaleProposalOf(result, '');
  const scale = chosenScale ?? scaleProposal.scale;
  // A stable handler for the memoized charts, calling the latest onSelect.
  const latestSelect = useRef(onSelect);
  const select = useCallback((index: number) => latestSelect.current(index), []);
  // A compared α shown in place of the chosen one, with its own λ index: the App's selection
  // (predictions, exports, the project) stays on the chosen α. Reset when the result changes.
  const [inspected, setInspected] = useState<{
    result: AnalysisResult;
    alpha: number;
    index: number;
  }>();
  const [ruleChoice, setRuleChoice] = useState<LambdaRule>();
  // The relaxed lasso's γ shown, per result: at first the γ of the 1se choice (the default λ).
  const [gammaChoice, setGammaChoice] = useState<{ result: AnalysisResult; index: number }>();
  const gammaIndex =
    gammaChoice?.result === result
      ? gammaChoice.index
      : (result.relaxed?.cv?.gammaIndex1se ??
        (result.relaxed ? result.relaxed.gammas.length - 1 : 0));
  const chosenAlpha = result.alphaSearch?.bestAlpha ?? result.settings.alpha;
  const inspect = inspected?.result === result ? inspected : undefined;
  const inspecting = inspect !== undefined && inspect.alpha !== chosenAlpha;
  const alpha = inspecting ? inspect.alpha : chosenAlpha;
  const view = (inspecting && candidateResult(result, alpha)) || result;
  const shownIndex =
    view === result ? selectedIndex : Math.min(inspect!.index, view.path.lambda.length - 1);
  const selectShown = (index: number) => {
    if (view === result) onSelect(index);
    else setInspected({ result, alpha, index });
  };
  latestSelect.current = selectShown;
  const viewCv = view.cv;
  // The criteria belong to the chosen α's path: a compared α shown instead has none.
  const viewCriteria = view === result ? result.informationCriteria : undefined;
  const criteriaMarks = view === result ? criteriaMarksOf(result, '') : undefined;
  // The rule of the λ on screen: λ_min or λ_1se of the shown α when it is at one of them, else
  // the last one asked for (λ_1se, the default selection, at first).
  const atMin = viewCv !== undefined && shownIndex === viewCv.indexMin;
  const at1se = viewCv !== undefined && shownIndex === viewCv.index1se;
  const rule: LambdaRule =
    atMin && at1se ? (ruleChoice ?? '1se') : atMin ? 'min' : at1se ? '1se' : (ruleChoice ?? '1se');
  const ruleIndex = (shown: AnalysisResult, r: LambdaRule) =>
    shown.cv ? (r === 'min' ? shown.cv.indexMin : shown.cv.index1se) : 0;
  const showRule = (r: LambdaRule) => {
    setRuleChoice(r);
    selectShown(ruleIndex(view, r));
  };
  const showAlpha = (next: number) => {
    const shown = candidateResult(result, next) ?? result;
    if (next === chosenAlpha || shown === result) {
      setInspected(next === chosenAlpha ? undefined : { result, alpha: next, index: 0 });
      if (next === chosenAlpha) onSelect(ruleIndex(result, rule));
      return;
    }
    setInspected({ result, alpha: next, index: ruleIndex(shown, rule) });
  };
  const cv = view.cv;
  const cvError = cv ? cv.cvm[shownIndex] : undefined;
  const family = describeFamily(result.settings.family);
  const measureLabel = cv
    ? (family.measures.find((m) => m.id === cv.measure)?.label ?? cv.measure)
    : '';
  const target = markHidden(result.settings.target);
  // What a two-level feature's 0/1 column is 1 for, as the report and the CLI say it.
  const coding = codingSentences(result.designColumns ?? [], markHidden);
  // The out-of-fold choice exists with CV; one element, so the memoized charts keep skipping.
  const canChooseRows = Boolean(cv?.outOfFold && onPredictionRows);
  const heldOut = result.data.rowsTest > 0;
  const rowsControl = useMemo(
    () =>
      canChooseRows && onPredictionRows ? (
        <PredictionRowsToggle
          value={predictionRows}
          onChange={onPredictionRows}
          heldOut={heldOut}
        />
      ) : undefined,
    [canChooseRows, predictionRows, onPredictionRows, heldOut],
  );
  const rowsShown = predictionRowsAt(result, predictionRows, selectedIndex);
  return (
    <div className={stale ? 'results stale' : 'results'}>
      <section className="summary" aria-label="Model summary">
        <h2>
          {stale ? 'Fitted: ' : ''}
          {PENALTY_LABEL[view.settings.penalty]}
          {view.settings.penalty === 'elastic-net' ? ` (α = ${view.settings.alpha})` : ''}{' '}
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
            ? `, ${plural(result.data.rowsTest, 'row')} held out for testing${
                result.settings.testSplit
                  ? ` (a random ${Number((100 * result.settings.testSplit.fraction).toPrecision(6))}%, seed ${result.settings.testSplit.seed})`
                  : ''
              }`
            : ''}
          {result.data.rowsDropped
            ? `, ${plural(result.data.rowsDropped, 'row')} dropped for missing values`
            : ''}
          {result.settings.rows.length > 0
            ? ` · only rows where ${result.settings.rows
                .map((f) => `${markHidden(f.column)} = ${markHidden(f.value)}`)
                .join(' and ')}`
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
          · {plural(result.columns.length, 'column')} · {plural(view.path.lambda.length, 'λ value')}
          {result.diagnostics.pathStop && view === result ? (
            <span title={describePathStop(result.diagnostics.pathStop)}>
              {' '}
              · early stop at {result.diagnostics.pathStop.fitted} of{' '}
              {result.diagnostics.pathStop.requested} (glmnet's rule)
            </span>
          ) : null}
          {cv ? ` · ${cv.nfolds}-fold cross-validation` : ''} · deviance explained{' '}
          {formatNumber(100 * view.path.devRatio[shownIndex]!, 3)}%{' '}
          <Help term="deviance explained">{GLOSSARY.devianceExplained}</Help>
          {cvError !== undefined ? ` · CV ${measureLabel} ${formatNumber(cvError)}` : ''}
        </p>
        {coding.length > 0 && <p className="muted coding-line">{coding.join(' ')}</p>}
        <LambdaControl
          result={view}
          selectedIndex={shownIndex}
          onSelect={selectShown}
          onRefit={onRefit}
        />
      </section>
      {result.diagnostics.warnings.length > 0 && (
        <ul className="notes" aria-label="Warnings">
          {/* Per-fold repeats as one line naming the folds. */}
          {groupWarnings(result.diagnostics.warnings).map((group) => (
            <li key={`${group.folds.length > 0} ${group.code} ${group.message}`}>
              {warningGroupText(group)}
              {group.code === 'far-from-optimal' &&
                onTighten &&
                !result.diagnostics.certificate?.tightened && (
                  <>
                    {' '}
                    <button type="button" className="remedy" onClick={onTighten}>
                      Tighten these λ
                    </button>
                  </>
                )}
            </li>
          ))}
        </ul>
      )}
      {result.diagnostics.certificate?.tightened && (
        // What tightening did, once it ran: the certificate's own sentence (certify.ts).
        <p className="muted" role="status" aria-label="Convergence certificate">
          Convergence certificate: {describeCertificate(result.diagnostics.certificate)}.
        </p>
      )}
      {result.alphaSearch && (
        <AlphaComparison
          search={result.alphaSearch}
          rule={rule}
          onRule={showRule}
          shownAlpha={alpha}
          onShow={showAlpha}
          measureLabel={measureLabel}
          maximize={cvMaximizes(result)}
        />
      )}
      {result.relaxed && (
        <RelaxedLasso
          result={result}
          relaxed={result.relaxed}
          selectedIndex={selectedIndex}
          onSelect={onSelect}
          gammaIndex={gammaIndex}
          onGamma={(index) => setGammaChoice({ result, index })}
          measureLabel={measureLabel}
        />
      )}
      {inspecting && (
        <p className="notice info inspect-banner" role="status">
          {view === result
            ? `α = ${alpha} kept no path (the file has too many columns); its CV curve is highlighted above. The charts below show the chosen α = ${chosenAlpha}.`
            : `Showing α = ${alpha}, one of the compared models. The predictions, exports and saved project are of the chosen α = ${chosenAlpha}.`}{' '}
          <button type="button" className="link" onClick={() => showAlpha(chosenAlpha)}>
            Show the chosen α
          </button>
        </p>
      )}
      <div className="grid">
        <SelectedLambda.Provider value={shownIndex}>
          <CoefficientPathChart
            data={pathSeriesOf(view, scale)}
            scale={scale}
            onScale={setScale}
            scaleNote={scaleReason(scaleProposal, scale)}
            lambdaMinIndex={viewCv?.indexMin}
            lambda1seIndex={viewCv?.index1se}
            criteriaMarks={criteriaMarks}
            onSelect={select}
          />
        </SelectedLambda.Provider>
        {viewCv ? (
          // Mounted a task after the path chart: the two charts' first renders in one task
          // passed 200 ms (bench:ui).
          <AfterPaint
            placeholder={
              <figure className="chart placeholder" aria-busy="true">
                <figcaption>Cross-validation error</figcaption>
              </figure>
            }
          >
            <SelectedLambda.Provider value={shownIndex}>
              <CvErrorChart
                points={cvErrorBarsOf(view, '')}
                measureLabel={measureLabel}
                lambdaMinIndex={viewCv.indexMin}
                lambda1seIndex={viewCv.index1se}
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
        <SelectedFeaturesTable result={view} selectedIndex={shownIndex} />
        {inspecting && view !== result ? (
          <div className="chart placeholder">
            <p>Predictions are shown for the chosen α = {chosenAlpha}.</p>
          </div>
        ) : rowsShown === 'unavailable' && cv ? (
          <figure className="chart placeholder out-of-fold-missing">
            <figcaption className="chart-head">
              <span>Out-of-fold predictions</span>
              {rowsControl}
            </figcaption>
            <p>
              Out-of-fold predictions were kept at λ_min and λ_1se only. Select one of them, or tick
              “Keep out-of-fold predictions at every λ” under Cross-validation and run again.
            </p>
            <p className="actions">
              <button type="button" onClick={() => onSelect(cv.indexMin)}>
                Go to λ_min
              </button>
              <button type="button" onClick={() => onSelect(cv.index1se)}>
                Go to λ_1se
              </button>
            </p>
          </figure>
        ) : predictions && family.targetKind === 'binary' && result.classes ? (
          <ClassificationCharts
            controls={rowsControl}
            predictions={predictions}
            target={target}
            classes={{
              negative: markHidden(result.classes.negative),
              positive: markHidden(result.classes.positive),
            }}
          />
        ) : predictions && family.targetKind === 'count' ? (
          <CountCharts controls={rowsControl} predictions={predictions} target={target} />
        ) : predictions ? (
          <PredictionCharts controls={rowsControl} predictions={predictions} target={target} />
        ) : (
          <div className="chart placeholder" />
        )}
      </div>
      {viewCriteria && (
        <InformationCriteriaPanel
          criteria={viewCriteria}
          nonzero={view.path.df}
          selectedIndex={shownIndex}
          onSelect={selectShown}
        />
      )}
      {/* Of the chosen α (stability selection runs on its path), linked to its λ. */}
      {result.stability && view === result && (
        <AfterPaint placeholder={<section className="stability-panel" aria-busy="true" />}>
          <SelectedLambda.Provider value={shownIndex}>
            <StabilityPanel result={result} selectedIndex={shownIndex} onSelect={select} />
          </SelectedLambda.Provider>
        </AfterPaint>
      )}
    </div>
  );
}
