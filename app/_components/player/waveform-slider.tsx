"use client";

import { useRef, useState, type KeyboardEvent, type PointerEvent } from "react";
import { useTranslations } from "use-intl";
import { seekTargetForKey } from "./seek-keys";
import { formatClock } from "./time";
import { WaveformBars } from "./waveform-bars";

// The seek bar drawn as the song's waveform: the played part in the accent colour,
// the rest grey. A slider for keyboards and screen readers as much as for a pointer:
// click or drag to seek, hover for the time under the pointer, arrows ±5 s, Page
// Up/Down ±30 s, Home and End.

interface Props {
  peaks: readonly number[];
  time: number;
  total: number;
  onSeek: (seconds: number) => void;
}

export function WaveformSlider({ peaks, time, total, onSeek }: Props) {
  const t = useTranslations("player");
  const box = useRef<HTMLDivElement>(null);
  const [hover, setHover] = useState<number | null>(null);
  const dragging = useRef(false);
  const disabled = !total;
  const progress = total > 0 ? Math.min(100, (time / total) * 100) : 0;

  const fractionAt = (e: PointerEvent) => {
    const rect = box.current!.getBoundingClientRect();
    return rect.width > 0 ? Math.min(1, Math.max(0, (e.clientX - rect.left) / rect.width)) : 0;
  };
  const seek = (seconds: number) => onSeek(Math.min(total, Math.max(0, seconds)));

  const onPointerDown = (e: PointerEvent<HTMLDivElement>) => {
    if (disabled || e.button !== 0) return;
    e.currentTarget.setPointerCapture(e.pointerId);
    e.currentTarget.focus();
    dragging.current = true;
    seek(fractionAt(e) * total);
  };
  const onPointerMove = (e: PointerEvent<HTMLDivElement>) => {
    if (disabled) return;
    const at = fractionAt(e);
    setHover(at);
    if (dragging.current) seek(at * total);
  };
  const endDrag = () => {
    dragging.current = false;
  };
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (disabled || e.altKey || e.ctrlKey || e.metaKey) return;
    const to = seekTargetForKey(e.key, time, total);
    if (to === null) return;
    e.preventDefault();
    seek(to);
  };

  return (
    <div
      ref={box}
      role="slider"
      tabIndex={disabled ? -1 : 0}
      aria-label={t("seek")}
      aria-valuemin={0}
      aria-valuemax={Math.round(total)}
      aria-valuenow={Math.round(time)}
      aria-valuetext={t("seekValue", { time: formatClock(time), total: formatClock(total) })}
      aria-disabled={disabled || undefined}
      data-testid="waveform-seek"
      onPointerDown={onPointerDown}
      onPointerMove={onPointerMove}
      onPointerUp={endDrag}
      onPointerCancel={endDrag}
      onLostPointerCapture={endDrag}
      onPointerLeave={() => setHover(null)}
      onKeyDown={onKeyDown}
      className="relative h-8 min-w-0 flex-1 cursor-pointer touch-none rounded select-none focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-accent-500 aria-disabled:cursor-default"
    >
      <WaveformBars peaks={peaks} className="absolute inset-0 h-full w-full stroke-zinc-300 dark:stroke-zinc-600" />
      <WaveformBars peaks={peaks} className="absolute inset-0 h-full w-full stroke-accent-600 dark:stroke-accent-500" style={{ clipPath: `inset(0 ${100 - progress}% 0 0)` }} />
      {hover !== null ? (
        <>
          <span className="pointer-events-none absolute inset-y-0 w-px bg-zinc-900/40 dark:bg-white/50" style={{ left: `${hover * 100}%` }} />
          <span
            className="pointer-events-none absolute -top-7 -translate-x-1/2 rounded bg-zinc-900 px-1.5 py-0.5 text-[11px] whitespace-nowrap text-white tabular-nums shadow dark:bg-zinc-100 dark:text-zinc-900"
            style={{ left: `${hover * 100}%` }}
            data-testid="waveform-hover-time"
          >
            {formatClock(hover * total)}
          </span>
        </>
      ) : null}
    </div>
  );
}
