import { NextResponse } from "next/server";
import { handle } from "@/lib/server/http";
import { checkHealth } from "@/lib/server/poller/health";

export const dynamic = "force-dynamic";

/** GET /api/health: {ok, db, poller}; 503 when the database or the poller heartbeat is down (REL-8). */
export const GET = handle(async () => {
  const health = checkHealth();
  return NextResponse.json(health, { status: health.ok ? 200 : 503, headers: { "Cache-Control": "no-store" } });
});
