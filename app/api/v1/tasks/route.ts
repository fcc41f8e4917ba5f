import { NextResponse } from "next/server";
import { searchParamsRecord } from "@/lib/schemas/clips";
import { taskListQuerySchema } from "@/lib/schemas/tasks";
import { requireApiUser } from "@/lib/server/auth/api-caller";
import { handle } from "@/lib/server/http";
import { parseOrThrow } from "@/lib/validation";
import { listTaskHistory } from "@/lib/server/services/task-history";

/** GET /api/v1/tasks: {items, nextCursor}, your tasks newest first (admins: scope=all), filtered by status, kind and provider. */
export const GET = handle(async (req: Request) => {
  const viewer = await requireApiUser(req);
  const query = parseOrThrow(taskListQuerySchema, searchParamsRecord(new URL(req.url).searchParams));
  return NextResponse.json(listTaskHistory(viewer, query), { headers: { "Cache-Control": "private, no-store" } });
});
