import { memo, useMemo } from "react";

// A waveform drawn as one SVG path of vertical strokes, stretched to its box: one
// element however many peaks, and about ten bytes of markup per bar, so a list page of
// rows stays light (PERF-3) and a seek bar redraws cheaply. Peaks are 0–255; colour the
// bars with a stroke-* class.

const MIN_HEIGHT = 6; // of 100: silence still shows as a thin line, so the bar reads as a track
const BAR = 10; // viewBox units per peak: whole numbers keep the path short
const STROKE = 7;

function barsPath(peaks: readonly number[]): string {
  return peaks
    .map((peak, i) => {
      const h = Math.max(MIN_HEIGHT, Math.round((peak / 255) * 100));
      const top = Math.round((100 - h) / 2);
      return `M${i * BAR + BAR / 2} ${top}V${top + h}`;
    })
    .join("");
}

export const WaveformBars = memo(function WaveformBars({ peaks, className = "", style }: { peaks: readonly number[]; className?: string; style?: React.CSSProperties }) {
  const d = useMemo(() => barsPath(peaks), [peaks]);
  return (
    <svg viewBox={`0 0 ${peaks.length * BAR} 100`} preserveAspectRatio="none" aria-hidden="true" focusable="false" className={className} style={style}>
      <path d={d} strokeWidth={STROKE} />
    </svg>
  );
});
