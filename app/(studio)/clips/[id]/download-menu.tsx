"use client";

import { useEffect, useRef } from "react";
import { useTranslations } from "use-intl";

export interface DownloadFiles {
  /** The audio's type as a file extension (mp3, wav, …); null when unknown. */
  audio: { ext: string | null } | null;
  wav: boolean;
  video: boolean;
  cover: boolean;
}

/**
 * Every file of the song, each a plain link the server answers as an attachment under
 * the take's own name. A <details> disclosure: keyboard and screen readers get it for
 * free; Escape and a click elsewhere close it, like a menu.
 */
export function DownloadMenu({ clipId, stem, files }: { clipId: string; stem: string; files: DownloadFiles }) {
  const t = useTranslations("clip.download");
  const root = useRef<HTMLDetailsElement>(null);

  useEffect(() => {
    const close = (event: Event) => {
      const details = root.current;
      if (!details?.open) return;
      if (event instanceof KeyboardEvent) {
        if (event.key !== "Escape") return;
        details.open = false;
        details.querySelector("summary")?.focus();
      } else if (!details.contains(event.target as Node)) details.open = false;
    };
    document.addEventListener("keydown", close);
    document.addEventListener("pointerdown", close);
    return () => {
      document.removeEventListener("keydown", close);
      document.removeEventListener("pointerdown", close);
    };
  }, []);

  const href = (kind: string) => `/media/${clipId}/${kind}?download=1`;
  const entries = [
    files.audio
      ? {
          kind: "audio",
          label: files.audio.ext ? t("audio", { type: files.audio.ext.toUpperCase() }) : t("audioUnknown"),
          file: files.audio.ext ? `${stem}.${files.audio.ext}` : null,
        }
      : null,
    files.wav ? { kind: "wav", label: t("wav"), file: `${stem}.wav` } : null,
    files.video ? { kind: "video", label: t("video"), file: `${stem}.mp4` } : null,
    files.cover ? { kind: "cover", label: t("cover"), file: null } : null,
  ].filter((e) => e !== null);
  if (entries.length === 0) return null;

  return (
    <details ref={root} className="relative" data-testid="download-menu">
      <summary className="btn-secondary cursor-pointer list-none [&::-webkit-details-marker]:hidden" data-testid="download-toggle">
        {t("label")}
        <svg aria-hidden="true" viewBox="0 0 20 20" className="h-4 w-4" fill="currentColor">
          <path d="M5.5 7.5 10 12l4.5-4.5" stroke="currentColor" strokeWidth="1.5" fill="none" strokeLinecap="round" strokeLinejoin="round" />
        </svg>
      </summary>
      <ul className="absolute left-0 z-20 mt-1 w-64 overflow-hidden rounded-xl border border-zinc-200 bg-white py-1 shadow-lg dark:border-zinc-700 dark:bg-zinc-900">
        {entries.map((entry) => (
          <li key={entry.kind}>
            <a
              href={href(entry.kind)}
              download
              className="block px-3 py-2 text-sm hover:bg-zinc-100 focus-visible:bg-zinc-100 dark:hover:bg-zinc-800 dark:focus-visible:bg-zinc-800"
              data-testid={`download-${entry.kind}`}
            >
              <span className="block font-medium">{entry.label}</span>
              {entry.file ? (
                <span className="block truncate text-xs muted" data-testid="download-file-name">
                  {entry.file}
                </span>
              ) : null}
            </a>
          </li>
        ))}
      </ul>
    </details>
  );
}
