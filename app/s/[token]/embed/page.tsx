import type { Metadata } from "next";
import { ClientMessages } from "@/app/_components/client-messages";
import { getT } from "@/lib/i18n/server";
import { loadShare } from "../load";
import { PlaylistPlayer } from "../playlist-player";
import { SharePlayer } from "../share-player";

// The embeddable player of a share: framed by any site (next.config.mjs gives this path
// `frame-ancestors *`; every other page keeps 'none').

type Props = { params: Promise<{ token: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { token } = await params;
  const { view } = await loadShare(token, false);
  return { title: view.kind === "playlist" ? view.playlist.name : view.clip.title, robots: { index: false, follow: false }, referrer: "no-referrer" };
}

export default async function ShareEmbed({ params }: Props) {
  const { token } = await params;
  const { view, origin } = await loadShare(token, false);
  const t = await getT("clip");
  if (view.kind === "playlist") {
    // A compact list player: the tracks in order, with next and previous.
    const { playlist } = view;
    return (
      <main className="space-y-2 p-3" data-testid="share-embed">
        <p className="truncate font-semibold">
          <a href={`${origin}/s/${token}`} target="_blank" rel="noopener" className="hover:underline">
            {playlist.name}
          </a>
        </p>
        <p className="truncate text-xs muted">
          {t("share.playlistBy", { name: playlist.creatorName })} · {t("share.madeWith")}
        </p>
        <ClientMessages paths={["clip.share"]}>
          <PlaylistPlayer token={token} tracks={playlist.tracks} compact />
        </ClientMessages>
      </main>
    );
  }
  const share = view.clip;
  return (
    <main className="flex items-center gap-3 p-3" data-testid="share-embed">
      {share.hasCover ? <img src={`/s/${token}/cover`} alt="" width={80} height={80} className="h-20 w-20 shrink-0 rounded-md object-cover" /> : null}
      <div className="min-w-0 flex-1 space-y-1">
        <p className="truncate font-semibold">
          <a href={`${origin}/s/${token}`} target="_blank" rel="noopener" className="hover:underline">
            {share.title}
          </a>
        </p>
        <p className="truncate text-xs muted">
          {t("share.by", { name: share.creatorName })} · {t("share.madeWith")}
        </p>
        <ClientMessages paths={["clip.share"]}>
          {share.hasAudio ? <SharePlayer audioSrc={`/s/${token}/audio`} duration={share.duration} lines={null} compact /> : null}
        </ClientMessages>
      </div>
    </main>
  );
}
