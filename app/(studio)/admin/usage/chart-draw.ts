import uPlot from "uplot";
import "uplot/dist/uPlot.min.css";
import "./charts.css";

// uPlot charts for /admin/usage. This module (uPlot, ~20 KB compressed) is imported
// only by usage-charts.tsx's effect, so no other page loads it and this one paints
// its tables first. Every chart is bars over categories (days, reasons, members) on
// an index x scale; the categories' labels come from the caller, already localized.

export interface BarChart {
  /** Category labels for the x axis and for the legend's hover line. */
  categories: string[];
  /** Top to bottom when stacked: the legend reads in the same order as the stack. */
  series: { label: string; values: number[]; /** The "everyone else" layer: grey. */ rest?: boolean }[];
  stacked?: boolean;
  /** Per category; null where there is none. A tick is drawn across that bar. */
  limit?: { label: string; values: (number | null)[] };
  locale: string;
}

// Mid-tone hues: legible on white and on the dark theme's zinc-900 cards alike.
const PALETTE = ["#6366f1", "#f59e0b", "#10b981", "#ef4444", "#0ea5e9", "#a855f7", "#84cc16", "#ec4899"];
const REST = "#a1a1aa";

function theme(el: HTMLElement) {
  const dark = window.matchMedia("(prefers-color-scheme: dark)").matches;
  return { text: getComputedStyle(el).color, grid: dark ? "rgba(255,255,255,0.08)" : "rgba(0,0,0,0.07)", limit: dark ? "#fafafa" : "#18181b" };
}

/** Stacked bars are drawn tallest first: series i holds the sum of layers i..n, so each lower layer paints over the one above, and the first layer shows on top. */
function stackFromTop(series: BarChart["series"]): number[][] {
  const out = series.map((s) => [...s.values]);
  for (let i = out.length - 2; i >= 0; i--) out[i] = out[i].map((v, k) => v + out[i + 1][k]);
  return out;
}

export function drawBars(el: HTMLElement, chart: BarChart, width: number, height: number): uPlot {
  const colors = theme(el);
  const number = new Intl.NumberFormat(chart.locale);
  const n = chart.categories.length;
  const layers = chart.series.map((s, i) => ({ ...s, color: s.rest ? REST : PALETTE[i % PALETTE.length] }));
  const ys = chart.stacked ? stackFromTop(layers) : layers.map((s) => s.values);
  const bars = uPlot.paths.bars!({ size: [0.7, 48], gap: 1 });
  const axis = { stroke: colors.text, grid: { stroke: colors.grid, width: 1 }, ticks: { stroke: colors.grid, width: 1 } };
  const series: uPlot.Series[] = [
    { label: "", value: (_u, v) => (v == null ? "" : (chart.categories[v] ?? "")) },
    ...layers.map((s) => ({
      label: s.label,
      fill: s.color,
      stroke: s.color,
      width: 0,
      paths: bars,
      points: { show: false },
      value: (_u: uPlot, _v: number | null, _s: number, idx: number | null) => (idx == null ? "–" : number.format(s.values[idx] ?? 0)),
    })),
  ];
  const data: uPlot.AlignedData = [Array.from({ length: n }, (_, i) => i), ...ys];
  if (chart.limit) {
    series.push({ label: chart.limit.label, stroke: colors.limit, width: 2, paths: () => null, points: { show: false }, value: (_u, v) => (v == null ? "–" : number.format(v)) });
    data.push(chart.limit.values);
  }
  const opts: uPlot.Options = {
    width,
    height,
    series,
    legend: { live: true },
    cursor: { points: { show: false }, drag: { x: false, y: false } },
    scales: { x: { time: false, range: [-0.5, n - 0.5] }, y: { range: (_u, _min, max) => [0, Math.max(4, Math.ceil((max ?? 0) * 1.1))] } },
    axes: [
      { ...axis, grid: { show: false }, space: 64, incrs: [1, 2, 3, 7, 14, 30, 60, 90, 180], values: (_u, splits) => splits.map((i) => chart.categories[i] ?? "") },
      { ...axis, size: 56, values: (_u, splits) => splits.map((v) => (Number.isInteger(v) ? number.format(v) : "")) },
    ],
    hooks: chart.limit ? { draw: [(u) => drawLimitTicks(u, chart.limit!.values, colors.limit)] } : {},
  };
  return new uPlot(opts, data, el);
}

/** A short line across each bar at its limit: "used so far" against "allowed". */
function drawLimitTicks(u: uPlot, limits: (number | null)[], color: string) {
  const ctx = u.ctx;
  const half = Math.min(24, (u.bbox.width / Math.max(1, limits.length)) * 0.4);
  ctx.save();
  ctx.strokeStyle = color;
  ctx.lineWidth = 2 * uPlot.pxRatio;
  ctx.setLineDash([4 * uPlot.pxRatio, 3 * uPlot.pxRatio]);
  limits.forEach((limit, i) => {
    if (limit == null) return;
    const x = u.valToPos(i, "x", true);
    const y = u.valToPos(limit, "y", true);
    ctx.beginPath();
    ctx.moveTo(x - half * uPlot.pxRatio, y);
    ctx.lineTo(x + half * uPlot.pxRatio, y);
    ctx.stroke();
  });
  ctx.restore();
}
