"use client";

import { useEffect, useRef, type ReactNode } from "react";
import type { BarChart } from "./chart-draw";

const HEIGHT = 240;

/**
 * One chart: a named figure whose canvas uPlot draws once its module has loaded
 * (dynamic import: only this page fetches it). Redrawn when the data, the width or
 * the colour scheme changes; the figure's text stands in for the canvas for screen
 * readers, and points to the tables with the exact numbers.
 */
export function ChartFrame({
  id,
  title,
  description,
  chart,
  controls,
  children,
}: {
  id: string;
  title: string;
  description: string;
  chart: BarChart;
  controls?: ReactNode;
  children?: ReactNode;
}) {
  const host = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const el = host.current;
    if (!el) return;
    let plot: { destroy(): void; setSize(s: { width: number; height: number }): void } | null = null;
    let cancelled = false;
    const dark = window.matchMedia("(prefers-color-scheme: dark)");
    const draw = async () => {
      const { drawBars } = await import("./chart-draw");
      if (cancelled) return;
      plot?.destroy();
      plot = drawBars(el, chart, el.clientWidth, HEIGHT);
      el.dataset.ready = "true";
      el.dataset.scheme = dark.matches ? "dark" : "light";
    };
    void draw();
    const resize = new ResizeObserver(() => plot?.setSize({ width: el.clientWidth, height: HEIGHT }));
    resize.observe(el);
    // Colours are read when drawing: a scheme change needs a fresh chart.
    const rescheme = () => void draw();
    dark.addEventListener("change", rescheme);
    return () => {
      cancelled = true;
      resize.disconnect();
      dark.removeEventListener("change", rescheme);
      plot?.destroy();
      delete el.dataset.ready;
      delete el.dataset.scheme;
    };
  }, [chart]);

  return (
    <figure className="card space-y-3" role="group" aria-labelledby={`${id}-title`} aria-describedby={`${id}-desc`} data-testid={id}>
      <div className="flex flex-wrap items-center justify-between gap-3">
        <figcaption id={`${id}-title`} className="font-semibold">
          {title}
        </figcaption>
        {controls}
      </div>
      <p id={`${id}-desc`} className="sr-only">
        {description}
      </p>
      <div ref={host} className="min-h-[300px] w-full text-zinc-600 dark:text-zinc-300" aria-hidden="true" data-testid={`${id}-canvas`} />
      {children}
    </figure>
  );
}
