"use server";

import { redirect } from "next/navigation";
import { parseSeconds } from "@/app/_components/task/format";
import { generationBodySchema, idempotencyKeySchema } from "@/lib/schemas/generate";
import { requireUser } from "@/lib/server/auth/session";
import { fieldMessages, type ActionState, type Message } from "@/lib/action-state";
import { formValues, toActionState } from "@/lib/server/form";
import { fieldErrors } from "@/lib/validation";
import { submitGeneration } from "@/lib/server/services/generate";

const KEPT = ["continueAt", "title", "style", "lyrics"];
/** The generation schema's field errors are keys in this catalogue group. */
const FIELDS = "create.errors";

/** The service names the position `extend.continueAt`; the form calls it `continueAt`. */
function formFieldErrors(errors: Record<string, Message[]> | undefined): Record<string, Message[]> | undefined {
  if (!errors) return undefined;
  return Object.fromEntries(Object.entries(errors).map(([key, list]) => [key.replace(/^extend\./, ""), list]));
}

/** Continues a clip from a chosen second, then opens the new task. */
export async function extendClipAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  const values = formValues(form, KEPT);
  let taskId: string;
  try {
    const user = await requireUser();
    const at = values.continueAt?.trim() ?? "";
    const continueAt = at === "" ? undefined : parseSeconds(at);
    if (continueAt === null) return { fieldErrors: { continueAt: [{ key: `${FIELDS}.continueAtInvalid` }] }, values };
    const parsed = generationBodySchema.safeParse({
      mode: "custom",
      title: values.title,
      style: values.style,
      lyrics: values.lyrics,
      instrumental: form.get("instrumental") ?? "",
      extend: form.get("uploadId") ? { uploadId: String(form.get("uploadId")), continueAt } : { clipId: String(form.get("clipId") ?? ""), continueAt },
      ...(form.get("provider") ? { provider: String(form.get("provider")) } : {}),
    });
    if (!parsed.success) return { fieldErrors: formFieldErrors(fieldMessages(FIELDS, fieldErrors(parsed.error))), values };
    const key = idempotencyKeySchema.safeParse(form.get("idempotencyKey"));
    const { task } = await submitGeneration(user, parsed.data, { idempotencyKey: key.success ? key.data : undefined });
    taskId = task.id;
  } catch (err) {
    const state = toActionState(err, { values, fields: FIELDS });
    return { ...state, fieldErrors: formFieldErrors(state.fieldErrors) };
  }
  redirect(`/tasks/${taskId}`);
}
