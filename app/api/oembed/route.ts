import { NextResponse } from "next/server";
import { AppError } from "@/lib/errors";
import { clientAddress } from "@/lib/server/client-address";
import { handle, publicOrigin } from "@/lib/server/http";
import { openShare, tokenFromShareUrl } from "@/lib/server/services/shares";

// oEmbed (https://oembed.com) for share links: chat apps and CMSs that ask get the
// embeddable player as a `rich` iframe. Public, like the share itself; 404 for anything
// that is not a live share on this server.

const WIDTH = 480;
const HEIGHT = 120;

export const GET = handle(async (req: Request) => {
  const params = new URL(req.url).searchParams;
  if ((params.get("format") ?? "json") !== "json") throw new AppError("bad_request", "Only format=json is offered.");
  const origin = publicOrigin(req.headers);
  const token = tokenFromShareUrl(params.get("url") ?? "", origin);
  const share = token ? openShare(token, clientAddress(req.headers)) : null;
  if (!token || !share) throw new AppError("not_found", "Not a live share link on this server.");
  const width = Math.min(WIDTH, Number(params.get("maxwidth")) || WIDTH);
  const src = `${origin}/s/${token}/embed`;
  return NextResponse.json(
    {
      version: "1.0",
      type: "rich",
      provider_name: "Songloft",
      provider_url: origin,
      title: share.title,
      author_name: share.creatorName,
      width,
      height: HEIGHT,
      html: `<iframe src="${src}" width="${width}" height="${HEIGHT}" style="border:0" allow="autoplay" loading="lazy" title="${escapeAttribute(share.title)}"></iframe>`,
      ...(share.hasCover ? { thumbnail_url: `${origin}/s/${token}/cover`, thumbnail_width: 512, thumbnail_height: 512 } : {}),
    },
    // Not cached: a revoked share must stop unfurling at once.
    { headers: { "Cache-Control": "no-store" } },
  );
});

function escapeAttribute(value: string): string {
  return value.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}
