"use client";

import Link from "next/link";
import { useTranslations } from "use-intl";
import type { ClipDto } from "@/lib/dto";
import { formatSeconds } from "./format";

/** One take of a task: cover, title, and a player (preview while streaming, then the final audio). */
export function ClipTile({ clip }: { clip: ClipDto }) {
  const t = useTranslations("tasks.clip");
  const src = clip.audioUrl ?? clip.previewUrl;
  const isPreview = !clip.audioUrl && Boolean(clip.previewUrl);
  const title = clip.title.trim() || t("untitled");
  return (
    <li className="flex min-w-0 gap-3 rounded-lg border border-zinc-200 p-2.5 dark:border-zinc-800" data-testid="clip" data-clip-state={clip.state}>
      <Cover url={clip.imageUrl} />
      <div className="min-w-0 flex-1">
        <div className="flex items-baseline gap-2">
          <Link href={`/clips/${clip.id}`} className="truncate font-medium hover:text-accent-600 hover:underline" data-testid="clip-link">
            {title}
          </Link>
          {clip.duration ? <span className="shrink-0 text-xs tabular-nums muted">{formatSeconds(clip.duration)}</span> : null}
        </div>
        {clip.style ? <p className="truncate text-xs muted">{clip.style}</p> : null}
        {clip.state === "failed" ? (
          <p className="mt-1 text-xs text-red-600 dark:text-red-400">{clip.errorMessage || t("failed")}</p>
        ) : src ? (
          <div className="mt-1.5">
            {isPreview ? (
              <p className="mb-0.5 flex items-center gap-1.5 text-[11px] font-medium uppercase tracking-wide text-sky-700 dark:text-sky-300">
                <span aria-hidden="true" className="h-1.5 w-1.5 animate-pulse rounded-full bg-current" />
                {t("preview")}
              </p>
            ) : null}
            {/* A new element when the preview turns final, so the player loads the real file. */}
            <audio key={src} controls preload="none" src={src} className="h-9 w-full" data-testid={isPreview ? "clip-preview" : "clip-audio"}>
              <a href={src}>{t("download")}</a>
            </audio>
          </div>
        ) : (
          <p className="mt-1 text-xs muted">{t("generating")}</p>
        )}
      </div>
    </li>
  );
}

function Cover({ url }: { url: string | null }) {
  return (
    <div className="h-16 w-16 shrink-0 overflow-hidden rounded-md bg-gradient-to-br from-accent-500 to-sky-500 sm:h-[4.5rem] sm:w-[4.5rem]">
      {url ? <img src={url} alt="" loading="lazy" className="h-full w-full object-cover" /> : null}
    </div>
  );
}
