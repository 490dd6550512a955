import { useMemo } from 'react';
import {
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ReferenceDot,
  ReferenceLine,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import type { AnalysisResult } from '../../../shared/analysis/result';
import { PALETTE } from '../../../shared/report/palette';
import { blendCoefficients } from '../../../shared/solver/relaxedBlend';
import { ChartFigure } from '../../charts/ChartFigure';
import {
  CHART_MARGIN,
  GRID_COLOR,
  LEGEND_TOP,
  LOG_LAMBDA_AXIS,
  lambdaTooltipLabel,
  logLambdaTicksOf,
  logLambdaTitle,
  selectOnClick,
  TOOLTIP_WRAPPER_STYLE,
  VALUE_Y_AXIS,
  yAxisTitle,
} from '../../charts/common';
import { formatNumber } from '../../lib/results';
import { Name } from '../common/Name';

type Relaxed = NonNullable<AnalysisResult['relaxed']>;

interface Props {
  result: AnalysisResult;
  relaxed: Relaxed;
  /** The λ index shown everywhere (the App's selection). */
  selectedIndex: number;
  onSelect: (index: number) => void;
  /** The γ index shown. */
  gammaIndex: number;
  onGamma: (index: number) => void;
  measureLabel: string;
}

const gammaColor = (g: number) => PALETTE[g % PALETTE.length]!;

/**
 * The relaxed lasso (settings.relax): a γ selector, the CV curve of every γ on the log-λ axis
 * (click to select a λ; the selected λ and γ are marked, as are the (λ, γ) of min and 1se),
 * and the coefficients at the selected (λ, γ), rebuilt from the result by the one blend
 * (shared/solver/relaxedBlend.ts) beside the penalized ones.
 */
export function RelaxedLasso({
  result,
  relaxed,
  selectedIndex,
  onSelect,
  gammaIndex,
  onGamma,
  measureLabel,
}: Props) {
  const cv = relaxed.cv;
  const lambda = result.path.lambda;
  const points = useMemo(
    () =>
      lambda.map((l, i) => ({
        logLambda: Math.log(l),
        ...Object.fromEntries(relaxed.gammas.map((_, g) => [`g${g}`, cv?.cvm[g]?.[i]])),
      })),
    [lambda, relaxed, cv],
  );
  const ticks = useMemo(() => logLambdaTicksOf(points.map((p) => p.logLambda)), [points]);
  const gamma = relaxed.gammas[gammaIndex]!;
  const blended = blendCoefficients(
    { a0: result.path.a0[selectedIndex]!, beta: result.path.beta[selectedIndex]! },
    { a0: relaxed.a0[selectedIndex]!, beta: relaxed.beta[selectedIndex]! },
    gamma,
  );
  const penalized = result.path.beta[selectedIndex]!;
  const rows = result.columns.flatMap((name, j) =>
    penalized[j] !== 0 || blended.beta[j] !== 0 ? [{ name, j }] : [],
  );
  const choose = (l: number, g: number) => {
    onGamma(g);
    onSelect(l);
  };
  return (
    <section className="relaxed-lasso" aria-labelledby="relaxed-heading">
      <div className="relaxed-table">
        <h3 id="relaxed-heading">Relaxed lasso</h3>
        <fieldset className="segmented" aria-label="Relaxation γ">
          {relaxed.gammas.map((g, index) => (
            <button
              key={g}
              type="button"
              aria-pressed={index === gammaIndex}
              onClick={() => onGamma(index)}
            >
              γ = {g}
            </button>
          ))}
        </fieldset>
        <p className="hint">
          γ = 1 is the penalized fit, γ = 0 the unpenalized refit of the same features; between,
          γ·penalized + (1 − γ)·refit.
        </p>
        {cv ? (
          <p className="actions">
            <button type="button" onClick={() => choose(cv.indexMin, cv.gammaIndexMin)}>
              Go to min: λ = {formatNumber(cv.lambdaMin)}, γ = {cv.gammaMin}
            </button>
            <button type="button" onClick={() => choose(cv.index1se, cv.gammaIndex1se)}>
              Go to 1se: λ = {formatNumber(cv.lambda1se)}, γ = {cv.gamma1se}
            </button>
          </p>
        ) : null}
        <table className="data-table compact relaxed-coefficients">
          <caption>
            Coefficients at λ = {formatNumber(lambda[selectedIndex]!)}, γ = {gamma}
            {cv ? ` · CV ${measureLabel} ${formatNumber(cv.cvm[gammaIndex]![selectedIndex]!)}` : ''}
          </caption>
          <thead>
            <tr>
              <th scope="col">Feature</th>
              <th scope="col" className="num">
                Relaxed (γ = {gamma})
              </th>
              <th scope="col" className="num">
                Penalized
              </th>
            </tr>
          </thead>
          <tbody>
            <tr>
              <th scope="row">(intercept)</th>
              <td className="num">{formatNumber(blended.a0)}</td>
              <td className="num">{formatNumber(result.path.a0[selectedIndex]!)}</td>
            </tr>
            {rows.map(({ name, j }) => (
              <tr key={name}>
                <th scope="row">
                  <Name text={name} />
                </th>
                <td className="num">{formatNumber(blended.beta[j]!)}</td>
                <td className="num">{formatNumber(penalized[j]!)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {cv ? (
        <ChartFigure
          className="relaxed-cv"
          label="CV error of every γ"
          title="CV error of every γ"
          exportName="CV error of every gamma"
          small
          plotLabel={`Cross-validated ${measureLabel} of the relaxed lasso at each γ against log λ; click to select a λ`}
          chart={
            <LineChart data={points} margin={CHART_MARGIN} onClick={selectOnClick(onSelect)}>
              <CartesianGrid stroke={GRID_COLOR} />
              <XAxis {...LOG_LAMBDA_AXIS} ticks={ticks}>
                {logLambdaTitle}
              </XAxis>
              <YAxis {...VALUE_Y_AXIS} domain={['auto', 'auto']}>
                {yAxisTitle(measureLabel)}
              </YAxis>
              <Tooltip
                formatter={(value, name) => [formatNumber(Number(value)), name]}
                labelFormatter={lambdaTooltipLabel}
                wrapperStyle={TOOLTIP_WRAPPER_STYLE}
              />
              <Legend {...LEGEND_TOP} />
              <ReferenceLine
                className="relaxed-selected-lambda"
                x={Math.log(lambda[selectedIndex]!)}
                stroke="var(--chart-marker)"
              />
              {relaxed.gammas.map((g, index) => (
                <Line
                  key={g}
                  dataKey={`g${index}`}
                  name={`γ = ${g}`}
                  className={`gamma-curve${index === gammaIndex ? ' shown' : ''}`}
                  stroke={gammaColor(index)}
                  strokeWidth={index === gammaIndex ? 3 : 1.5}
                  dot={false}
                  isAnimationActive={false}
                />
              ))}
              {[
                { l: cv.indexMin, g: cv.gammaIndexMin, key: 'min' },
                { l: cv.index1se, g: cv.gammaIndex1se, key: '1se' },
              ].map(({ l, g, key }) => (
                <ReferenceDot
                  key={key}
                  className={`relaxed-choice ${key}`}
                  x={Math.log(lambda[l]!)}
                  y={cv.cvm[g]![l]!}
                  r={4}
                  fill={gammaColor(g)}
                  stroke="var(--chart-marker)"
                />
              ))}
            </LineChart>
          }
        >
          <p className="hint">
            Dots: the (λ, γ) of min and 1se. The vertical line is the selected λ.
          </p>
        </ChartFigure>
      ) : (
        <figure className="chart placeholder">
          <figcaption>CV error of every γ</figcaption>
          <p>Set Folds to 2 or more and run again to choose (λ, γ) by cross-validation.</p>
        </figure>
      )}
    </section>
  );
}
