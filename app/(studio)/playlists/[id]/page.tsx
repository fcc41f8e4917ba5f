import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { cache } from "react";
import { ClientMessages } from "@/app/_components/client-messages";
import { formatClock } from "@/app/_components/player/time";
import { isAppError } from "@/lib/errors";
import { getT } from "@/lib/i18n/server";
import { currentUser, requirePageUser } from "@/lib/server/auth/session";
import { listPlaylistShares } from "@/lib/server/services/playlist-shares";
import { getPlaylistDetail } from "@/lib/server/services/playlists";
import { toCardData } from "../../_clip/card-data";
import { deletePlaylistAction } from "../../_playlist/actions";
import { PlaylistForm } from "../../_playlist/playlist-form";
import { PlaylistTracks } from "../../_playlist/playlist-tracks";
import { SharePanel } from "../../clips/[id]/share-panel";
import { ExportControl } from "@/app/_components/export/export-control";

type Props = { params: Promise<{ id: string }> };

// Anything the viewer may not see (a teammate's private playlist, an unknown id) is a plain 404.
const loadPlaylist = cache((viewerId: string, playlistId: string) => {
  try {
    return getPlaylistDetail({ id: viewerId }, playlistId);
  } catch (err) {
    if (isAppError(err) && err.code === "not_found") notFound();
    throw err;
  }
});

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const viewer = await currentUser();
  if (!viewer) return {};
  return { title: loadPlaylist(viewer.id, (await params).id).name };
}

export default async function PlaylistPage({ params }: Props) {
  const { id } = await params;
  const viewer = await requirePageUser(`/playlists/${encodeURIComponent(id)}`);
  const playlist = loadPlaylist(viewer.id, id);
  const t = await getT("playlists");
  const items = playlist.items.map((c) => toCardData(c, new Map()));
  const total = items.reduce((sum, c) => sum + (c.duration ?? 0), 0);
  return (
    <ClientMessages paths={["playlists", "clip.share", "library.export"]}>
      <div className="space-y-6" data-testid="playlist-page">
        <Link href="/playlists" className="text-sm muted hover:underline">
          ← {t("back")}
        </Link>
        <header className="space-y-2">
          <div className="flex flex-wrap items-center gap-2">
            <h1 className="text-2xl font-semibold tracking-tight break-words" data-testid="playlist-name">
              {playlist.name}
            </h1>
            <span className="badge">{playlist.visibility === "private" ? t("privateBadge") : t("teamBadge")}</span>
          </div>
          {playlist.description ? <p className="whitespace-pre-line text-zinc-600 dark:text-zinc-300">{playlist.description}</p> : null}
          <div className="flex flex-wrap items-center justify-between gap-3">
            <p className="text-sm muted" data-testid="playlist-facts">
              {t("by", { name: playlist.owner.name })} · {t("songs", { count: items.length })} · {t("totalDuration", { duration: formatClock(total) })}
            </p>
            {items.length > 0 ? <ExportControl layout="playlist" playlistId={playlist.id} /> : null}
          </div>
          {playlist.isOwner ? null : <p className="text-xs muted">{t("ownerOnlyNote", { name: playlist.owner.name })}</p>}
        </header>

        <PlaylistTracks playlistId={playlist.id} initialItems={items} isOwner={playlist.isOwner} />

        {playlist.isOwner ? (
          <div className="grid gap-6 lg:grid-cols-2">
            <section className="card space-y-4 p-4">
              <h2 className="font-semibold">{t("edit")}</h2>
              <PlaylistForm playlist={{ id: playlist.id, name: playlist.name, description: playlist.description, visibility: playlist.visibility }} />
              <details className="border-t border-zinc-200 pt-3 dark:border-zinc-800">
                <summary className="cursor-pointer text-sm text-red-700 dark:text-red-400">{t("delete")}</summary>
                <form action={deletePlaylistAction} className="mt-2 space-y-2">
                  <input type="hidden" name="playlistId" value={playlist.id} />
                  <p className="text-sm">{t("deleteConfirm", { name: playlist.name })}</p>
                  <button type="submit" className="btn-danger" data-testid="delete-playlist">
                    {t("delete")}
                  </button>
                </form>
              </details>
            </section>
            <SharePanel target={{ kind: "playlist", id: playlist.id }} shares={listPlaylistShares(viewer, playlist.id)} />
          </div>
        ) : null}
      </div>
    </ClientMessages>
  );
}
