import { headers } from "next/headers";
import { notFound } from "next/navigation";
import { cache } from "react";
import { clientAddress } from "@/lib/server/client-address";
import { publicOrigin } from "@/lib/server/http";
import { openShare } from "@/lib/server/services/shares";

/** A live share for the page and its metadata (one lookup per request), or the 404 page. */
export const loadShare = cache(async (token: string, countView: boolean) => {
  const h = await headers();
  const share = openShare(token, clientAddress(h), { countView });
  if (!share) notFound();
  return { share, origin: publicOrigin(h) };
});
