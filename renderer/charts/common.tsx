/** Shared pieces of the charts: axis formatting and the click → λ index translation. */
import { Label, type MouseHandlerDataParam, type XAxisProps, type YAxisProps } from 'recharts';
import { featureCountAt, formatNumber, logLambdaTicks } from '../lib/results';

// Colours are CSS variables (renderer/styles.css), so SVG charts follow the light or dark theme.
export const AXIS_STYLE = { fontSize: 12, fill: 'var(--chart-axis)' };
export const GRID_COLOR = 'var(--chart-grid)';

/** A `var(--name)` colour as a concrete value, for a canvas (which cannot read variables). */
export function resolveColor(element: Element, color: string): string {
  const name = /^var\((--[\w-]+)\)$/.exec(color)?.[1];
  return name ? getComputedStyle(element).getPropertyValue(name).trim() || '#888' : color;
}

/** Calls `onChange` when the system switches between light and dark; returns the unsubscribe. */
export function onColorSchemeChange(onChange: () => void): () => void {
  if (typeof matchMedia === 'undefined') return () => {};
  const query = matchMedia('(prefers-color-scheme: dark)');
  query.addEventListener('change', onChange);
  return () => query.removeEventListener('change', onChange);
}
/** A y-axis title, turned to run along the axis. */
export const Y_TITLE_STYLE = { ...AXIS_STYLE, textAnchor: 'middle' as const };

/** A y-axis title on the left of the plot, as a child of <YAxis>. */
export function yAxisTitle(value: string) {
  return <Label value={value} angle={-90} position="insideLeft" style={Y_TITLE_STYLE} />;
}

/** The plot margins of the λ charts: the bottom leaves room for the log-λ title. */
export const CHART_MARGIN = { top: 8, right: 16, bottom: 24, left: 8 };

/** A value y axis (a CV measure, a coefficient), as props to spread into <YAxis>. */
export const VALUE_Y_AXIS: YAxisProps = {
  tickFormatter: (v: number) => formatNumber(v, 3),
  tick: AXIS_STYLE,
  width: 64,
};

/** The λ charts' tooltip: its heading is the λ under the pointer (the x axis is log λ). */
export function lambdaTooltipLabel(logLambda: unknown): string {
  return `λ = ${formatNumber(Math.exp(Number(logLambda)))}`;
}
export const TOOLTIP_WRAPPER_STYLE = { fontSize: 12 };

/** A legend above the plot, as props to spread into <Legend>. */
export const LEGEND_TOP = {
  verticalAlign: 'top',
  height: 24,
  wrapperStyle: { fontSize: 12 },
} as const;

export function formatLog(value: number): string {
  return Number(value.toFixed(2)).toString();
}

/** Round log-λ ticks (whole numbers or halves) over the path's λ range. */
export function logLambdaTicksOf(logLambda: number[]): number[] {
  return logLambdaTicks(Math.min(...logLambda), Math.max(...logLambda));
}

/**
 * The log-λ x axis the path and CV charts share, as props to spread into <XAxis> (recharts
 * reads its axes as direct children of the chart, so the element itself stays in each chart).
 */
export const LOG_LAMBDA_AXIS: XAxisProps = {
  dataKey: 'logLambda',
  type: 'number',
  domain: ['dataMin', 'dataMax'],
  tickFormatter: formatLog,
  tick: AXIS_STYLE,
  // Every tick given is drawn: logLambdaTicks spaces them, so recharts need not measure each
  // label in the DOM to thin them out (a tenth of the results view's first render).
  interval: 0,
};

/**
 * The top axis of the path and CV charts: the number of features in the model at each tick
 * (glmnet's plots number it the same way). Props for a second XAxis, spread as
 * `<XAxis {...featureCountAxis(points, ticks)} />` (recharts reads its children's types).
 */
export function featureCountAxis(
  points: readonly { logLambda: number; nzero: number }[],
  ticks: number[],
): XAxisProps {
  return {
    ...LOG_LAMBDA_AXIS,
    xAxisId: 'nonzero',
    orientation: 'top',
    ticks,
    tickFormatter: (v: number) => String(featureCountAt(points, v)),
    tick: { ...AXIS_STYLE, fontSize: 11 },
    axisLine: false,
    tickLine: false,
  };
}

/** For value axes with recharts' few automatic ticks: draw them all, unmeasured. */
export const VALUE_AXIS_INTERVAL = 0;

/** An x-axis title under the ticks, as a child of <XAxis>. */
export function xAxisTitle(value: string) {
  return <Label value={value} position="insideBottom" offset={-12} style={AXIS_STYLE} />;
}

export const logLambdaTitle = xAxisTitle('log λ  (larger λ, fewer features →)');

export function lambdaTick(logLambda: number): string {
  return formatNumber(Math.exp(logLambda), 3);
}

/** A chart onClick that selects the λ under the pointer. */
export function selectOnClick(onSelect: (index: number) => void) {
  return (state: MouseHandlerDataParam | undefined) => {
    const index = clickedIndex(state);
    if (index !== undefined) onSelect(index);
  };
}

/** The λ index of the point under the pointer, if any. */
export function clickedIndex(state: MouseHandlerDataParam | undefined): number | undefined {
  const index = state?.activeTooltipIndex ?? state?.activeIndex;
  if (index === undefined || index === null) return undefined;
  const n = Number(index);
  return Number.isInteger(n) && n >= 0 ? n : undefined;
}
