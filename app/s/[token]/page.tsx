import type { Metadata } from "next";
import { ClientMessages } from "@/app/_components/client-messages";
import { Logo } from "@/app/_components/logo";
import { getT } from "@/lib/i18n/server";
import { loadShare } from "./load";
import { playlistMetadata, PlaylistSharePage } from "./playlist-share";
import { SharePlayer } from "./share-player";

// The public page of a shared song (SEC-17): no sign-in, nothing of the team but this
// song and its creator's display name; unfurls as a playable card in chat apps. A
// shared playlist has a page of its own (playlist-share.tsx).

type Props = { params: Promise<{ token: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { token } = await params;
  const { view, origin } = await loadShare(token, false);
  if (view.kind === "playlist") return playlistMetadata(view.playlist, origin, token);
  const share = view.clip;
  const page = `${origin}/s/${token}`;
  const t = await getT("clip");
  const description = [t("share.by", { name: share.creatorName }), share.style].filter(Boolean).join(" · ");
  const images = share.hasCover ? [{ url: `${page}/cover`, alt: share.title }] : undefined;
  return {
    title: share.title,
    description,
    robots: { index: false, follow: false },
    referrer: "no-referrer",
    alternates: { types: { "application/json+oembed": `${origin}/api/oembed?url=${encodeURIComponent(page)}` } },
    openGraph: {
      type: "music.song",
      title: share.title,
      description,
      url: page,
      siteName: "Songloft",
      images,
      audio: share.hasAudio ? [{ url: `${page}/audio`, type: "audio/mpeg" }] : undefined,
    },
    twitter: {
      card: "player",
      title: share.title,
      description,
      images: images?.map((i) => i.url),
      players: { playerUrl: `${page}/embed`, streamUrl: `${page}/audio`, width: 480, height: 120 },
    },
  };
}

export default async function SharePage({ params }: Props) {
  const { token } = await params;
  const { view } = await loadShare(token, true);
  if (view.kind === "playlist") return <PlaylistSharePage playlist={view.playlist} token={token} />;
  const share = view.clip;
  const t = await getT("clip");
  return (
    <main className="mx-auto flex min-h-screen max-w-2xl flex-col px-4 py-8">
      <ClientMessages paths={["clip.share"]}>
        <article className="card space-y-5 p-6" data-testid="share-page">
          <div className="flex items-start gap-4">
            {share.hasCover ? <img src={`/s/${token}/cover`} alt="" width={112} height={112} className="h-28 w-28 shrink-0 rounded-lg object-cover" /> : null}
            <div className="min-w-0">
              <h1 className="text-2xl font-semibold break-words">{share.title}</h1>
              <p className="muted text-sm" data-testid="share-creator">
                {t("share.by", { name: share.creatorName })}
              </p>
              {share.style ? <p className="mt-1 text-sm">{share.style}</p> : null}
            </div>
          </div>
          {share.hasAudio ? <SharePlayer audioSrc={`/s/${token}/audio`} duration={share.duration} lines={share.timedLyrics} /> : null}
          {share.lyrics && !(share.timedLyrics && share.timedLyrics.length > 0) ? (
            <section>
              <h2 className="mb-2 text-sm font-semibold">{t("share.lyrics")}</h2>
              <p className="text-sm whitespace-pre-line" data-testid="share-lyrics">
                {share.lyrics}
              </p>
            </section>
          ) : null}
        </article>
      </ClientMessages>
      <footer className="mt-6 flex items-center justify-center gap-2 text-xs muted">
        <Logo />
        <span>{t("share.madeWith")}</span>
      </footer>
    </main>
  );
}
