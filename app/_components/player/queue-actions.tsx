"use client";

import { useState } from "react";
import { useTranslations } from "use-intl";
import { PlayNextIcon, QueueIcon } from "./mode-icons";
import { usePlayer } from "./player-provider";
import type { Track } from "./player-types";

/**
 * "Play next" and "Add to queue" for one song, beside its page's player. List rows do
 * without them to stay light (PERF-3/5); the song's page is one click away.
 */
export function QueueActions({ track }: { track: Track }) {
  const t = useTranslations("player");
  const store = usePlayer();
  const [told, setTold] = useState("");
  const title = track.title || t("untitled");
  const button = "btn-secondary py-1.5 text-sm";
  return (
    <div className="mt-3 flex flex-wrap items-center gap-2">
      <button
        type="button"
        className={button}
        data-testid="clip-play-next"
        onClick={() => {
          store.playNext(track);
          setTold(t("addedNext", { title }));
        }}
      >
        <PlayNextIcon />
        {t("playNext")}
      </button>
      <button
        type="button"
        className={button}
        data-testid="clip-add-to-queue"
        onClick={() => {
          store.enqueue(track);
          setTold(t("addedToQueue", { title }));
        }}
      >
        <QueueIcon />
        {t("addToQueue")}
      </button>
      <p role="status" className="text-xs muted" data-testid="clip-queue-status">
        {told}
      </p>
    </div>
  );
}
