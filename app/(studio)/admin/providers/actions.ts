"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { UNEXPECTED, type ActionState } from "@/lib/action-state";
import { AppError } from "@/lib/errors";
import { createProviderSchema, providerIdSchema, setCapabilitiesSchema, setEnabledSchema, updateProviderSchema, type ConnectionReport } from "@/lib/schemas/providers";
import { requireAdmin } from "@/lib/server/auth/session";
import { formValues, parseForm, toActionState } from "@/lib/server/form";
import { addProvider, deleteProvider, setProviderCapabilities, setProviderEnabled, testProviderConnection, updateProvider } from "@/lib/server/services/providers";

// Every action checks the admin itself (SEC-1) and re-validates its input. Form
// values echoed back never include the key field.

const LIST = "/admin/providers";
const ECHO = ["name", "protocol", "baseUrl"];
/** The provider schemas' and service's field errors are keys in this catalogue group. */
const FIELDS = "providers.errors";

function idOf(form: FormData): string {
  const parsed = providerIdSchema.safeParse(form.get("id"));
  if (!parsed.success) throw new AppError("not_found", "Provider not found.", { key: "providers.errors.notFound" });
  return parsed.data;
}

export async function createProviderAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  let values: Record<string, string> = {};
  try {
    const admin = await requireAdmin();
    values = formValues(form, ECHO);
    const parsed = parseForm(createProviderSchema, form, FIELDS);
    if ("errors" in parsed) return { fieldErrors: parsed.errors, values };
    await addProvider(admin, parsed.data);
  } catch (err) {
    return toActionState(err, { values, fields: FIELDS });
  }
  revalidatePath(LIST);
  redirect(LIST);
}

export async function updateProviderAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  let values: Record<string, string> = {};
  try {
    const admin = await requireAdmin();
    values = formValues(form, ECHO);
    const parsed = parseForm(updateProviderSchema, form, FIELDS);
    if ("errors" in parsed) return { fieldErrors: parsed.errors, values };
    await updateProvider(admin, idOf(form), parsed.data);
  } catch (err) {
    return toActionState(err, { values, fields: FIELDS });
  }
  revalidatePath(LIST);
  redirect(LIST);
}

export async function setProviderEnabledAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  try {
    const admin = await requireAdmin();
    const parsed = parseForm(setEnabledSchema, form, FIELDS);
    if ("errors" in parsed) return { formError: UNEXPECTED };
    setProviderEnabled(admin, parsed.data.id, parsed.data.enabled);
  } catch (err) {
    return toActionState(err);
  }
  revalidatePath(LIST);
  return { ok: true };
}

export async function deleteProviderAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  try {
    const admin = await requireAdmin();
    deleteProvider(admin, idOf(form));
  } catch (err) {
    return toActionState(err);
  }
  revalidatePath(LIST);
  return { ok: true };
}

export type TestState = ActionState<{ report: ConnectionReport }>;

export async function testConnectionAction(_prev: TestState, form: FormData): Promise<TestState> {
  try {
    const admin = await requireAdmin();
    return { report: await testProviderConnection(admin, idOf(form)) };
  } catch (err) {
    return toActionState(err);
  }
}

/** Saves which unconfirmed operations this provider offers (the checkboxes left ticked). */
export async function setProviderCapabilitiesAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  try {
    const admin = await requireAdmin();
    const parsed = setCapabilitiesSchema.safeParse({ id: form.get("id"), capabilities: form.getAll("capabilities") });
    if (!parsed.success) return { formError: UNEXPECTED };
    setProviderCapabilities(admin, parsed.data.id, parsed.data.capabilities);
  } catch (err) {
    return toActionState(err);
  }
  revalidatePath(LIST);
  revalidatePath(`${LIST}/${form.get("id")}`);
  return { ok: true };
}
