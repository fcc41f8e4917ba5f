"use client";

import { useRef, useState, type RefObject } from "react";
import { useTranslations } from "use-intl";
import { useMessageText } from "@/app/_components/form";
import type { Message } from "@/lib/action-state";
import { formatSeconds, parseSeconds } from "@/app/_components/task/format";

interface Props {
  duration: number | null;
  initial: string;
  errors?: Message[];
  /** The source clip's player, so "use the player's position" can read its time. */
  player: RefObject<HTMLAudioElement | null>;
}

/** Where the continuation starts: mm:ss text and a slider that follow each other, bounded 0..duration. */
export function ContinueAtField({ duration, initial, errors, player }: Props) {
  const t = useTranslations("create.extend");
  const message = useMessageText();
  const [text, setText] = useState(initial);
  const [position, setPosition] = useState(() => parseSeconds(initial) ?? 0);
  const sliderRef = useRef<HTMLInputElement>(null);
  const parsed = parseSeconds(text);
  const outside = text.trim() !== "" && (parsed === null || parsed < 0 || (duration !== null && parsed > duration));
  const max = duration === null ? null : formatSeconds(duration);

  const typed = (value: string) => {
    setText(value);
    const seconds = parseSeconds(value);
    if (seconds !== null) setPosition(duration === null ? seconds : Math.min(seconds, duration));
  };
  const moved = (seconds: number) => {
    setPosition(seconds);
    setText(formatSeconds(seconds));
  };
  const fromPlayer = () => {
    const now = player.current?.currentTime;
    if (now === undefined || Number.isNaN(now)) return;
    moved(Math.floor(duration === null ? now : Math.min(now, duration)));
  };

  const invalid = outside || Boolean(errors?.length);
  return (
    <div>
      <label htmlFor="extend-continueAt" className="label">
        {t("continueAt")}
      </label>
      <div className="flex items-center gap-3">
        <input
          id="extend-continueAt"
          name="continueAt"
          className="input w-24 text-center tabular-nums"
          inputMode="numeric"
          value={text}
          onChange={(e) => typed(e.target.value)}
          aria-invalid={invalid}
          aria-describedby="extend-continueAt-hint"
          placeholder="0:00"
          data-testid="continue-at"
        />
        {duration !== null ? (
          <input
            ref={sliderRef}
            type="range"
            min={0}
            max={Math.floor(duration)}
            step={1}
            value={Math.floor(position)}
            onChange={(e) => moved(Number(e.target.value))}
            aria-label={t("continueAtSlider")}
            aria-valuetext={formatSeconds(position)}
            className="h-2 flex-1 cursor-pointer accent-accent-600"
          />
        ) : null}
      </div>
      <p id="extend-continueAt-hint" className={`mt-1 text-xs ${invalid ? "text-red-600 dark:text-red-400" : "muted"}`} role={errors?.length ? "alert" : undefined}>
        {errors?.length ? errors.map(message).join(" ") : max === null ? t("noDuration") : t("continueAtHint", { max })}
      </p>
      <button type="button" onClick={fromPlayer} className="mt-1 text-xs font-medium text-accent-600 hover:underline dark:text-accent-400">
        {t("usePlayerPosition")}
      </button>
    </div>
  );
}
