import { AppError } from "@/lib/errors";
import { requireApiUser } from "@/lib/server/auth/api-caller";
import { handle } from "@/lib/server/http";
import { openTaskStream } from "@/lib/server/services/task-stream";

export const dynamic = "force-dynamic";

/** GET /api/v1/tasks/<id>/events: Server-Sent Events, one TaskDto per change, closed at a terminal status. */
export const GET = handle(async (req: Request, ctx: { params: Promise<{ id: string }> }) => {
  const viewer = await requireApiUser(req);
  const { id } = await ctx.params;
  const stream = openTaskStream(id, viewer, req.signal);
  if (!stream) throw new AppError("not_found", "Task not found.");
  return new Response(stream, {
    headers: {
      "Content-Type": "text/event-stream; charset=utf-8",
      "Cache-Control": "private, no-store, no-transform",
      Connection: "keep-alive",
      "X-Accel-Buffering": "no",
    },
  });
});
