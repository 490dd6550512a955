import { memo, useId, useMemo, useState } from 'react';
import { CartesianGrid, Label, Line, LineChart, Tooltip, XAxis, YAxis } from 'recharts';
import { markHidden } from '../../shared/report/unicode';
import { Name } from '../features/common/Name';
import {
  type CoefficientScale,
  endLabelColumns,
  featureCountTicks,
  formatNumber,
  type PathSeries,
  truncateName,
} from '../lib/results';
import { ChartFigure } from './ChartFigure';
import {
  CHART_MARGIN,
  featureCountAxis,
  GRID_COLOR,
  LOG_LAMBDA_AXIS,
  lambdaTooltipLabel,
  logLambdaTicksOf,
  logLambdaTitle,
  selectOnClick,
  TOOLTIP_WRAPPER_STYLE,
  VALUE_AXIS_INTERVAL,
  VALUE_Y_AXIS,
  Y_TITLE_STYLE,
} from './common';
import { EndLabels, LABEL_CHARS, MAX_END_LABELS } from './EndLabels';
import { type CriterionMark, LambdaMarkers } from './LambdaMarkers';

interface Props {
  data: PathSeries;
  scale: CoefficientScale;
  onScale: (scale: CoefficientScale) => void;
  /** Why the path is on this scale, when there is a reason to say (see scaleReason). */
  scaleNote?: string | undefined;
  lambdaMinIndex?: number | undefined;
  lambda1seIndex?: number | undefined;
  /** λ_AIC, λ_BIC and λ_EBIC, marked as λ_min and λ_1se are (LambdaMarkers). */
  criteriaMarks?: readonly CriterionMark[] | undefined;
  onSelect: (index: number) => void;
}

/**
 * Memoized: the selected λ is not a prop (LambdaMarkers reads it from context), so a λ step
 * redraws only the marker, not 60 lines.
 */
export const CoefficientPathChart = memo(function CoefficientPathChart({
  data,
  scale,
  onScale,
  scaleNote,
  lambdaMinIndex,
  lambda1seIndex,
  criteriaMarks,
  onSelect,
}: Props) {
  const [highlight, setHighlight] = useState<number | undefined>();
  const [labels, setLabels] = useState(false);
  const titleId = useId();
  const { points, series } = data;
  // pathSeries already chose the lines (the first features to enter, capped for legibility).
  const shown = series;
  const { logLambda, ticks, topTicks, labelWidth } = useMemo(() => {
    const logLambda = points.map((p) => p.logLambda);
    // The left margin the end labels need: their longest (cut) name at about 6.3px a character.
    const longest = Math.max(
      1,
      ...endLabelColumns(data, MAX_END_LABELS).map(
        (i) => [...truncateName(series[i]!.name, LABEL_CHARS)].length,
      ),
    );
    return {
      logLambda,
      ticks: logLambdaTicksOf(logLambda),
      topTicks: featureCountTicks(points),
      labelWidth: Math.ceil(longest * 6.3) + 14,
    };
  }, [data, points, series]);
  return (
    <ChartFigure
      labelledBy={titleId}
      title={<span id={titleId}>Coefficient path</span>}
      exportName="Coefficient path"
      head={
        <fieldset className="segmented" aria-label="Coefficient scale">
          {(['original', 'standardized'] as const).map((option) => (
            <button
              key={option}
              type="button"
              aria-pressed={scale === option}
              onClick={() => onScale(option)}
            >
              {option === 'original' ? 'Original' : 'Standardized'}
            </button>
          ))}
        </fieldset>
      }
      plotLabel={`Coefficients of ${shown.length} features against log λ; click to select a λ`}
      chart={
        <LineChart
          data={points}
          margin={labels ? { ...CHART_MARGIN, right: 8, left: labelWidth } : CHART_MARGIN}
          onClick={selectOnClick(onSelect)}
        >
          <CartesianGrid stroke={GRID_COLOR} />
          <XAxis {...LOG_LAMBDA_AXIS} ticks={ticks}>
            {logLambdaTitle}
          </XAxis>
          {/* As on the CV chart: the number of features in the model along the top. */}
          <XAxis {...featureCountAxis(points, topTicks)} />
          {/* With labels in the left margin, the value axis moves to the right. */}
          <YAxis
            {...VALUE_Y_AXIS}
            orientation={labels ? 'right' : 'left'}
            interval={VALUE_AXIS_INTERVAL}
          >
            <Label
              value={scale === 'original' ? 'coefficient' : 'standardized coefficient'}
              angle={labels ? 90 : -90}
              position={labels ? 'insideRight' : 'insideLeft'}
              style={Y_TITLE_STYLE}
            />
          </YAxis>
          <Tooltip
            formatter={(value, name) => [formatNumber(Number(value)), name]}
            labelFormatter={lambdaTooltipLabel}
            itemSorter={(item) => -Math.abs(Number(item.value))}
            wrapperStyle={TOOLTIP_WRAPPER_STYLE}
          />
          {shown.map((s, i) => (
            <Line
              key={s.column}
              name={markHidden(s.name)}
              dataKey={(p: (typeof points)[number]) => p.values[i]}
              stroke={s.color}
              strokeWidth={highlight === s.column ? 3 : 1.5}
              strokeOpacity={highlight === undefined || highlight === s.column ? 1 : 0.15}
              dot={false}
              isAnimationActive={false}
            />
          ))}
          <LambdaMarkers
            logLambda={logLambda}
            lambdaMinIndex={lambdaMinIndex}
            lambda1seIndex={lambda1seIndex}
            criteriaMarks={criteriaMarks}
          />
          {labels && <EndLabels data={data} highlight={highlight} />}
        </LineChart>
      }
    >
      {/* Beside the legend, which it complements (the head has room for one line only). */}
      <div className="legend-row">
        <button
          type="button"
          className="toggle"
          aria-pressed={labels}
          title="Name the largest coefficients at the small-λ end of their lines"
          onClick={() => setLabels(!labels)}
        >
          Labels
        </button>
        <ul className="legend" aria-label="Highlight a feature">
          {shown.map((s) => (
            <li key={s.column}>
              <button
                type="button"
                aria-pressed={highlight === s.column}
                title={markHidden(s.name)}
                onClick={() => setHighlight(highlight === s.column ? undefined : s.column)}
                className={highlight !== undefined && highlight !== s.column ? 'faded' : undefined}
              >
                <span className="swatch" style={{ backgroundColor: s.color }} aria-hidden="true" />
                <Name text={s.name} />
              </button>
            </li>
          ))}
        </ul>
      </div>
      {scaleNote && <p className="hint scale-note">{scaleNote}</p>}
      <p className="hint">
        Numbers along the top: features selected.
        {data.entered > shown.length
          ? ` Showing the first ${shown.length} of ${data.entered} features to enter the path.`
          : ''}
      </p>
    </ChartFigure>
  );
});
