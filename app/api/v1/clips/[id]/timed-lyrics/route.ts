import { NextResponse } from "next/server";
import { requireApiUser } from "@/lib/server/auth/api-caller";
import { handle } from "@/lib/server/http";
import { getTimedLyrics } from "@/lib/server/services/timed-lyrics";

// A clip the caller may not see is 404 (SEC-2). The first request has the server fetch
// the lines from the vendor and keep them: a cache filled once, nothing the caller changes.

type Ctx = { params: Promise<{ id: string }> };
const noStore = { "Cache-Control": "private, no-store" };

/** GET /api/v1/clips/<id>/timed-lyrics: {lines: [{text, start, end}]}, or 202 {status: "pending"} with Retry-After. */
export const GET = handle(async (req: Request, ctx: Ctx) => {
  const viewer = await requireApiUser(req);
  const { id } = await ctx.params;
  const answer = await getTimedLyrics(viewer, id);
  if (answer.status === "pending") {
    return NextResponse.json({ status: "pending" }, { status: 202, headers: { ...noStore, "Retry-After": String(answer.retryAfter) } });
  }
  return NextResponse.json({ lines: answer.lines }, { headers: noStore });
});
