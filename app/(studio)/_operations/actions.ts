"use server";

import { redirect } from "next/navigation";
import { fieldMessages, type ActionState } from "@/lib/action-state";
import { concatBodySchema, generationBodySchema, idempotencyKeySchema, personaBodySchema } from "@/lib/schemas/generate";
import { requireUser } from "@/lib/server/auth/session";
import { formValues, toActionState } from "@/lib/server/form";
import { fieldErrors } from "@/lib/validation";
import { submitGeneration } from "@/lib/server/services/generate";
import { submitClipOperation, submitConcat, submitPersona } from "@/lib/server/services/operations";

// The clip page's and the upload page's operations. Each starts a task and opens its
// page, where the status follows live; a refusal stays on the form, in the reader's language.

const FIELDS = "create.errors";

function keyOf(form: FormData): string | undefined {
  const parsed = idempotencyKeySchema.safeParse(form.get("idempotencyKey"));
  return parsed.success ? parsed.data : undefined;
}

const text = (form: FormData, name: string) => String(form.get(name) ?? "");

/** Whole song, stems, WAV or video: one button each, the clip id in a hidden field. */
export async function clipOperationAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  let taskId: string;
  try {
    const user = await requireUser();
    const clipId = text(form, "clipId");
    const operation = text(form, "operation");
    const options = { idempotencyKey: keyOf(form) };
    if (operation === "concat") {
      const parsed = concatBodySchema.safeParse({ concat: { clipId } });
      if (!parsed.success) return { fieldErrors: fieldMessages(FIELDS, fieldErrors(parsed.error)) };
      taskId = (await submitConcat(user, parsed.data, options)).task.id;
    } else if (operation === "stems" || operation === "wav" || operation === "video") {
      taskId = (await submitClipOperation(user, clipId, operation, options)).task.id;
    } else {
      return { formError: { key: "create.errors.operationUnavailable" } };
    }
  } catch (err) {
    return toActionState(err, { fields: FIELDS });
  }
  redirect(`/tasks/${taskId}`);
}

/** "Make a persona" from a clip: a name and an optional description. */
export async function personaAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  const values = formValues(form, ["name", "description"]);
  let taskId: string;
  try {
    const user = await requireUser();
    const parsed = personaBodySchema.safeParse({ clipId: text(form, "clipId"), name: values.name, description: values.description });
    if (!parsed.success) return { fieldErrors: fieldMessages(FIELDS, fieldErrors(parsed.error)), values };
    taskId = (await submitPersona(user, parsed.data, { idempotencyKey: keyOf(form) })).task.id;
  } catch (err) {
    return toActionState(err, { values, fields: FIELDS });
  }
  redirect(`/tasks/${taskId}`);
}

const COVER_FIELDS = ["mode", "description", "title", "style", "lyrics"];

/** A cover of a clip or an upload: a new description (inspiration) or new words and style (custom). */
export async function coverAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  const values = formValues(form, COVER_FIELDS);
  let taskId: string;
  try {
    const user = await requireUser();
    const clipId = text(form, "clipId");
    const uploadId = text(form, "uploadId");
    const parsed = generationBodySchema.safeParse({
      mode: values.mode,
      description: values.mode === "inspiration" ? values.description : undefined,
      title: values.mode === "custom" ? values.title : undefined,
      style: values.mode === "custom" ? values.style : undefined,
      lyrics: values.mode === "custom" ? values.lyrics : undefined,
      instrumental: form.get("instrumental") ?? "",
      cover: clipId ? { clipId } : { uploadId },
      ...(form.get("provider") ? { provider: text(form, "provider") } : {}),
    });
    if (!parsed.success) return { fieldErrors: fieldMessages(FIELDS, fieldErrors(parsed.error)), values };
    taskId = (await submitGeneration(user, parsed.data, { idempotencyKey: keyOf(form) })).task.id;
  } catch (err) {
    return toActionState(err, { values, fields: FIELDS });
  }
  redirect(`/tasks/${taskId}`);
}
