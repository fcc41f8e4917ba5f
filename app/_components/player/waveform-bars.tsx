import { memo, useMemo } from "react";

// A waveform drawn as one SVG path of bars, stretched to its box: one element however
// many peaks, so list rows stay light and a seek bar redraws cheaply. Peaks are 0–255.

const MIN_HEIGHT = 6; // of 100: silence still shows as a thin line, so the bar reads as a track

function barsPath(peaks: readonly number[]): string {
  return peaks
    .map((peak, i) => {
      const h = Math.max(MIN_HEIGHT, (peak / 255) * 100);
      return `M${i + 0.15} ${((100 - h) / 2).toFixed(1)}h0.7v${h.toFixed(1)}h-0.7z`;
    })
    .join("");
}

export const WaveformBars = memo(function WaveformBars({ peaks, className = "", style }: { peaks: readonly number[]; className?: string; style?: React.CSSProperties }) {
  const d = useMemo(() => barsPath(peaks), [peaks]);
  return (
    <svg viewBox={`0 0 ${peaks.length} 100`} preserveAspectRatio="none" aria-hidden="true" focusable="false" className={className} style={style}>
      <path d={d} />
    </svg>
  );
});
