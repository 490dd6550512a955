/**
 * Static SVG charts for reports: no script, no external resource, every label escaped. Each
 * function returns a complete <svg> element string; coordinates are computed here from typed
 * series, the same data the app's charts draw.
 */
import { escapeHtml } from './escape';

export interface Series {
  name: string;
  color: string;
  points: [number, number][];
}

interface Frame {
  width: number;
  height: number;
  left: number;
  right: number;
  top: number;
  bottom: number;
}

const FRAME: Frame = { width: 640, height: 340, left: 64, right: 16, top: 28, bottom: 44 };

/** About `count` round tick values covering [lo, hi]. */
export function niceTicks(lo: number, hi: number, count = 5): number[] {
  if (!(hi > lo)) return [lo];
  const raw = (hi - lo) / count;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * magnitude).find((s) => s >= raw) ?? raw;
  const ticks: number[] = [];
  for (let t = Math.ceil(lo / step) * step; t <= hi + step * 1e-9; t += step)
    ticks.push(Number(t.toPrecision(12)));
  return ticks;
}

function extent(values: number[]): [number, number] {
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  for (const v of values) {
    if (!Number.isFinite(v)) continue;
    lo = Math.min(lo, v);
    hi = Math.max(hi, v);
  }
  if (lo === hi) return [lo - 1, hi + 1];
  const pad = (hi - lo) * 0.04;
  return [lo - pad, hi + pad];
}

const fmt = (v: number) =>
  Math.abs(v) >= 1e4 || (Math.abs(v) < 1e-2 && v !== 0)
    ? v.toExponential(1)
    : Number(v.toPrecision(3)).toString();
const r = (v: number) => v.toFixed(1);

