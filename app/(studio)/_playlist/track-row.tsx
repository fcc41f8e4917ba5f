"use client";

import { useTranslations } from "use-intl";
import { PauseIcon, PlayIcon } from "@/app/_components/player/icons";
import { usePlayer, usePlayerState } from "@/app/_components/player/player-provider";
import { formatClock } from "@/app/_components/player/time";
import type { ClipCardData } from "../_clip/card-data";

interface Props {
  clip: ClipCardData;
  title: string;
  index: number;
  count: number;
  isOwner: boolean;
  dragging: boolean;
  onPlay: () => void;
  onMove: (to: number) => void;
  onRemove: () => void;
  onDragStart: () => void;
  onDragEnd: () => void;
  onDrop: () => void;
}

/** One song of a playlist: its number, play, title and creator, length; for the owner a drag handle, Move up/down and Remove. */
export function TrackRow({ clip, title, index, count, isOwner, dragging, onPlay, onMove, onRemove, onDragStart, onDragEnd, onDrop }: Props) {
  const t = useTranslations("playlists");
  const store = usePlayer();
  const current = usePlayerState((s) => s.queue[s.index]?.id === clip.id);
  const playing = usePlayerState((s) => s.playing) && current;
  const small = "rounded-md p-1.5 text-zinc-500 hover:bg-zinc-100 disabled:opacity-30 dark:hover:bg-zinc-800";
  return (
    <li
      className={`flex items-center gap-3 px-3 py-2 ${current ? "bg-accent-50/70 dark:bg-accent-600/10" : ""} ${dragging ? "opacity-50" : ""}`}
      data-testid="playlist-track"
      data-clip-id={clip.id}
      draggable={isOwner}
      onDragStart={(e) => {
        e.dataTransfer.effectAllowed = "move";
        e.dataTransfer.setData("text/plain", clip.id);
        onDragStart();
      }}
      onDragEnd={onDragEnd}
      onDragOver={(e) => isOwner && e.preventDefault()}
      onDrop={(e) => {
        e.preventDefault();
        onDrop();
      }}
    >
      {isOwner ? (
        <span className="cursor-grab select-none text-zinc-400" title={t("dragHandle", { title })} aria-hidden>
          ⋮⋮
        </span>
      ) : null}
      <span className="w-6 text-right text-sm tabular-nums muted">{index + 1}</span>
      <button
        type="button"
        onClick={() => (current ? store.toggle() : onPlay())}
        disabled={!clip.audioUrl}
        aria-label={playing ? t("pause", { title }) : t("play", { title })}
        className="flex h-9 w-9 shrink-0 items-center justify-center rounded-full bg-accent-600 text-white hover:bg-accent-700 disabled:opacity-40"
        data-testid="playlist-track-play"
      >
        {playing ? <PauseIcon className="h-4 w-4" /> : <PlayIcon className="h-4 w-4" />}
      </button>
      <div className="min-w-0 flex-1">
        <a href={`/clips/${clip.id}`} className="block truncate font-medium hover:text-accent-600 hover:underline" data-testid="playlist-track-title">
          {title}
        </a>
        <span className="block truncate text-xs muted">{clip.owner.name}</span>
      </div>
      <span className="w-12 text-right text-sm tabular-nums muted">{formatClock(clip.duration)}</span>
      {isOwner ? (
        <span className="flex items-center">
          <button type="button" className={small} onClick={() => onMove(index - 1)} disabled={index === 0} aria-label={t("moveUp", { title })} data-testid="move-up">
            ↑
          </button>
          <button type="button" className={small} onClick={() => onMove(index + 1)} disabled={index === count - 1} aria-label={t("moveDown", { title })} data-testid="move-down">
            ↓
          </button>
          <button type="button" className={small} onClick={onRemove} aria-label={t("remove", { title })} data-testid="remove-track">
            ✕
          </button>
        </span>
      ) : null}
    </li>
  );
}
