/**
 * A scatter drawn on <canvas>: thousands of points cost one paint, not thousands of SVG nodes
 * for React and recharts to reconcile on every λ step. Round ticks from niceTicks.
 */
import { useEffect, useRef } from 'react';
import { formatNumber, niceTicks } from '../lib/results';
import { AXIS_STYLE, GRID_COLOR, onColorSchemeChange, resolveColor } from './common';

export interface ScatterCanvasProps {
  x: number[];
  y: number[];
  xDomain: [number, number];
  yDomain: [number, number];
  xLabel: string;
  yLabel: string;
  color: string;
  /** The line to compare against: y = x, or y = 0. */
  reference: 'diagonal' | 'zero';
}

const MARGIN = { top: 8, right: 12, bottom: 38, left: 62 };

function draw(canvas: HTMLCanvasElement, props: ScatterCanvasProps) {
  const { x, y, xDomain, yDomain, xLabel, yLabel, color, reference } = props;
  const width = canvas.clientWidth;
  const height = canvas.clientHeight;
  const ratio = window.devicePixelRatio || 1;
  canvas.width = Math.round(width * ratio);
  canvas.height = Math.round(height * ratio);
  const g = canvas.getContext('2d');
  if (!g || width <= 0 || height <= 0) return;
  g.setTransform(ratio, 0, 0, ratio, 0, 0);
  g.clearRect(0, 0, width, height);
  const left = MARGIN.left;
  const right = width - MARGIN.right;
  const top = MARGIN.top;
  const bottom = height - MARGIN.bottom;
  const sx = (v: number) =>
    left + ((v - xDomain[0]) / (xDomain[1] - xDomain[0] || 1)) * (right - left);
  const sy = (v: number) =>
    bottom - ((v - yDomain[0]) / (yDomain[1] - yDomain[0] || 1)) * (bottom - top);
  g.font = `${AXIS_STYLE.fontSize}px system-ui, sans-serif`;
  g.fillStyle = resolveColor(canvas, AXIS_STYLE.fill);
  g.strokeStyle = resolveColor(canvas, GRID_COLOR);
  g.lineWidth = 1;
  g.textAlign = 'center';
  g.textBaseline = 'top';
  for (const t of niceTicks(xDomain[0], xDomain[1])) {
    const px = Math.round(sx(t)) + 0.5;
    g.beginPath();
    g.moveTo(px, top);
    g.lineTo(px, bottom);
    g.stroke();
    g.fillText(formatNumber(t, 3), px, bottom + 4);
  }
  g.textAlign = 'right';
  g.textBaseline = 'middle';
  for (const t of niceTicks(yDomain[0], yDomain[1])) {
    const py = Math.round(sy(t)) + 0.5;
    g.beginPath();
    g.moveTo(left, py);
    g.lineTo(right, py);
    g.stroke();
    g.fillText(formatNumber(t, 3), left - 6, py);
  }
  g.textAlign = 'center';
  g.textBaseline = 'bottom';
  g.fillText(xLabel, (left + right) / 2, height - 2);
  g.save();
  g.translate(12, (top + bottom) / 2);
  g.rotate(-Math.PI / 2);
  g.textBaseline = 'middle';
  g.fillText(yLabel, 0, 0);
  g.restore();
  // The reference line, clipped to the plot area.
  g.save();
  g.beginPath();
  g.rect(left, top, right - left, bottom - top);
  g.clip();
  g.strokeStyle = resolveColor(canvas, 'var(--chart-reference)');
  g.setLineDash([4, 3]);
  g.beginPath();
  if (reference === 'diagonal') {
    const lo = Math.max(xDomain[0], yDomain[0]);
    const hi = Math.min(xDomain[1], yDomain[1]);
    g.moveTo(sx(lo), sy(lo));
    g.lineTo(sx(hi), sy(hi));
  } else {
    g.moveTo(left, sy(0));
    g.lineTo(right, sy(0));
  }
  g.stroke();
  g.setLineDash([]);
  g.fillStyle = resolveColor(canvas, color);
  g.globalAlpha = 0.55;
  for (let i = 0; i < x.length; i++) {
    g.beginPath();
    g.arc(sx(x[i]!), sy(y[i]!), 2.5, 0, 2 * Math.PI);
    g.fill();
  }
  g.restore();
}

export function ScatterCanvas(props: ScatterCanvasProps) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const latest = useRef(props);
  latest.current = props;
  useEffect(() => {
    if (canvas.current) draw(canvas.current, props);
  });
  // Redraw at the new size when the layout changes.
  useEffect(() => {
    const element = canvas.current;
    if (!element || typeof ResizeObserver === 'undefined') return undefined;
    const observer = new ResizeObserver(() => draw(element, latest.current));
    observer.observe(element);
    // …and in the new colours when the system theme changes.
    const unsubscribe = onColorSchemeChange(() => draw(element, latest.current));
    return () => {
      observer.disconnect();
      unsubscribe();
    };
  }, []);
  return <canvas ref={canvas} className="scatter-canvas" />;
}
