import { z } from "zod";
import { TASK_KINDS, TASK_STATUSES } from "@/lib/domain";

// The task history query (GET /api/v1/tasks and /tasks). Isomorphic, like the clips
// query: the page parses its searchParams with the same schema the API uses.

export const TASK_PAGE_DEFAULT = 20;
export const TASK_PAGE_MAX = 100;
export const TASK_STATUS_FILTERS = [...TASK_STATUSES, "open"] as const;

export const taskListQueryObject = z.object({
  scope: z.enum(["mine", "all"]).optional().describe("mine (default): your tasks; all: everyone's (admins only, 403 for members)"),
  status: z.enum(TASK_STATUS_FILTERS).optional().describe("A status, or open: submitting, queued or running"),
  kind: z.enum(TASK_KINDS).optional(),
  provider: z.string().trim().max(64).optional().describe("Provider id"),
  cursor: z.string().max(200).optional().describe("nextCursor from the previous page"),
  limit: z.coerce.number().int().min(1).max(TASK_PAGE_MAX).optional().describe(`Page size, default ${TASK_PAGE_DEFAULT}`),
});

export const taskListQuerySchema = taskListQueryObject.transform((v) => ({ ...v, scope: v.scope ?? "mine", limit: v.limit ?? TASK_PAGE_DEFAULT }));

export type TaskListQuery = z.output<typeof taskListQuerySchema>;
