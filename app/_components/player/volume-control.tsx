"use client";

import { useTranslations } from "use-intl";
import { VolumeIcon } from "./mode-icons";
import { usePlayer, usePlayerState } from "./player-provider";

// The seek bar's thumb, kept here rather than imported: the seek bar is being replaced by a waveform.
const THUMB =
  "[&::-webkit-slider-thumb]:h-3 [&::-webkit-slider-thumb]:w-3 [&::-webkit-slider-thumb]:appearance-none [&::-webkit-slider-thumb]:rounded-full [&::-webkit-slider-thumb]:bg-accent-600 [&::-moz-range-thumb]:h-3 [&::-moz-range-thumb]:w-3 [&::-moz-range-thumb]:rounded-full [&::-moz-range-thumb]:border-0 [&::-moz-range-thumb]:bg-accent-600";

/**
 * Mute and a volume slider for the one <audio>. Hidden on phones by the caller's
 * class: there the hardware buttons set the volume, and the bar has no room.
 */
export function VolumeControl({ className = "" }: { className?: string }) {
  const t = useTranslations("player");
  const store = usePlayer();
  const volume = usePlayerState((s) => s.volume);
  const muted = usePlayerState((s) => s.muted);
  const shown = muted ? 0 : volume;
  const percent = Math.round(shown * 100);
  return (
    <div className={`items-center gap-1 ${className}`}>
      <button
        type="button"
        onClick={store.toggleMute}
        aria-label={muted ? t("unmute") : t("mute")}
        aria-pressed={muted}
        data-testid="player-mute"
        className="rounded-full p-2 muted hover:bg-zinc-100 dark:hover:bg-zinc-800"
      >
        <VolumeIcon muted={muted || volume === 0} />
      </button>
      <input
        type="range"
        min={0}
        max={1}
        step={0.05}
        value={shown}
        aria-label={t("volume")}
        aria-valuetext={`${percent}%`}
        onChange={(e) => store.setVolume(Number(e.currentTarget.value))}
        data-testid="player-volume"
        style={{ backgroundSize: `${percent}% 100%` }}
        className={`h-1.5 w-20 cursor-pointer appearance-none rounded-full bg-zinc-200 bg-linear-to-r from-accent-600 to-accent-600 bg-no-repeat dark:bg-zinc-700 ${THUMB}`}
      />
    </div>
  );
}
