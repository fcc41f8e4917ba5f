"use server";

import { cookies } from "next/headers";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { isLocale, LOCALE_COOKIE } from "@/lib/i18n/locales";
import { changePasswordSchema, profileSchema, tokenFormSchema } from "@/lib/schemas/account";
import { signIn } from "@/lib/server/auth";
import { requireActionUser, requireUser } from "@/lib/server/auth/session";
import type { ActionState } from "@/lib/action-state";
import { formValues, parseForm, toActionState } from "@/lib/server/form";
import { changePassword, renameUser, setUserLocale } from "@/lib/server/services/accounts";
import { createApiToken, revokeApiToken } from "@/lib/server/services/api-tokens";

/** The account schemas' field errors are keys in this catalogue group. */
const FIELDS = "auth.errors";

export async function updateProfileAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  try {
    const user = await requireUser();
    const values = formValues(form, ["name"]);
    const parsed = parseForm(profileSchema, form, FIELDS);
    if ("errors" in parsed) return { fieldErrors: parsed.errors, values };
    renameUser(user.id, parsed.data.name);
    revalidatePath("/", "layout");
    return { ok: true, values };
  } catch (err) {
    return toActionState(err, { fields: FIELDS });
  }
}

/**
 * Changing the password ends every other session (the session version moves on) and
 * revokes every API token; this browser is signed in again with the new password so
 * it stays signed in.
 */
export async function changePasswordAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  let email: string;
  let password: string;
  try {
    const user = await requireUser();
    const parsed = parseForm(changePasswordSchema, form, FIELDS);
    if ("errors" in parsed) return { fieldErrors: parsed.errors };
    await changePassword(user.id, parsed.data.current, parsed.data.password);
    email = user.email;
    password = parsed.data.password;
  } catch (err) {
    return toActionState(err, { fields: FIELDS });
  }
  await signIn("credentials", { email, password, redirectTo: "/settings?password=changed" });
  return { ok: true };
}

export async function setLanguageAction(form: FormData) {
  const user = await requireActionUser();
  const locale = form.get("locale");
  const jar = await cookies();
  if (isLocale(locale)) {
    setUserLocale(user.id, locale);
    jar.set(LOCALE_COOKIE, locale, { path: "/", maxAge: 365 * 24 * 3600, sameSite: "lax", httpOnly: true });
  } else {
    setUserLocale(user.id, null);
    jar.delete(LOCALE_COOKIE);
  }
  revalidatePath("/", "layout");
}

export type TokenState = ActionState<{ token: string }>;

export async function createTokenAction(_prev: TokenState, form: FormData): Promise<TokenState> {
  try {
    const user = await requireUser();
    const values = formValues(form, ["name", "expiresInDays"]);
    const parsed = parseForm(tokenFormSchema, form, FIELDS);
    if ("errors" in parsed) return { fieldErrors: parsed.errors, values };
    const { token } = createApiToken(user.id, parsed.data);
    revalidatePath("/settings");
    return { ok: true, token };
  } catch (err) {
    return toActionState(err, { fields: FIELDS });
  }
}

export async function revokeTokenAction(form: FormData) {
  const user = await requireActionUser();
  revokeApiToken({ userId: user.id, tokenId: z.string().min(1).max(64).parse(form.get("tokenId")) });
  revalidatePath("/settings");
}
