import { NextResponse } from "next/server";
import { AppError } from "@/lib/errors";
import { assertSameOrigin, handle } from "@/lib/server/http";
import { wakePoller } from "@/lib/server/poller";
import { receiveCallback } from "@/lib/server/services/callbacks";

const MAX_BODY = 64 * 1024;

/**
 * POST /api/webhooks/<provider>/<secret>: a vendor says a task changed. Answers at
 * once; the poller then re-fetches the task from the vendor (SEC-9). Wrong secret: 401.
 */
export const POST = handle(async (req: Request, ctx: { params: Promise<{ provider: string; secret: string }> }) => {
  assertSameOrigin(req);
  const { provider, secret } = await ctx.params;
  const outcome = receiveCallback(provider, secret, await readBody(req));
  if (!outcome.accepted) throw new AppError("unauthorized", "Unknown callback.");
  if (outcome.refresh) wakePoller();
  return NextResponse.json({ ok: true }, { status: 202 });
});

/** The body is only a hint; anything unreadable or oversized is simply ignored. */
async function readBody(req: Request): Promise<unknown> {
  const text = await req.text().catch(() => "");
  if (text.length === 0 || Buffer.byteLength(text) > MAX_BODY) return null;
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
