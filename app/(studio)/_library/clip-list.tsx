"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition, type MouseEvent, type ReactNode } from "react";
import { useTranslations } from "use-intl";
import { usePlayer } from "@/app/_components/player/player-provider";
import { SpinnerIcon } from "@/app/_components/player/icons";
import { loadMoreClipsAction } from "../_clip/actions";
import { appendPage, toTracks, withFreshFirstPage, type ClipCardData } from "../_clip/card-data";
import { ClipCard } from "./clip-card";
import { useRowLabels } from "./row-labels";

interface Props {
  initialItems: ClipCardData[];
  initialCursor: string | null;
  /** The page's filters as URL parameters; "Load more" asks for the next page of the same view. */
  query: Record<string, string>;
  now: number;
  showOwner: boolean;
  trash?: boolean;
  empty: ReactNode;
}

/**
 * The list shared by /library, /team and /members/<id>. Pages render the first
 * page on the server; "Load more" appends the next keyset page. Give it a `key`
 * made of the filters so a new search starts a fresh list.
 */
export function ClipList({ initialItems, initialCursor, query, now, showOwner, trash = false, empty }: Props) {
  const t = useTranslations("library");
  const labels = useRowLabels(now);
  const store = usePlayer();
  const router = useRouter();
  const [items, setItems] = useState(initialItems);
  const [cursor, setCursor] = useState(initialCursor);
  // A refresh of the page (when a song in flight finishes, say) brings a new first
  // page; the list takes it in, and keeps its own cursor once "Load more" was used.
  const [firstPage, setFirstPage] = useState(initialItems);
  const [loadedMore, setLoadedMore] = useState(false);
  if (firstPage !== initialItems) {
    setFirstPage(initialItems);
    setItems(withFreshFirstPage(items, initialItems, loadedMore));
    if (!loadedMore) setCursor(initialCursor);
  }
  const [failed, setFailed] = useState(false);
  const [pending, start] = useTransition();

  const loadMore = () =>
    start(async () => {
      if (!cursor) return;
      const page = await loadMoreClipsAction(query, cursor);
      const { items: more, nextCursor } = page;
      if (!page.ok || !more || nextCursor === undefined) {
        setFailed(true);
        return;
      }
      setFailed(false);
      setLoadedMore(true);
      setItems((prev) => appendPage(prev, more));
      setCursor(nextCursor);
    });

  const play = (clipId: string) => {
    const tracks = toTracks(items, labels.untitled);
    const index = tracks.findIndex((tr) => tr.id === clipId);
    if (index >= 0) store.playList(tracks, index);
  };

  // The rows' links are plain <a>s; a plain click on one navigates in place, like a
  // <Link>, so the player keeps playing. Modified clicks keep the browser's own meaning.
  const navigate = (e: MouseEvent<HTMLUListElement>) => {
    if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    const link = (e.target as Element).closest("a");
    if (!link || link.target || link.hasAttribute("download") || link.origin !== window.location.origin) return;
    e.preventDefault();
    router.push(link.pathname + link.search + link.hash);
  };

  if (items.length === 0 && !cursor) return <>{empty}</>;
  return (
    <div>
      {items.length === 0 ? (
        <p className="card py-8 text-center text-sm muted">{t("searchOlder")}</p>
      ) : (
        <ul
          className="divide-y divide-zinc-100 overflow-hidden rounded-xl border border-zinc-200 bg-white shadow-sm dark:divide-zinc-800 dark:border-zinc-800 dark:bg-zinc-900"
          data-testid="clip-list"
          onClick={navigate}
        >
          {items.map((clip) => (
            <ClipCard
              key={clip.id}
              clip={clip}
              labels={labels}
              showOwner={showOwner}
              trash={trash}
              onPlay={() => play(clip.id)}
              onRemoved={() => setItems((prev) => prev.filter((c) => c.id !== clip.id))}
            />
          ))}
        </ul>
      )}
      <div className="mt-4 flex flex-col items-center gap-2">
        {failed ? (
          <p role="alert" className="text-sm text-red-600 dark:text-red-400">
            {t("loadMoreFailed")}
          </p>
        ) : null}
        {cursor ? (
          <button type="button" className="btn-secondary" onClick={loadMore} disabled={pending} data-testid="load-more">
            {pending ? <SpinnerIcon className="h-4 w-4" /> : null}
            {t("loadMore")}
          </button>
        ) : items.length > 10 ? (
          <p className="text-sm muted">{t("endOfList")}</p>
        ) : null}
      </div>
    </div>
  );
}
