"use client";

import { useEffect, useRef, useState, useTransition } from "react";
import { useTranslations } from "use-intl";
import { PlayIcon } from "@/app/_components/player/icons";
import { usePlayer } from "@/app/_components/player/player-provider";
import { toTracks, type ClipCardData } from "../_clip/card-data";
import { removeFromPlaylistAction, reorderPlaylistAction } from "./actions";
import { moveItem } from "./reorder";
import { TrackRow } from "./track-row";

interface Props {
  playlistId: string;
  initialItems: ClipCardData[];
  isOwner: boolean;
}

/**
 * A playlist's songs in order, played through the studio's mini-player. The owner
 * reorders them by dragging a row (HTML5 drag and drop) or with each row's Move up /
 * Move down buttons; every move is announced and saved at once, and undone if the
 * server refuses it.
 */
export function PlaylistTracks({ playlistId, initialItems, isOwner }: Props) {
  const t = useTranslations("playlists");
  const store = usePlayer();
  const [items, setItems] = useState(initialItems);
  // A refresh after a change brings fresh rows from the server; they replace ours.
  const [fromServer, setFromServer] = useState(initialItems);
  if (fromServer !== initialItems) {
    setFromServer(initialItems);
    setItems(initialItems);
  }
  const [announcement, setAnnouncement] = useState("");
  const [dragging, setDragging] = useState<number | null>(null);
  // A keyboard move re-inserts the row, which drops focus; it goes back to the row's same button.
  const refocus = useRef<{ clipId: string; button: "move-up" | "move-down" } | null>(null);
  const list = useRef<HTMLOListElement>(null);
  useEffect(() => {
    const wanted = refocus.current;
    if (!wanted) return;
    refocus.current = null;
    const row = list.current?.querySelector(`[data-clip-id="${wanted.clipId}"]`);
    const same = row?.querySelector<HTMLButtonElement>(`[data-testid="${wanted.button}"]`);
    (same && !same.disabled ? same : row?.querySelector<HTMLButtonElement>('[data-testid^="move-"]:not(:disabled)'))?.focus();
  }, [items]);
  const [, start] = useTransition();
  const untitled = t("untitled");
  const titleOf = (c: ClipCardData) => c.title.trim() || untitled;

  const play = (clipId?: string) => {
    const tracks = toTracks(items, untitled);
    const index = clipId ? tracks.findIndex((tr) => tr.id === clipId) : 0;
    if (tracks.length > 0 && index >= 0) store.playList(tracks, index);
  };

  const move = (from: number, to: number) => {
    const next = moveItem(items, from, to);
    if (next.every((c, i) => c.id === items[i].id)) return;
    const before = items;
    setItems(next);
    setAnnouncement(t("moved", { title: titleOf(items[from]), position: to + 1, count: items.length }));
    start(async () => {
      const result = await reorderPlaylistAction(
        playlistId,
        next.map((c) => c.id),
      );
      if (!result.ok) {
        setItems(before);
        setAnnouncement(t("orderFailed"));
      }
    });
  };

  const remove = (clip: ClipCardData) => {
    const before = items;
    setItems(items.filter((c) => c.id !== clip.id));
    setAnnouncement(t("removed", { title: titleOf(clip) }));
    start(async () => {
      const result = await removeFromPlaylistAction(playlistId, clip.id);
      if (!result.ok) setItems(before);
    });
  };

  return (
    <section className="space-y-3" aria-labelledby="playlist-tracks-title">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h2 id="playlist-tracks-title" className="text-lg font-semibold">
          {t("tracks")}
        </h2>
        <button type="button" className="btn-primary" onClick={() => play()} disabled={toTracks(items, untitled).length === 0} data-testid="play-all">
          <PlayIcon className="h-4 w-4" />
          {t("playAll")}
        </button>
      </div>
      {isOwner && items.length > 1 ? <p className="text-xs muted">{t("reorderHint")}</p> : null}
      {items.length === 0 ? (
        <p className="card p-4 text-sm muted">{t("empty")}</p>
      ) : (
        <ol ref={list} className="card divide-y divide-zinc-200 dark:divide-zinc-800" data-testid="playlist-tracks">
          {items.map((clip, index) => (
            <TrackRow
              key={clip.id}
              clip={clip}
              title={titleOf(clip)}
              index={index}
              count={items.length}
              isOwner={isOwner}
              dragging={dragging === index}
              onPlay={() => play(clip.id)}
              onMove={(to) => {
                move(index, to);
                refocus.current = { clipId: clip.id, button: to < index ? "move-up" : "move-down" };
              }}
              onRemove={() => remove(clip)}
              onDragStart={() => setDragging(index)}
              onDragEnd={() => setDragging(null)}
              onDrop={() => dragging !== null && move(dragging, index)}
            />
          ))}
        </ol>
      )}
      <p aria-live="assertive" role="status" className="sr-only" data-testid="playlist-announcement">
        {announcement}
      </p>
    </section>
  );
}
