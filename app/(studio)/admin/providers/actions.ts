"use server";

import { revalidatePath } from "next/cache";
import { redirect, unstable_rethrow } from "next/navigation";
import { AppError, isAppError } from "@/lib/errors";
import { createProviderSchema, providerIdSchema, setEnabledSchema, updateProviderSchema, type ConnectionReport } from "@/lib/schemas/providers";
import { requireAdmin } from "@/lib/server/auth/session";
import { actionError, formValues, parseForm, type ActionState } from "@/lib/server/form";
import { addProvider, deleteProvider, setProviderEnabled, testProviderConnection, updateProvider } from "@/lib/server/services/providers";

// Every action checks the admin itself (SEC-1) and re-validates its input. Form
// values echoed back never include the key field.

const LIST = "/admin/providers";
const ECHO = ["name", "protocol", "baseUrl"];

/** Failures as catalogue keys (providers.errors.*), never the server's English text. */
function failure(err: unknown, values?: Record<string, string>): ActionState {
  unstable_rethrow(err);
  if (isAppError(err)) {
    const reason = (err.details as { reason?: unknown } | undefined)?.reason;
    if (typeof reason === "string") return { formError: reason, values };
    if (err.code === "forbidden") return { formError: "forbidden", values };
    if (err.code === "not_found") return { formError: "notFound", values };
    const state = actionError(err, values);
    return state.fieldErrors ? state : { formError: "unexpected", values };
  }
  return actionError(err, values);
}

function idOf(form: FormData): string {
  const parsed = providerIdSchema.safeParse(form.get("id"));
  if (!parsed.success) throw new AppError("not_found", "Provider not found.");
  return parsed.data;
}

export async function createProviderAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  let values: Record<string, string> = {};
  try {
    const admin = await requireAdmin();
    values = formValues(form, ECHO);
    const parsed = parseForm(createProviderSchema, form);
    if ("errors" in parsed) return { fieldErrors: parsed.errors, values };
    await addProvider(admin, parsed.data);
  } catch (err) {
    return failure(err, values);
  }
  revalidatePath(LIST);
  redirect(LIST);
}

export async function updateProviderAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  let values: Record<string, string> = {};
  try {
    const admin = await requireAdmin();
    values = formValues(form, ECHO);
    const parsed = parseForm(updateProviderSchema, form);
    if ("errors" in parsed) return { fieldErrors: parsed.errors, values };
    await updateProvider(admin, idOf(form), parsed.data);
  } catch (err) {
    return failure(err, values);
  }
  revalidatePath(LIST);
  redirect(LIST);
}

export async function setProviderEnabledAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  try {
    const admin = await requireAdmin();
    const parsed = parseForm(setEnabledSchema, form);
    if ("errors" in parsed) return { formError: "unexpected" };
    setProviderEnabled(admin, parsed.data.id, parsed.data.enabled);
  } catch (err) {
    return failure(err);
  }
  revalidatePath(LIST);
  return { ok: true };
}

export async function deleteProviderAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  try {
    const admin = await requireAdmin();
    deleteProvider(admin, idOf(form));
  } catch (err) {
    return failure(err);
  }
  revalidatePath(LIST);
  return { ok: true };
}

export type TestState = { report?: ConnectionReport; formError?: string };

export async function testConnectionAction(_prev: TestState, form: FormData): Promise<TestState> {
  try {
    const admin = await requireAdmin();
    return { report: await testProviderConnection(admin, idOf(form)) };
  } catch (err) {
    return { formError: failure(err).formError };
  }
}
