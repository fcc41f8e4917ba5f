import { NextResponse } from "next/server";
import { AppError } from "@/lib/errors";
import { requireApiUser } from "@/lib/server/auth/api-caller";
import { handle } from "@/lib/server/http";
import { getTaskForViewer } from "@/lib/server/services/task-view";

/** GET /api/v1/tasks/<id>: {task} with its clips; someone else's task is 404 (SEC-2). */
export const GET = handle(async (req: Request, ctx: { params: Promise<{ id: string }> }) => {
  const viewer = await requireApiUser(req);
  const { id } = await ctx.params;
  const task = getTaskForViewer(id, viewer);
  if (!task) throw new AppError("not_found", "Task not found.");
  return NextResponse.json({ task }, { headers: { "Cache-Control": "private, no-store" } });
});
