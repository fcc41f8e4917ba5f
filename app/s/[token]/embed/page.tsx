import type { Metadata } from "next";
import { ClientMessages } from "@/app/_components/client-messages";
import { getT } from "@/lib/i18n/server";
import { loadShare } from "../load";
import { SharePlayer } from "../share-player";

// The embeddable player of a share: framed by any site (next.config.mjs gives this path
// `frame-ancestors *`; every other page keeps 'none').

type Props = { params: Promise<{ token: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { token } = await params;
  const { share } = await loadShare(token, false);
  return { title: share.title, robots: { index: false, follow: false }, referrer: "no-referrer" };
}

export default async function ShareEmbed({ params }: Props) {
  const { token } = await params;
  const { share, origin } = await loadShare(token, false);
  const t = await getT("clip");
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
