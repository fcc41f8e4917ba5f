import { AppError } from "@/lib/errors";
import { requireApiUser } from "@/lib/server/auth/api-caller";
import { handle } from "@/lib/server/http";
import { admitFeed } from "@/lib/server/services/stream-registry";
import { openUserEventStream } from "@/lib/server/services/user-events";

export const dynamic = "force-dynamic";

/**
 * GET /api/v1/me/events: Server-Sent Events, one TaskDto each time one of the caller's
 * own tasks finishes or fails (event `task`, id = cursor; Last-Event-ID resumes). At
 * most MAX_FEEDS_PER_USER per user (429); the session or token is checked again on
 * every read, and shutdown closes the stream (REL-11).
 */
export const GET = handle(async (req: Request) => {
  const caller = await requireApiUser(req);
  const stop = new AbortController();
  const admission = admitFeed(caller.id, () => stop.abort());
  if (!admission.admitted) {
    if (admission.reason === "shutting_down") throw new AppError("unavailable", "The server is restarting.", { retryAfter: 5 });
    throw new AppError("rate_limited", "Too many open notification streams; close some tabs.", { retryAfter: 30 });
  }
  const stream = openUserEventStream(caller.id, AbortSignal.any([req.signal, stop.signal]), {
    // The browser's own reconnect sends the header; a stream the page reopens after a refusal sends the query.
    lastEventId: req.headers.get("last-event-id") ?? new URL(req.url).searchParams.get("lastEventId"),
    stillAllowed: caller.stillValid,
    onClose: admission.release,
  });
  return new Response(stream, {
    headers: {
      "Content-Type": "text/event-stream; charset=utf-8",
      "Cache-Control": "private, no-store, no-transform",
      Connection: "close",
      "X-Accel-Buffering": "no",
    },
  });
});
