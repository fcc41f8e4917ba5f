import { NextResponse } from "next/server";
import { requireApiUser } from "@/lib/server/auth/api-caller";
import { handle } from "@/lib/server/http";
import { getQuotaStatus } from "@/lib/server/services/quotas";

/** GET /api/v1/me/quota: {daily, monthly}, each {limit (null: unlimited), used, resetsAt}. */
export const GET = handle(async (req: Request) => {
  const viewer = await requireApiUser(req);
  return NextResponse.json(getQuotaStatus(viewer), { headers: { "Cache-Control": "private, no-store" } });
});
