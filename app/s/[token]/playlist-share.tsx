import type { Metadata } from "next";
import { ClientMessages } from "@/app/_components/client-messages";
import { Logo } from "@/app/_components/logo";
import { getT } from "@/lib/i18n/server";
import type { PublicPlaylist } from "@/lib/server/services/playlist-shares";
import { PlaylistPlayer } from "./playlist-player";

// The public page of a shared playlist (SEC-17): its name, description, the owner's
// display name and the tracks the owner may publish, played in order. Nothing else of
// the team; tracks are numbered, never named by clip id.

export async function playlistMetadata(playlist: PublicPlaylist, origin: string, token: string): Promise<Metadata> {
  const page = `${origin}/s/${token}`;
  const t = await getT("clip");
  const description = [t("share.playlistBy", { name: playlist.creatorName }), t("share.trackCount", { count: playlist.tracks.length }), playlist.description]
    .filter(Boolean)
    .join(" · ");
  const cover = playlist.tracks.find((tr) => tr.hasCover);
  const first = playlist.tracks.find((tr) => tr.hasAudio);
  const images = cover ? [{ url: `${page}/tracks/${cover.n}/cover`, alt: playlist.name }] : undefined;
  return {
    title: playlist.name,
    description,
    robots: { index: false, follow: false },
    referrer: "no-referrer",
    alternates: { types: { "application/json+oembed": `${origin}/api/oembed?url=${encodeURIComponent(page)}` } },
    openGraph: { type: "music.playlist", title: playlist.name, description, url: page, siteName: "Songloft", images },
    twitter: {
      card: "player",
      title: playlist.name,
      description,
      images: images?.map((i) => i.url),
      // The stream is the first track's audio; the player plays the rest in order.
      players: { playerUrl: `${page}/embed`, streamUrl: first ? `${page}/tracks/${first.n}/audio` : `${page}/embed`, width: 480, height: 360 },
    },
  };
}

export async function PlaylistSharePage({ playlist, token }: { playlist: PublicPlaylist; token: string }) {
  const t = await getT("clip");
  return (
    <main className="mx-auto flex min-h-screen max-w-2xl flex-col px-4 py-8">
      <ClientMessages paths={["clip.share"]}>
        <article className="card space-y-5 p-6" data-testid="share-page">
          <div>
            <h1 className="text-2xl font-semibold break-words">{playlist.name}</h1>
            <p className="muted text-sm" data-testid="share-creator">
              {t("share.playlistBy", { name: playlist.creatorName })} · {t("share.trackCount", { count: playlist.tracks.length })}
            </p>
            {playlist.description ? <p className="mt-2 text-sm whitespace-pre-line">{playlist.description}</p> : null}
          </div>
          <PlaylistPlayer token={token} tracks={playlist.tracks} />
        </article>
      </ClientMessages>
      <footer className="mt-6 flex items-center justify-center gap-2 text-xs muted">
        <Logo />
        <span>{t("share.madeWith")}</span>
      </footer>
    </main>
  );
}