class Plot {
  readonly parts: string[] = [];
  constructor(
    readonly title: string,
    readonly x: [number, number],
    readonly y: [number, number],
    readonly frame: Frame = FRAME,
  ) {}
  px(v: number) {
    const { left, width, right } = this.frame;
    return left + ((v - this.x[0]) / (this.x[1] - this.x[0])) * (width - left - right);
  }
  py(v: number) {
    const { top, height, bottom } = this.frame;
    return height - bottom - ((v - this.y[0]) / (this.y[1] - this.y[0])) * (height - top - bottom);
  }
  axes(xLabel: string, yLabel: string) {
    const { left, top, width, height, right, bottom } = this.frame;
    for (const t of niceTicks(this.y[0], this.y[1])) {
      this.parts.push(
        `<line x1="${left}" x2="${width - right}" y1="${r(this.py(t))}" y2="${r(this.py(t))}" stroke="#e5e7eb"/>`,
      );
      this.parts.push(
        `<text x="${left - 6}" y="${r(this.py(t) + 4)}" text-anchor="end" font-size="11" fill="#4b5563">${fmt(t)}</text>`,
      );
    }
    for (const t of niceTicks(this.x[0], this.x[1])) {
      this.parts.push(
        `<text x="${r(this.px(t))}" y="${height - bottom + 16}" text-anchor="middle" font-size="11" fill="#4b5563">${fmt(t)}</text>`,
      );
    }
    this.parts.push(
      `<rect x="${left}" y="${top}" width="${width - left - right}" height="${height - top - bottom}" fill="none" stroke="#9ca3af"/>`,
    );
    this.parts.push(
      `<text x="${(left + width - right) / 2}" y="${height - 8}" text-anchor="middle" font-size="12" fill="#374151">${escapeHtml(xLabel)}</text>`,
    );
    this.parts.push(
      `<text transform="translate(14 ${(top + height - bottom) / 2}) rotate(-90)" text-anchor="middle" font-size="12" fill="#374151">${escapeHtml(yLabel)}</text>`,
    );
  }
  vline(x: number, label: string, dash = '4 3') {
    const { top, height, bottom } = this.frame;
    this.parts.push(
      `<line x1="${r(this.px(x))}" x2="${r(this.px(x))}" y1="${top}" y2="${height - bottom}" stroke="#374151" stroke-dasharray="${dash}"/>`,
    );
    this.parts.push(
      `<text x="${r(this.px(x) + 3)}" y="${top + 12}" font-size="11" fill="#374151">${escapeHtml(label)}</text>`,
    );
  }
  line(series: Series) {
    const d = series.points
      .map(([x, y], i) => `${i ? 'L' : 'M'}${r(this.px(x))} ${r(this.py(y))}`)
      .join('');
    this.parts.push(
      `<path d="${d}" fill="none" stroke="${series.color}" stroke-width="1.5"><title>${escapeHtml(series.name)}</title></path>`,
    );
  }
  svg(label: string) {
    const { width, height } = this.frame;
    return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-label="${escapeHtml(label)}" font-family="Helvetica, Arial, sans-serif"><text x="${this.frame.left}" y="16" font-size="13" font-weight="bold" fill="#111827">${escapeHtml(this.title)}</text>${this.parts.join('')}</svg>`;
  }
}

export function pathChartSvg(
  series: Series[],
  marks: { x: number; label: string }[],
  yLabel: string,
): string {
  const xs = series.flatMap((s) => s.points.map((p) => p[0]));
  const ys = series.flatMap((s) => s.points.map((p) => p[1]));
  const plot = new Plot('Coefficient path', extent(xs), extent(ys));
  plot.axes('log λ', yLabel);
  for (const s of series) plot.line(s);
  for (const m of marks) plot.vline(m.x, m.label);
  return plot.svg('Coefficient path: coefficients against log λ');
}

export function cvChartSvg(
  points: { x: number; mean: number; lo: number; hi: number }[],
  marks: { x: number; label: string }[],
  yLabel: string,
): string {
  const plot = new Plot(
    'Cross-validation error',
    extent(points.map((p) => p.x)),
    extent(points.flatMap((p) => [p.lo, p.hi])),
  );
  plot.axes('log λ', yLabel);
  for (const p of points) {
    const x = r(plot.px(p.x));
    plot.parts.push(
      `<line class="error-bar" x1="${x}" x2="${x}" y1="${r(plot.py(p.lo))}" y2="${r(plot.py(p.hi))}" stroke="#9ca3af"/>`,
    );
    plot.parts.push(`<circle cx="${x}" cy="${r(plot.py(p.mean))}" r="2.5" fill="#c2410c"/>`);
  }
  for (const m of marks) plot.vline(m.x, m.label);
  return plot.svg('Cross-validation error with one standard error against log λ');
}

/**
 * AIC, BIC and extended BIC against log λ, each criterion's minimum as a dot, with a legend
 * naming each colour and the path's marks (the selected λ).
 */
export function icChartSvg(
  curves: (Series & { minimum: [number, number] })[],
  marks: { x: number; label: string }[],
): string {
  const xs = curves.flatMap((c) => c.points.map((p) => p[0]));
  const ys = curves.flatMap((c) => c.points.map((p) => p[1]));
  const plot = new Plot('Information criteria', extent(xs), extent(ys));
  plot.axes('log λ', 'criterion (smaller is better)');
  for (const c of curves) plot.line(c);
  for (const c of curves)
    plot.parts.push(
      `<circle class="ic-minimum" cx="${r(plot.px(c.minimum[0]))}" cy="${r(plot.py(c.minimum[1]))}" r="4" fill="${c.color}" stroke="#111827"><title>${escapeHtml(`${c.name} minimum`)}</title></circle>`,
    );
  for (const m of marks) plot.vline(m.x, m.label);
  const { left, top } = plot.frame;
  curves.forEach((c, i) => {
    const x = left + 8 + i * 70;
    plot.parts.push(
      `<rect x="${x}" y="${top + 6}" width="10" height="10" fill="${c.color}"/>`,
      `<text x="${x + 14}" y="${top + 15}" font-size="11" fill="#111827">${escapeHtml(c.name)}</text>`,
    );
  });
  return plot.svg('AIC, BIC and extended BIC against log λ');
}

/**
 * Every compared α's CV curve on one log-λ axis, each α's point at the rule as a dot, the
 * best value's one-standard-error bound as a dashed line, and a legend naming each colour.
 */
export function alphaCvSvg(
  curves: Series[],
  points: { x: number; y: number; color: string }[],
  bound: { y: number; label: string },
  yLabel: string,
  /** The chart's title and accessible description (the relaxed lasso's curves are per γ). */
  title = 'CV error of every α',
  description = 'Cross-validation error of every compared α against log λ',
): string {
  const xs = curves.flatMap((c) => c.points.map((p) => p[0]));
  const ys = [...curves.flatMap((c) => c.points.map((p) => p[1])), bound.y];
  const plot = new Plot(title, extent(xs), extent(ys));
  plot.axes('log λ', yLabel);
  for (const c of curves) plot.line(c);
  const { left, width, right } = plot.frame;
  const y = r(plot.py(bound.y));
  plot.parts.push(
    `<line class="one-se-bound" x1="${left}" x2="${width - right}" y1="${y}" y2="${y}" stroke="#6b7280" stroke-dasharray="4 3"/>`,
    `<text x="${width - right - 4}" y="${r(plot.py(bound.y) - 4)}" text-anchor="end" font-size="11" fill="#374151">${escapeHtml(bound.label)}</text>`,
  );
  for (const p of points)
    plot.parts.push(
      `<circle class="alpha-rule-point" cx="${r(plot.px(p.x))}" cy="${r(plot.py(p.y))}" r="4" fill="${p.color}" stroke="#111827"/>`,
    );
  curves.forEach((c, i) => {
    const x = left + 8 + i * 96;
    plot.parts.push(
      `<rect x="${x}" y="${plot.frame.top + 6}" width="10" height="10" fill="${c.color}"/>`,
      `<text x="${x + 14}" y="${plot.frame.top + 15}" font-size="11" fill="#111827">${escapeHtml(c.name)}</text>`,
    );
  });
  return plot.svg(description);
}

export function scatterSvg(
  points: [number, number][],
  xLabel: string,
  yLabel: string,
  title: string,
): string {
  const [lo, hi] = extent(points.flat());
  const plot = new Plot(title, [lo, hi], [lo, hi], { ...FRAME, width: 420, height: 360 });
  plot.axes(xLabel, yLabel);
  plot.parts.push(
    `<line x1="${r(plot.px(lo))}" y1="${r(plot.py(lo))}" x2="${r(plot.px(hi))}" y2="${r(plot.py(hi))}" stroke="#9ca3af" stroke-dasharray="4 3"/>`,
  );
  for (const [x, y] of points)
    plot.parts.push(
      `<circle cx="${r(plot.px(x))}" cy="${r(plot.py(y))}" r="2.2" fill="#4e79a7" fill-opacity="0.6"/>`,
    );
  return plot.svg(title);
}

/** A unit-square chart (rates, probabilities) with the y = x diagonal for reference. */
function unitPlot(title: string, xLabel: string, yLabel: string): Plot {
  const plot = new Plot(title, [-0.02, 1.02], [-0.02, 1.02], { ...FRAME, width: 420, height: 380 });
  plot.axes(xLabel, yLabel);
  plot.parts.push(
    `<line x1="${r(plot.px(0))}" y1="${r(plot.py(0))}" x2="${r(plot.px(1))}" y2="${r(plot.py(1))}" stroke="#9ca3af" stroke-dasharray="4 3"/>`,
  );
  return plot;
}

/** The ROC curve (false against true positive rate), its AUC in the title. */
export function rocSvg(points: { fpr: number; tpr: number }[], auc: string): string {
  const plot = unitPlot(`ROC curve (AUC ${auc})`, 'false positive rate', 'true positive rate');
  plot.line({ name: 'ROC', color: '#4e79a7', points: points.map((p) => [p.fpr, p.tpr]) });
  return plot.svg(`ROC curve: true against false positive rate, AUC ${auc}`);
}

/** Binned calibration: observed rate against mean predicted probability, one dot per bin. */
export function calibrationSvg(
  bins: { meanPredicted: number; observedRate: number; count: number }[],
): string {
  const plot = unitPlot('Calibration', 'mean predicted probability', 'observed rate');
  plot.line({
    name: 'bins',
    color: '#c2410c',
    points: bins.map((b) => [b.meanPredicted, b.observedRate]),
  });
  for (const b of bins)
    plot.parts.push(
      `<circle cx="${r(plot.px(b.meanPredicted))}" cy="${r(plot.py(b.observedRate))}" r="3.5" fill="#c2410c"><title>${b.count} rows</title></circle>`,
    );
  return plot.svg('Calibration: observed rate against mean predicted probability, in bins');
}

/**
 * The stability path: each column's selection probability against log λ, the threshold π as
 * a dashed line, the end of the λ range Λ as a vertical line (and the report's λ, if given).
 * Selected columns are drawn in their colours, the rest in grey beneath them.
 */
export function stabilityPathSvg(
  series: (Series & { selected: boolean })[],
  threshold: number,
  marks: { x: number; label: string }[],
): string {
  const xs = series.flatMap((s) => s.points.map((p) => p[0]));
  const plot = new Plot('Stability path', extent(xs), [0, 1.04]);
  plot.axes('log λ', 'selection probability');
  for (const s of series.filter((s) => !s.selected)) plot.line({ ...s, color: '#d1d5db' });
  for (const s of series.filter((s) => s.selected)) plot.line(s);
  const { left, width, right } = plot.frame;
  const y = r(plot.py(threshold));
  plot.parts.push(
    `<line class="stability-threshold" x1="${left}" x2="${width - right}" y1="${y}" y2="${y}" stroke="#111827" stroke-dasharray="6 3"/>`,
    `<text x="${width - right - 4}" y="${r(plot.py(threshold) - 4)}" text-anchor="end" font-size="11" fill="#111827">π = ${escapeHtml(String(threshold))}</text>`,
  );
  for (const m of marks) plot.vline(m.x, m.label);
  return plot.svg('Stability path: selection probability of each column against log λ');
}
