"use client";

import { useEffect, useRef, useState, useTransition, type FormEvent } from "react";
import { useTranslations } from "use-intl";
import { useMessageText } from "@/app/_components/form";
import type { Message } from "@/lib/action-state";
import { addToPlaylistAction, createPlaylistWithClipAction, playlistChoicesAction, type PlaylistChoice } from "./actions";

type Props = { clipId: string; label: string; placement: "down" | "up"; onClose: () => void };

/** The open "Add to playlist" menu: my playlists (a tick where the song already is), and "New playlist…". */
export function PlaylistMenu({ clipId, label, placement, onClose }: Props) {
  const t = useTranslations("playlists.add");
  const text = useMessageText();
  const panel = useRef<HTMLDivElement>(null);
  const [items, setItems] = useState<PlaylistChoice[] | null>(null);
  const [status, setStatus] = useState<string>("");
  const [error, setError] = useState<Message | null>(null);
  const [naming, setNaming] = useState(false);
  const [pending, start] = useTransition();

  useEffect(() => {
    let live = true;
    playlistChoicesAction(clipId).then(
      (r) => live && (r.ok && r.items ? setItems(r.items) : setError(r.formError ?? { key: "playlists.add.failed" })),
      () => live && setError({ key: "playlists.add.failed" }),
    );
    return () => {
      live = false;
    };
  }, [clipId]);

  // Escape or a click elsewhere closes the menu.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => e.key === "Escape" && onClose();
    const onDown = (e: PointerEvent) => panel.current && !panel.current.parentElement?.contains(e.target as Node) && onClose();
    document.addEventListener("keydown", onKey);
    document.addEventListener("pointerdown", onDown);
    return () => {
      document.removeEventListener("keydown", onKey);
      document.removeEventListener("pointerdown", onDown);
    };
  }, [onClose]);

  const add = (choice: PlaylistChoice) =>
    start(async () => {
      const result = await addToPlaylistAction(choice.id, clipId);
      if (!result.ok) return setError(result.formError ?? null);
      setError(null);
      setItems((prev) => prev?.map((p) => (p.id === choice.id ? { ...p, hasClip: true, itemCount: p.itemCount + 1 } : p)) ?? null);
      setStatus(t("added", { name: choice.name }));
    });

  const create = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const name = String(new FormData(e.currentTarget).get("name") ?? "");
    start(async () => {
      const result = await createPlaylistWithClipAction(name, clipId);
      if (!result.ok || !result.playlist) return setError(result.fieldErrors?.name?.[0] ?? result.formError ?? null);
      setError(null);
      setNaming(false);
      setItems((prev) => [result.playlist!, ...(prev ?? [])]);
      setStatus(t("added", { name: result.playlist.name }));
    });
  };

  return (
    <div
      ref={panel}
      role="dialog"
      aria-label={label}
      data-testid="playlist-menu"
      className={`card absolute right-0 z-40 w-64 space-y-1 p-2 text-left text-sm shadow-lg ${placement === "up" ? "bottom-full mb-2" : "top-full mt-1"}`}
    >
      {items === null && !error ? <p className="px-2 py-1 muted">{t("loading")}</p> : null}
      {items?.length === 0 ? <p className="px-2 py-1 muted">{t("none")}</p> : null}
      {items && items.length > 0 ? (
        <ul className="max-h-60 overflow-y-auto">
          {items.map((p) => (
            <li key={p.id}>
              <button
                type="button"
                disabled={p.hasClip || pending}
                onClick={() => add(p)}
                className="flex w-full items-center justify-between gap-2 rounded-md px-2 py-1.5 hover:bg-zinc-100 disabled:cursor-default disabled:hover:bg-transparent dark:hover:bg-zinc-800"
                data-testid="playlist-choice"
              >
                <span className="truncate">{p.name}</span>
                {p.hasClip ? (
                  <span className="shrink-0 text-xs text-accent-600" aria-label={t("already")}>
                    ✓
                  </span>
                ) : null}
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      {naming ? (
        <form onSubmit={create} className="space-y-2 border-t border-zinc-200 pt-2 dark:border-zinc-800">
          <input name="name" required maxLength={100} autoFocus aria-label={t("newName")} placeholder={t("newName")} className="input" data-testid="new-playlist-name" />
          <button type="submit" disabled={pending} className="btn-primary w-full">
            {t("createAndAdd")}
          </button>
        </form>
      ) : (
        <button
          type="button"
          onClick={() => setNaming(true)}
          className="w-full rounded-md px-2 py-1.5 text-left text-accent-600 hover:bg-zinc-100 dark:hover:bg-zinc-800"
          data-testid="new-playlist"
        >
          {t("new")}
        </button>
      )}
      <p role="status" aria-live="polite" className="px-2 text-xs">
        {error ? <span className="text-red-600 dark:text-red-400">{text(error)}</span> : status}
      </p>
    </div>
  );
}
