import { memo, useMemo } from 'react';
import {
  CartesianGrid,
  ComposedChart,
  Line,
  Tooltip,
  useXAxisScale,
  useYAxisScale,
  XAxis,
  YAxis,
} from 'recharts';
import { type CvPoint, featureCountTicks, formatNumber } from '../lib/results';
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
  yAxisTitle,
} from './common';
import { LambdaMarkers } from './LambdaMarkers';

interface Props {
  points: CvPoint[];
  /** The measure's label for people (the family descriptor's): "AUC (area under the ROC curve)". */
  measureLabel: string;
  lambdaMinIndex: number;
  lambda1seIndex: number;
  onSelect: (index: number) => void;
}

/**
 * ±1 SE at every λ as one <path> (a stem and two caps each): recharts' ErrorBar made 100
 * components of four elements each, the largest part of the results view's first render.
 */
function ErrorBars({ points }: { points: CvPoint[] }) {
  const x = useXAxisScale();
  const y = useYAxisScale();
  if (!x || !y) return null;
  let d = '';
  for (const p of points) {
    const cx = x(p.logLambda);
    const lo = y(p.cvlo);
    const hi = y(p.cvup);
    if (cx === undefined || lo === undefined || hi === undefined) continue;
    d += `M${cx - 2},${lo}H${cx + 2}M${cx},${lo}V${hi}M${cx - 2},${hi}H${cx + 2}`;
  }
  return (
    <path
      className="cv-error-bars"
      d={d}
      data-bars={points.length}
      stroke="var(--chart-reference)"
      fill="none"
    />
  );
}

/** Memoized like the path chart: only LambdaMarkers follows the selected λ. */
export const CvErrorChart = memo(function CvErrorChart({
  points,
  measureLabel,
  lambdaMinIndex,
  lambda1seIndex,
  onSelect,
}: Props) {
  const { logLambda, ticks, topTicks } = useMemo(() => {
    const logLambda = points.map((p) => p.logLambda);
    return { logLambda, ticks: logLambdaTicksOf(logLambda), topTicks: featureCountTicks(points) };
  }, [points]);
  const label = measureLabel;
  return (
    <ChartFigure
      title="Cross-validation error"
      exportName="Cross-validation error"
      plotLabel={`Cross-validated ${label} with one standard error against log λ; click to select a λ`}
      chart={
        <ComposedChart data={points} margin={CHART_MARGIN} onClick={selectOnClick(onSelect)}>
          <CartesianGrid stroke={GRID_COLOR} />
          <XAxis {...LOG_LAMBDA_AXIS} ticks={ticks}>
            {logLambdaTitle}
          </XAxis>
          <XAxis {...featureCountAxis(points, topTicks)} />
          <YAxis {...VALUE_Y_AXIS} domain={['auto', 'auto']} interval={VALUE_AXIS_INTERVAL}>
            {yAxisTitle(label)}
          </YAxis>
          <Tooltip
            formatter={(value, _name, item) => {
              const p = item.payload as CvPoint;
              return [
                `${formatNumber(Number(value))} ± ${formatNumber(p.error[1])} (${p.nzero} features)`,
                'CV error',
              ];
            }}
            labelFormatter={lambdaTooltipLabel}
            wrapperStyle={TOOLTIP_WRAPPER_STYLE}
          />
          {/* cvlo and cvup, undrawn: they give the y axis the bars' range. */}
          {(['cvlo', 'cvup'] as const).map((key) => (
            <Line
              key={key}
              dataKey={key}
              stroke="none"
              dot={false}
              activeDot={false}
              legendType="none"
              tooltipType="none"
              isAnimationActive={false}
            />
          ))}
          <ErrorBars points={points} />
          <Line
            dataKey="cvm"
            name="CV error"
            stroke="var(--chart-cv)"
            strokeWidth={0}
            dot={{ r: 2.5, fill: 'var(--chart-cv)' }}
            isAnimationActive={false}
          />
          <LambdaMarkers
            logLambda={logLambda}
            lambdaMinIndex={lambdaMinIndex}
            lambda1seIndex={lambda1seIndex}
          />
        </ComposedChart>
      }
    >
      <p className="hint">
        Numbers along the top: features selected. Bars: ±1 standard error across folds.
      </p>
    </ChartFigure>
  );
});
