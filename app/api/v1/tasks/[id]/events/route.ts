import { AppError } from "@/lib/errors";
import { requireApiUser } from "@/lib/server/auth/api-caller";
import { handle } from "@/lib/server/http";
import { admitStream } from "@/lib/server/services/stream-registry";
import { openTaskStream } from "@/lib/server/services/task-stream";

export const dynamic = "force-dynamic";

/**
 * GET /api/v1/tasks/<id>/events: Server-Sent Events, one TaskDto per change, closed at a
 * terminal status. Capped per user and per task (429); each re-read checks the session
 * or token again, and shutdown closes the stream (REL-11).
 */
export const GET = handle(async (req: Request, ctx: { params: Promise<{ id: string }> }) => {
  const caller = await requireApiUser(req);
  const { id } = await ctx.params;
  const stop = new AbortController();
  const admission = admitStream(caller.id, id, () => stop.abort());
  if (!admission.admitted) {
    if (admission.reason === "shutting_down") throw new AppError("unavailable", "The server is restarting.", { retryAfter: 5 });
    throw new AppError("rate_limited", "Too many open event streams; close some tabs or poll the task instead.", { retryAfter: 30 });
  }
  const stream = openTaskStream(id, caller, AbortSignal.any([req.signal, stop.signal]), { stillAllowed: caller.stillValid, onClose: admission.release });
  if (!stream) {
    admission.release();
    throw new AppError("not_found", "Task not found.");
  }
  return new Response(stream, {
    headers: {
      "Content-Type": "text/event-stream; charset=utf-8",
      "Cache-Control": "private, no-store, no-transform",
      // The connection ends with the stream, so a shutting-down server is not kept
      // waiting on the browser's idle keep-alive socket afterwards.
      Connection: "close",
      "X-Accel-Buffering": "no",
    },
  });
});
