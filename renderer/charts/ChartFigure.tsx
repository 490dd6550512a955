import { type ReactElement, type ReactNode, useRef } from 'react';
import { ResponsiveContainer } from 'recharts';
import { ChartExport } from './ChartExport';

interface Props {
  /** Classes beside "chart" on the <figure> (the e2e specs and styles find charts by them). */
  className?: string | undefined;
  /** The caption's text (or a titled span, for a figure labelled by it). */
  title: ReactNode;
  /** What the SVG / PNG buttons call the chart (and its file). */
  exportName: string;
  /** The figure's own accessible name, or the id of the element that gives it. */
  label?: string | undefined;
  labelledBy?: string | undefined;
  /** Controls after the export buttons in the caption (a scale switch). */
  head?: ReactNode;
  /** The shorter plot area, for a chart beside a table. */
  small?: boolean | undefined;
  /** What the plot shows, for screen readers (the plot itself is an image to them). */
  plotLabel: string;
  /** The recharts chart, sized to the plot area. */
  chart: ReactElement;
  /** Legends and hints under the plot. */
  children?: ReactNode;
}

/**
 * The frame every λ chart shares: a captioned figure with SVG / PNG export of what it holds,
 * and a plot area that the chart fills. Only the frame: recharts reads axes, tooltips and
 * legends as direct children of the chart, so those stay in each chart (spread from common).
 */
export function ChartFigure({
  className,
  title,
  exportName,
  label,
  labelledBy,
  head,
  small,
  plotLabel,
  chart,
  children,
}: Props) {
  const figure = useRef<HTMLElement>(null);
  return (
    <figure
      className={className ? `chart ${className}` : 'chart'}
      ref={figure}
      aria-label={label}
      aria-labelledby={labelledBy}
    >
      <figcaption className="chart-head">
        {title}
        <ChartExport figure={figure} name={exportName} />
        {head}
      </figcaption>
      <div className={small ? 'chart-body small' : 'chart-body'} role="img" aria-label={plotLabel}>
        <ResponsiveContainer width="100%" height="100%">
          {chart}
        </ResponsiveContainer>
      </div>
      {children}
    </figure>
  );
}
