"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { emailField, roleField } from "@/lib/schemas/account";
import { requireActionAdmin, requireAdmin } from "@/lib/server/auth/session";
import type { ActionState } from "@/lib/action-state";
import { toActionState } from "@/lib/server/form";
import { changeRole, createInvite, createPasswordReset, revokeInvite, setDisabled } from "@/lib/server/services/accounts";

// Blank: a link for anyone who has it.
const inviteEmailField = z.union([z.literal("").transform(() => null), emailField]);

export type InviteState = ActionState<{ link: string; expiresAt: string }>;

export async function createInviteAction(_prev: InviteState, form: FormData): Promise<InviteState> {
  // Read only once the caller is known to be an admin (SEC-1); kept for the form to show again.
  let values: Record<string, string> | undefined;
  try {
    const admin = await requireAdmin();
    const typed = form.get("email");
    values = { email: typeof typed === "string" ? typed : "" };
    const role = roleField.catch("member").parse(form.get("role"));
    const email = inviteEmailField.safeParse(values.email);
    if (!email.success) return { fieldErrors: { email: [{ key: "auth.errors.emailInvalid" }] }, values };
    const { token, expiresAt } = createInvite(admin, role, email.data);
    revalidatePath("/admin/users");
    return { ok: true, link: `/invite/${token}`, expiresAt: expiresAt.toISOString() };
  } catch (err) {
    return toActionState(err, { fields: "auth.errors", values });
  }
}

const userIdField = z.string().min(1).max(64);

export async function setDisabledAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  try {
    const admin = await requireAdmin();
    setDisabled(admin, userIdField.parse(form.get("userId")), form.get("disabled") === "true");
    revalidatePath("/admin/users");
    return { ok: true };
  } catch (err) {
    return toActionState(err);
  }
}

export type ResetLinkState = ActionState<{ link: string }>;

/** A one-time link (/reset/<token>) the admin sends to a member who is locked out. */
export async function createResetLinkAction(_prev: ResetLinkState, form: FormData): Promise<ResetLinkState> {
  try {
    const admin = await requireAdmin();
    const { token } = createPasswordReset(admin, userIdField.parse(form.get("userId")));
    revalidatePath("/admin/users");
    return { ok: true, link: `/reset/${token}` };
  } catch (err) {
    return toActionState(err);
  }
}

export async function changeRoleAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  try {
    const admin = await requireAdmin();
    changeRole(admin, userIdField.parse(form.get("userId")), roleField.parse(form.get("role")));
    revalidatePath("/admin/users");
    return { ok: true };
  } catch (err) {
    return toActionState(err);
  }
}

export async function revokeInviteAction(form: FormData) {
  const admin = await requireActionAdmin();
  revokeInvite(admin, userIdField.parse(form.get("inviteId")));
  revalidatePath("/admin/users");
}
