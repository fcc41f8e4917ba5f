import { NextResponse } from "next/server";
import { requireApiUser } from "@/lib/server/auth/api-caller";
import { handle } from "@/lib/server/http";
import { listMyShares } from "@/lib/server/services/shares";

/** GET /api/v1/shares: {items} — my share links, newest first, with their state and views. */
export const GET = handle(async (req: Request) => {
  const viewer = await requireApiUser(req);
  return NextResponse.json({ items: listMyShares(viewer) }, { headers: { "Cache-Control": "private, no-store" } });
});
