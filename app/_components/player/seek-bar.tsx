"use client";

import { useTranslations } from "use-intl";
import { usePlayer, usePlayerState } from "./player-provider";
import { seekTargetForKey } from "./seek-keys";
import { formatClock } from "./time";
import { WaveformSlider } from "./waveform-slider";

// Thumb styles need vendor pseudo-elements; arbitrary variants keep them beside the markup.
const THUMB =
  "[&::-webkit-slider-thumb]:h-3.5 [&::-webkit-slider-thumb]:w-3.5 [&::-webkit-slider-thumb]:appearance-none [&::-webkit-slider-thumb]:rounded-full [&::-webkit-slider-thumb]:bg-accent-600 [&::-webkit-slider-thumb]:shadow [&::-moz-range-thumb]:h-3.5 [&::-moz-range-thumb]:w-3.5 [&::-moz-range-thumb]:rounded-full [&::-moz-range-thumb]:border-0 [&::-moz-range-thumb]:bg-accent-600";

/**
 * Position and seek for the loaded song. `active` is false when another song is
 * loaded: the bar then shows this song's length at rest, and moving it starts it.
 * With the song's waveform the bar is drawn as it; without (not decoded yet, or
 * undecodable) it is a plain range.
 */
export function SeekBar({
  active,
  duration,
  waveform,
  onSeekInactive,
  className = "",
}: {
  active: boolean;
  duration: number | null;
  waveform?: readonly number[] | null;
  onSeekInactive?: (seconds: number) => void;
  className?: string;
}) {
  const t = useTranslations("player");
  const store = usePlayer();
  const liveTime = usePlayerState((s) => s.currentTime);
  const liveDuration = usePlayerState((s) => s.duration);
  const time = active ? liveTime : 0;
  const total = (active ? liveDuration : 0) || duration || 0;
  const progress = total > 0 ? Math.min(100, (time / total) * 100) : 0;
  const seek = (to: number) => {
    if (active) store.seek(to);
    else onSeekInactive?.(to);
  };
  return (
    <div className={`flex items-center gap-2 text-xs tabular-nums muted ${className}`}>
      <span className="w-10 text-right" data-testid="player-time">
        {formatClock(time)}
      </span>
      {waveform && waveform.length > 0 ? (
        <WaveformSlider peaks={waveform} time={time} total={total} onSeek={seek} />
      ) : (
        <input
          type="range"
          min={0}
          max={total || 1}
          step="any"
          value={time}
          disabled={!total}
          aria-label={t("seek")}
          aria-valuetext={t("seekValue", { time: formatClock(time), total: formatClock(total) })}
          onChange={(e) => seek(Number(e.currentTarget.value))}
          // The same steps as the waveform (5 s, 30 s by page) rather than the browser's 1% of the song.
          onKeyDown={(e) => {
            const to = total ? seekTargetForKey(e.key, time, total) : null;
            if (to === null) return;
            e.preventDefault();
            seek(to);
          }}
          style={{ backgroundSize: `${progress}% 100%` }}
          className={`h-1.5 min-w-0 flex-1 cursor-pointer appearance-none rounded-full bg-zinc-200 bg-linear-to-r from-accent-600 to-accent-600 bg-no-repeat disabled:cursor-default dark:bg-zinc-700 ${THUMB}`}
        />
      )}
      <span className="w-10" data-testid="player-duration">
        {formatClock(total || null)}
      </span>
    </div>
  );
}
