"use server";

import type { ActionState } from "@/lib/action-state";
import { idempotencyKeySchema } from "@/lib/schemas/generate";
import { requireUser } from "@/lib/server/auth/session";
import { toActionState } from "@/lib/server/form";
import { retryTask } from "@/lib/server/services/task-history";

/** The Retry button: a new task with the failed one's request. The key makes a double click one retry. */
export async function retryTaskAction(input: { taskId: string; idempotencyKey: string }): Promise<ActionState<{ taskId: string }>> {
  try {
    const user = await requireUser();
    const taskId = typeof input?.taskId === "string" ? input.taskId.slice(0, 64) : "";
    const key = idempotencyKeySchema.safeParse(input?.idempotencyKey);
    const { task } = await retryTask(user, taskId, { idempotencyKey: key.success ? key.data : undefined });
    return { ok: true, taskId: task.id };
  } catch (err) {
    return toActionState(err);
  }
}
