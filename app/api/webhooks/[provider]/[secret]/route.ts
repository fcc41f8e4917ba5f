import { NextResponse } from "next/server";
import { AppError } from "@/lib/errors";
import { assertSameOrigin, handle } from "@/lib/server/http";
import { wakePoller } from "@/lib/server/poller";
import { receiveCallback } from "@/lib/server/services/callbacks";

/**
 * POST /api/webhooks/<provider>/<secret>: a vendor says a task changed. The secret is
 * checked before anything of the body is read, and the body is never read at all: the
 * poller re-fetches the task from the vendor (SEC-9, SEC-13). Wrong secret: 401.
 */
export const POST = handle(async (req: Request, ctx: { params: Promise<{ provider: string; secret: string }> }) => {
  assertSameOrigin(req);
  const { provider, secret } = await ctx.params;
  const outcome = receiveCallback(provider, secret);
  if (!outcome.accepted) throw new AppError("unauthorized", "Unknown callback.");
  if (outcome.refresh) wakePoller();
  return NextResponse.json({ ok: true }, { status: 202 });
});
