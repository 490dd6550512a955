import { ScatterCanvas, type ScatterCanvasProps } from './ScatterCanvas';

/**
 * One of a pair of prediction scatter plots: a subtitle over a small plot area that screen
 * readers are told about in words (the canvas itself says nothing to them).
 */
export function ScatterPanel({
  subtitle,
  label,
  ...plot
}: ScatterCanvasProps & { subtitle: string; label: string }) {
  return (
    <div>
      <p className="chart-subtitle">{subtitle}</p>
      <div className="chart-body small" role="img" aria-label={label}>
        <ScatterCanvas {...plot} />
      </div>
    </div>
  );
}
