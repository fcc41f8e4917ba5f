import { NextResponse } from "next/server";
import { AppError } from "@/lib/errors";
import { clientAddress } from "@/lib/server/client-address";
import { handle, publicOrigin } from "@/lib/server/http";
import { openPublicShare } from "@/lib/server/services/playlist-shares";
import { tokenFromShareUrl } from "@/lib/server/services/shares";

// oEmbed (https://oembed.com) for share links: chat apps and CMSs that ask get the
// embeddable player as a `rich` iframe. Public, like the share itself; 404 for anything
// that is not a live share on this server.

const WIDTH = 480;
// A song's player is one row; a playlist's lists its tracks.
const HEIGHT = { clip: 120, playlist: 360 } as const;

export const GET = handle(async (req: Request) => {
  const params = new URL(req.url).searchParams;
  if ((params.get("format") ?? "json") !== "json") throw new AppError("bad_request", "Only format=json is offered.");
  const origin = publicOrigin(req.headers);
  const token = tokenFromShareUrl(params.get("url") ?? "", origin);
  const view = token ? openPublicShare(token, clientAddress(req.headers)) : null;
  if (!token || !view) throw new AppError("not_found", "Not a live share link on this server.");
  const width = Math.min(WIDTH, Number(params.get("maxwidth")) || WIDTH);
  const height = HEIGHT[view.kind];
  const src = `${origin}/s/${token}/embed`;
  const title = view.kind === "clip" ? view.clip.title : view.playlist.name;
  const author = view.kind === "clip" ? view.clip.creatorName : view.playlist.creatorName;
  const cover = view.kind === "clip" ? (view.clip.hasCover ? `${origin}/s/${token}/cover` : null) : coverOf(view.playlist.tracks, `${origin}/s/${token}`);
  return NextResponse.json(
    {
      version: "1.0",
      type: "rich",
      provider_name: "Songloft",
      provider_url: origin,
      title,
      author_name: author,
      width,
      height,
      html: `<iframe src="${src}" width="${width}" height="${height}" style="border:0" allow="autoplay" loading="lazy" title="${escapeAttribute(title)}"></iframe>`,
      ...(cover ? { thumbnail_url: cover, thumbnail_width: 512, thumbnail_height: 512 } : {}),
    },
    // Not cached: a revoked share must stop unfurling at once.
    { headers: { "Cache-Control": "no-store" } },
  );
});

/** A playlist's picture: the first track with a cover, by its number. */
function coverOf(tracks: { n: number; hasCover: boolean }[], page: string): string | null {
  const first = tracks.find((t) => t.hasCover);
  return first ? `${page}/tracks/${first.n}/cover` : null;
}

function escapeAttribute(value: string): string {
  return value.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}
