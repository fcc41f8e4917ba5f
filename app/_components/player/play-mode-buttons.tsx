"use client";

import { useTranslations } from "use-intl";
import { RepeatIcon, ShuffleIcon } from "./mode-icons";
import { usePlayer, usePlayerState } from "./player-provider";

const BUTTON = "relative rounded-full p-2 hover:bg-zinc-100 dark:hover:bg-zinc-800";
const ON = "text-accent-600 dark:text-accent-100";
const OFF = "muted";

/** Shuffle (on/off) and repeat (off → all → one); both show their state in colour and to screen readers. */
export function PlayModeButtons({ className = "" }: { className?: string }) {
  const t = useTranslations("player");
  const store = usePlayer();
  const shuffle = usePlayerState((s) => s.shuffle);
  const repeat = usePlayerState((s) => s.repeat);
  return (
    <div className={`items-center gap-0.5 ${className}`}>
      <button
        type="button"
        onClick={store.toggleShuffle}
        aria-pressed={shuffle}
        aria-label={t("shuffle")}
        title={shuffle ? t("shuffleOn") : t("shuffleOff")}
        data-testid="player-shuffle"
        className={`${BUTTON} ${shuffle ? ON : OFF}`}
      >
        <ShuffleIcon />
      </button>
      <button
        type="button"
        onClick={store.cycleRepeat}
        // One button, three states: the label names the state it is in, pressed means "repeating".
        aria-label={t(`repeat.${repeat}`)}
        aria-pressed={repeat !== "off"}
        title={t(`repeat.${repeat}`)}
        data-testid="player-repeat"
        data-mode={repeat}
        className={`${BUTTON} ${repeat === "off" ? OFF : ON}`}
      >
        <RepeatIcon />
        {repeat === "one" ? (
          <span aria-hidden className="absolute right-0.5 bottom-0.5 rounded-full bg-accent-600 px-1 text-[9px] leading-tight font-bold text-white">
            1
          </span>
        ) : null}
      </button>
    </div>
  );
}
