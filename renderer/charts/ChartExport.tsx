import type { RefObject } from 'react';
import { chartPng, chartSvg, download } from '../lib/download';

/** "SVG" and "PNG" buttons that save the chart inside `figure`. */
export function ChartExport({
  figure,
  name,
}: {
  figure: RefObject<HTMLElement | null>;
  name: string;
}) {
  const fileName = name.toLowerCase().replace(/[^a-z0-9]+/g, '-');
  const svg = () => (figure.current ? chartSvg(figure.current) : undefined);
  return (
    <span className="chart-export">
      <button
        type="button"
        className="link"
        aria-label={`Save ${name} as SVG`}
        onClick={() => {
          const text = svg();
          if (text) download(text, `${fileName}.svg`, 'image/svg+xml');
        }}
      >
        SVG
      </button>
      <button
        type="button"
        className="link"
        aria-label={`Save ${name} as PNG`}
        onClick={async () => {
          const text = svg();
          const box = figure.current
            ?.querySelector('svg.recharts-surface')
            ?.getBoundingClientRect();
          if (text && box)
            download(await chartPng(text, box.width, box.height), `${fileName}.png`, 'image/png');
        }}
      >
        PNG
      </button>
    </span>
  );
}
