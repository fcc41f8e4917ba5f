"use client";

import Link from "next/link";
import { useFormatter, useTranslations } from "use-intl";
import { MusicIcon, PauseIcon, PlayIcon } from "@/app/_components/player/icons";
import { usePlayer, usePlayerState } from "@/app/_components/player/player-provider";
import { formatClock } from "@/app/_components/player/time";
import type { ClipCardData } from "./card-data";
import { StarButton } from "./star-button";
import { TrashControls } from "./trash-controls";

interface Props {
  clip: ClipCardData;
  /** The server's clock at render time, so relative times hydrate without a mismatch. */
  now: number;
  showOwner: boolean;
  trash: boolean;
  onPlay: () => void;
  onRemoved: () => void;
}

/** One song in a list: cover with play, title and style, details, star. */
export function ClipCard({ clip, now, showOwner, trash, onPlay, onRemoved }: Props) {
  const t = useTranslations("library");
  const format = useFormatter();
  const store = usePlayer();
  const current = usePlayerState((s) => s.queue[s.index]?.id === clip.id);
  const playing = usePlayerState((s) => s.playing) && current;
  const title = clip.title.trim() || t("untitled");
  const playable = Boolean(clip.audioUrl) && !trash;
  const when = format.relativeTime(new Date(clip.createdAt), now);
  const details = [clip.model, clip.state === "succeeded" ? formatClock(clip.duration) : null];

  return (
    <li
      className={`group flex items-center gap-3 px-3 py-2.5 transition sm:px-4 ${current ? "bg-accent-50/70 dark:bg-accent-600/10" : "hover:bg-zinc-50 dark:hover:bg-zinc-800/40"}`}
      data-testid="clip-row"
      data-clip-id={clip.id}
    >
      <button
        type="button"
        disabled={!playable}
        onClick={() => (current ? store.toggle() : onPlay())}
        aria-label={playing ? t("pauseSong", { title }) : t("playSong", { title })}
        data-testid="clip-row-play"
        className="relative h-14 w-14 shrink-0 overflow-hidden rounded-lg bg-linear-to-br from-accent-500 to-sky-500 text-white disabled:cursor-default"
      >
        {clip.coverUrl ? (
          <img src={clip.coverUrl} alt="" loading="lazy" width={56} height={56} className="h-full w-full object-cover" />
        ) : (
          <MusicIcon className="mx-auto h-6 w-6 opacity-80" />
        )}
        {playable ? (
          <span
            className={`absolute inset-0 flex items-center justify-center bg-black/35 transition ${current ? "opacity-100" : "opacity-0 group-hover:opacity-100 group-focus-within:opacity-100"}`}
          >
            {playing ? <PauseIcon className="h-6 w-6" /> : <PlayIcon className="h-6 w-6" />}
          </span>
        ) : null}
      </button>

      <div className="min-w-0 flex-1">
        <div className="flex items-center gap-2">
          {trash ? (
            <span className="truncate font-medium">{title}</span>
          ) : (
            <Link href={`/clips/${clip.id}`} className="truncate font-medium hover:text-accent-600 hover:underline" data-testid="clip-row-link">
              {title}
            </Link>
          )}
          <StateBadge state={clip.state} />
          {clip.visibility === "private" && !showOwner ? <span className="badge shrink-0">{t("private")}</span> : null}
        </div>
        <p className="truncate text-sm muted">{clip.style || t("noStyle")}</p>
        <p className="mt-0.5 truncate text-xs muted md:hidden">{[showOwner ? clip.owner.name : null, ...details, when].filter(Boolean).join(" · ")}</p>
      </div>

      <div className="hidden shrink-0 items-center gap-4 text-sm muted md:flex">
        {showOwner ? (
          <Link href={`/members/${clip.owner.id}`} className="w-28 truncate text-right hover:text-accent-600 hover:underline">
            {clip.owner.name}
          </Link>
        ) : null}
        <span className="w-12 text-center">
          <span className="badge">{clip.model}</span>
        </span>
        <span className="w-28 truncate" title={clip.providerName}>
          {clip.providerName}
        </span>
        <span className="w-12 text-right tabular-nums">{clip.state === "succeeded" ? formatClock(clip.duration) : ""}</span>
        <time dateTime={clip.createdAt} className="w-28 truncate text-right" title={format.dateTime(new Date(clip.createdAt), { dateStyle: "medium", timeStyle: "short" })}>
          {when}
        </time>
      </div>

      {trash ? <TrashControls clipId={clip.id} title={title} onDone={onRemoved} /> : <StarButton clipId={clip.id} starred={clip.starred} />}
    </li>
  );
}

function StateBadge({ state }: { state: ClipCardData["state"] }) {
  const t = useTranslations("library.state");
  if (state === "succeeded") return null;
  const tone = state === "failed" ? "bg-red-100 text-red-800 dark:bg-red-500/15 dark:text-red-300" : "bg-sky-100 text-sky-800 dark:bg-sky-500/15 dark:text-sky-300";
  return <span className={`badge shrink-0 ${tone}`}>{t(state)}</span>;
}
