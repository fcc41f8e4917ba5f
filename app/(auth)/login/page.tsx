import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getT } from "@/lib/i18n/server";
import { currentUser } from "@/lib/server/auth/session";
import { isSetUp } from "@/lib/server/services/accounts";
import { ssoName } from "@/lib/server/services/sso";
import { ssoSignInAction } from "../actions";
import { LoginForm } from "./login-form";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getT("auth"))("signInTitle") };
}

// Why a single sign-on came back here: our own refusals (sso_*) and Auth.js's error types.
const SSO_ERRORS: Record<string, string> = {
  sso_not_invited: "notInvited",
  sso_disabled: "disabled",
  sso_unverified: "unverified",
  sso_no_email: "noEmail",
  sso_linked_elsewhere: "linkedElsewhere",
  sso_unavailable: "unavailable",
  OAuthCallbackError: "cancelled",
  AccessDenied: "refused",
};

export default async function LoginPage({ searchParams }: { searchParams: Promise<{ next?: string; error?: string }> }) {
  if (!isSetUp()) redirect("/setup");
  if (await currentUser()) redirect("/");
  const { next, error } = await searchParams;
  const t = await getT("auth");
  const sso = ssoName();
  const returnTo = typeof next === "string" ? next : "/";
  // Any other error Auth.js names (Configuration, CallbackRouteError…) is a provider or setup fault, logged on the server.
  const ssoError = typeof error === "string" && error !== "CredentialsSignin" ? (SSO_ERRORS[error] ?? "unavailable") : null;
  return (
    <>
      <h1 className="mb-1 text-lg font-semibold">{t("signInTitle")}</h1>
      <p className="mb-5 text-sm muted">{t("signInLead")}</p>
      {ssoError ? (
        <p
          role="alert"
          data-testid="sso-error"
          className="mb-4 rounded-lg border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-700 dark:border-red-900 dark:bg-red-950/50 dark:text-red-300"
        >
          {t(`sso.errors.${ssoError}` as "sso.errors.unavailable", { name: sso ?? "SSO" })}
        </p>
      ) : null}
      {sso ? (
        <>
          <form action={ssoSignInAction}>
            <input type="hidden" name="next" value={returnTo} />
            <button type="submit" className="btn-secondary w-full" data-testid="sso-sign-in">
              {t("sso.signInWith", { name: sso })}
            </button>
          </form>
          <p className="my-4 text-center text-xs muted">{t("sso.or")}</p>
        </>
      ) : null}
      <LoginForm next={returnTo} />
    </>
  );
}
