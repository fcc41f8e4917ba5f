import { headers } from "next/headers";
import { notFound } from "next/navigation";
import { cache } from "react";
import { clientAddress } from "@/lib/server/client-address";
import { publicOrigin } from "@/lib/server/http";
import { openPublicShare } from "@/lib/server/services/playlist-shares";

/** A live share (a song's or a playlist's) for the page and its metadata (one lookup per request), or the 404 page. */
export const loadShare = cache(async (token: string, countView: boolean) => {
  const h = await headers();
  const view = openPublicShare(token, clientAddress(h), { countView });
  if (!view) notFound();
  return { view, origin: publicOrigin(h) };
});
