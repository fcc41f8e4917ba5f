"use server";

import { revalidatePath } from "next/cache";
import { UNEXPECTED, type ActionState } from "@/lib/action-state";
import { AppError } from "@/lib/errors";
import { createWebhookSchema, webhookIdSchema } from "@/lib/schemas/webhooks";
import { requireAdmin } from "@/lib/server/auth/session";
import { formValues, parseRecord, toActionState } from "@/lib/server/form";
import { createWebhook, deleteWebhook, sendTestWebhook, updateWebhook } from "@/lib/server/services/webhooks";

// Every action checks the admin itself (SEC-1) and re-validates its input. The signing
// secret comes back once, in the create action's answer, and is never read again.

const LIST = "/admin/webhooks";
const ECHO = ["name", "url", "format"];
/** The schema's and service's field errors are keys in this catalogue group. */
const FIELDS = "notifications.errors";

export type CreateWebhookState = ActionState<{ secret: string; name: string }>;

function idOf(form: FormData): string {
  const parsed = webhookIdSchema.safeParse(form.get("id"));
  if (!parsed.success) throw new AppError("not_found", "Webhook not found.", { key: "notifications.errors.notFound" });
  return parsed.data;
}

export async function createWebhookAction(_prev: CreateWebhookState, form: FormData): Promise<CreateWebhookState> {
  let values: Record<string, string> = {};
  try {
    const admin = await requireAdmin();
    values = formValues(form, ECHO);
    // Checkboxes: several `events` values, and `enabled` only when ticked.
    const record = { ...values, events: form.getAll("events").map(String), enabled: form.get("enabled") === "on" };
    const parsed = parseRecord(createWebhookSchema, record, FIELDS);
    if ("errors" in parsed) return { fieldErrors: parsed.errors, values };
    const { webhook, secret } = await createWebhook(admin, parsed.data);
    revalidatePath(LIST);
    return { ok: true, secret, name: webhook.name };
  } catch (err) {
    return toActionState(err, { values, fields: FIELDS });
  }
}

export async function setWebhookEnabledAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  try {
    const admin = await requireAdmin();
    const enabled = form.get("enabled");
    if (enabled !== "true" && enabled !== "false") return { formError: UNEXPECTED };
    await updateWebhook(admin, idOf(form), { enabled: enabled === "true" });
  } catch (err) {
    return toActionState(err);
  }
  revalidatePath(LIST);
  return { ok: true };
}

export async function sendTestWebhookAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  try {
    const admin = await requireAdmin();
    await sendTestWebhook(admin, idOf(form));
  } catch (err) {
    return toActionState(err);
  }
  revalidatePath(LIST);
  return { ok: true };
}

export async function deleteWebhookAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  try {
    const admin = await requireAdmin();
    deleteWebhook(admin, idOf(form));
  } catch (err) {
    return toActionState(err);
  }
  revalidatePath(LIST);
  return { ok: true };
}
