import { memo, useMemo } from 'react';
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
import {
  type AlphaRow,
  type AlphaSearch,
  type LambdaRule,
  oneSeBound,
  RULE_LABEL,
} from '../../shared/analysis/alphaComparison';
import { PALETTE } from '../../shared/report/palette';
import { formatNumber } from '../lib/results';
import { ChartFigure } from './ChartFigure';
import {
  AXIS_STYLE,
  CHART_MARGIN,
  GRID_COLOR,
  LEGEND_TOP,
  LOG_LAMBDA_AXIS,
  lambdaTooltipLabel,
  logLambdaTicksOf,
  logLambdaTitle,
  TOOLTIP_WRAPPER_STYLE,
  VALUE_Y_AXIS,
  yAxisTitle,
} from './common';

interface Props {
  search: AlphaSearch;
  /** The ranked rows at `rule` (alphaComparison). */
  rows: AlphaRow[];
  rule: LambdaRule;
  measureLabel: string;
  /** The α whose curve is drawn on top and thicker (the one shown below). */
  shownAlpha: number;
  /** Larger values are better (AUC): the bound is below the best, not above. */
  maximize: boolean;
}

/** Each α's colour: by its place in the α grid, so a colour means the same α whatever the ranking. */
export function alphaColor(search: AlphaSearch, alpha: number): string {
  const index = search.candidates.findIndex((c) => c.alpha === alpha);
  return PALETTE[Math.max(0, index) % PALETTE.length]!;
}

/**
 * Every α's CV curve on one log-λ axis, each α's point at the rule marked, and the best
 * value's one-standard-error band drawn as a dashed line. It does not follow the selected λ,
 * so a λ step never re-renders it (memo on the result's own objects).
 */
export const AlphaCvChart = memo(function AlphaCvChart({
  search,
  rows,
  rule,
  measureLabel,
  shownAlpha,
  maximize,
}: Props) {
  const curves = useMemo(
    () =>
      search.candidates.flatMap((c) =>
        c.cv
          ? [
              {
                alpha: c.alpha,
                points: c.cv.lambda.map((lambda, k) => ({
                  logLambda: Math.log(lambda),
                  cvm: c.cv!.cvm[k]!,
                  nzero: c.cv!.nzero[k]!,
                })),
              },
            ]
          : [],
      ),
    [search],
  );
  const ticks = useMemo(
    () => logLambdaTicksOf(curves.flatMap((c) => c.points.map((p) => p.logLambda))),
    [curves],
  );
  // The shown α is drawn last, so it is on top.
  const ordered = [...curves].sort(
    (a, b) => Number(a.alpha === shownAlpha) - Number(b.alpha === shownAlpha),
  );
  if (curves.length === 0)
    return (
      <figure className="chart placeholder">
        <figcaption>CV error of every α</figcaption>
        <p>These results were saved before the CV curves of every α were kept: run again.</p>
      </figure>
    );
  return (
    <ChartFigure
      className="alpha-cv"
      label="CV error of every α"
      title="CV error of every α"
      exportName="CV error of every alpha"
      small
      plotLabel={`Cross-validated ${measureLabel} of each α against log λ, each α's ${RULE_LABEL[rule]} marked`}
      chart={
        <LineChart margin={CHART_MARGIN}>
          <CartesianGrid stroke={GRID_COLOR} />
          <XAxis {...LOG_LAMBDA_AXIS} ticks={ticks} allowDuplicatedCategory={false}>
            {logLambdaTitle}
          </XAxis>
          <YAxis {...VALUE_Y_AXIS} dataKey="cvm" domain={['auto', 'auto']}>
            {yAxisTitle(measureLabel)}
          </YAxis>
          <Tooltip
            formatter={(value, name, item) => [
              `${formatNumber(Number(value))} (${(item.payload as { nzero: number }).nzero} features)`,
              name,
            ]}
            labelFormatter={lambdaTooltipLabel}
            wrapperStyle={TOOLTIP_WRAPPER_STYLE}
          />
          <Legend {...LEGEND_TOP} />
          {rows[0] && (
            <ReferenceLine
              className="one-se-bound"
              y={oneSeBound(rows, maximize)}
              stroke="var(--chart-marker-soft)"
              strokeDasharray="4 3"
              label={{
                value: `best ${maximize ? '−' : '+'} 1 SE`,
                position: 'insideTopRight',
                ...AXIS_STYLE,
                fontSize: 11,
              }}
            />
          )}
          {ordered.map((curve) => (
            <Line
              key={curve.alpha}
              data={curve.points}
              dataKey="cvm"
              name={`α = ${curve.alpha}`}
              className={`alpha-curve${curve.alpha === shownAlpha ? ' shown' : ''}`}
              stroke={alphaColor(search, curve.alpha)}
              strokeWidth={curve.alpha === shownAlpha ? 3 : 1.5}
              dot={false}
              isAnimationActive={false}
            />
          ))}
          {rows.map((row) => (
            <ReferenceDot
              key={row.alpha}
              className="alpha-rule-point"
              x={Math.log(row.lambda)}
              y={row.cvm}
              r={row.alpha === shownAlpha ? 5 : 3.5}
              fill={alphaColor(search, row.alpha)}
              stroke="var(--chart-marker)"
            />
          ))}
        </LineChart>
      }
    >
      <p className="hint">
        Dots: each α at its {RULE_LABEL[rule]}. Dashed: the best value {maximize ? 'minus' : 'plus'}{' '}
        one standard error; a dot on the {maximize ? 'upper' : 'lower'} side is within 1 SE of the
        best.
      </p>
    </ChartFigure>
  );
});
