"use server";

import { AuthError, CredentialsSignin } from "next-auth";
import { redirect, unstable_rethrow } from "next/navigation";
import { acceptInviteSchema, loginSchema, resetPasswordSchema, setupSchema } from "@/lib/schemas/account";
import { signIn, signOut, SSO_PROVIDER_ID } from "@/lib/server/auth";
import type { ActionState } from "@/lib/action-state";
import { formValues, parseForm, toActionState } from "@/lib/server/form";
import { acceptInvite, createOwner, resetPassword } from "@/lib/server/services/accounts";
import { ssoName } from "@/lib/server/services/sso";

/** The catalogue group of the account schemas' field errors. */
const FIELDS = "auth.errors";

/** Only same-site paths may be returned to after sign-in. */
function safeNext(value: FormDataEntryValue | null): string {
  return typeof value === "string" && value.startsWith("/") && !value.startsWith("//") && !value.startsWith("/\\") ? value : "/";
}

async function signInWith(email: string, password: string, redirectTo: string): Promise<ActionState | never> {
  try {
    await signIn("credentials", { email, password, redirectTo });
  } catch (err) {
    unstable_rethrow(err);
    if (err instanceof CredentialsSignin) {
      const refused = err.code === "throttled" || err.code === "busy";
      return { formError: { key: `auth.errors.${refused ? err.code : "invalidCredentials"}` }, values: { email } };
    }
    if (err instanceof AuthError) return { formError: { key: "auth.errors.invalidCredentials" }, values: { email } };
    throw err;
  }
  return { ok: true };
}

export async function loginAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  const values = formValues(form, ["email"]);
  const parsed = parseForm(loginSchema, form, FIELDS);
  if ("errors" in parsed) return { fieldErrors: parsed.errors, values };
  return signInWith(parsed.data.email, parsed.data.password, safeNext(form.get("next")));
}

/** Sends the browser to the team's identity provider; it comes back to /api/auth/callback/oidc. */
export async function ssoSignInAction(form: FormData) {
  if (!ssoName()) redirect("/login");
  try {
    await signIn(SSO_PROVIDER_ID, { redirectTo: safeNext(form instanceof FormData ? form.get("next") : null) });
  } catch (err) {
    unstable_rethrow(err);
    // The provider could not be reached or its discovery document is wrong; Auth.js logged why.
    if (err instanceof AuthError) redirect("/login?error=sso_unavailable");
    throw err;
  }
}

export async function setupAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  const values = formValues(form, ["name", "email"]);
  const parsed = parseForm(setupSchema, form, FIELDS);
  if ("errors" in parsed) return { fieldErrors: parsed.errors, values };
  try {
    await createOwner(parsed.data);
  } catch (err) {
    return toActionState(err, { values, fields: FIELDS });
  }
  return signInWith(parsed.data.email, parsed.data.password, "/");
}

export async function acceptInviteAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  const values = formValues(form, ["name", "email"]);
  const token = String(form.get("token") ?? "");
  const parsed = parseForm(acceptInviteSchema, form, FIELDS);
  if ("errors" in parsed) return { fieldErrors: parsed.errors, values };
  try {
    await acceptInvite(token, parsed.data);
  } catch (err) {
    return toActionState(err, { values, fields: FIELDS });
  }
  return signInWith(parsed.data.email, parsed.data.password, "/");
}

/** A reset link's form: the new password is set, the link spent, and the member signed in with it. */
export async function resetPasswordAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  const token = String(form.get("token") ?? "");
  const parsed = parseForm(resetPasswordSchema, form, FIELDS);
  if ("errors" in parsed) return { fieldErrors: parsed.errors };
  let email: string;
  try {
    email = (await resetPassword(token, parsed.data.password)).email;
  } catch (err) {
    return toActionState(err, { fields: FIELDS });
  }
  return signInWith(email, parsed.data.password, "/");
}

export async function signOutAction() {
  await signOut({ redirectTo: "/login" });
}
