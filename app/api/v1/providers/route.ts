import { NextResponse } from "next/server";
import { requireApiUser } from "@/lib/server/auth/api-caller";
import { handle } from "@/lib/server/http";
import { listProvidersForMembers } from "@/lib/server/services/provider-catalog";

/** GET /api/v1/providers: the enabled providers, their models and input limits. Never a key or key hint (SEC-8). */
export const GET = handle(async (req: Request) => {
  await requireApiUser(req);
  return NextResponse.json({ providers: listProvidersForMembers() }, { headers: { "Cache-Control": "private, no-store" } });
});
