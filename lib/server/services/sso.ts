import { env } from "@/lib/env";
import { normaliseEmail } from "@/lib/domain";
import { joinBySso } from "@/lib/server/data/invites";
import { getUserByEmail, getUserById, getUserByOidcSubject, linkOidcSubject, recordLogin } from "@/lib/server/data/users";
import type { User } from "@/lib/server/db/schema";

// Single sign-on (OpenID Connect) maps the identity provider's person to a Songloft
// account; Auth.js only proves who they are. Sessions stay the credentials path's
// sealed cookie (no database adapter), so everything after sign-in is unchanged.

/** Whether single sign-on is configured: issuer, client id and secret all set. */
export function ssoConfig(): { issuer: string; clientId: string; clientSecret: string; name: string } | null {
  const { OIDC_ISSUER, OIDC_CLIENT_ID, OIDC_CLIENT_SECRET, OIDC_NAME } = env();
  if (!OIDC_ISSUER || !OIDC_CLIENT_ID || !OIDC_CLIENT_SECRET) return null;
  return { issuer: OIDC_ISSUER, clientId: OIDC_CLIENT_ID, clientSecret: OIDC_CLIENT_SECRET, name: OIDC_NAME };
}

/** The button's label, or null when single sign-on is off. */
export function ssoName(): string | null {
  return ssoConfig()?.name ?? null;
}

/** What the identity provider told us about the person (userinfo / ID token claims). */
export interface SsoProfile {
  sub?: unknown;
  email?: unknown;
  email_verified?: unknown;
  name?: unknown;
  preferred_username?: unknown;
}

/** Why a single sign-on was refused; each has its own plain-language message on the login page. */
export type SsoRefusal = "not_invited" | "disabled" | "unverified" | "no_email" | "linked_elsewhere";

export type SsoOutcome = { ok: true; user: User; how: "subject" | "linked" | "joined" } | { ok: false; reason: SsoRefusal };

/** The stored identity: the issuer as configured and the provider's subject. */
export function oidcSubjectOf(issuer: string, sub: string): string {
  return `${issuer}|${sub}`;
}

function domainOf(email: string): string {
  return email.slice(email.lastIndexOf("@") + 1);
}

function displayName(profile: SsoProfile, email: string): string {
  const candidates = [profile.name, profile.preferred_username, email.slice(0, email.indexOf("@"))];
  const name = candidates.find((c): c is string => typeof c === "string" && c.trim() !== "")!;
  return [...name.trim()].slice(0, 80).join("");
}

/**
 * Finds or makes the account for a single sign-on, in this order:
 * 1. the account already linked to this identity;
 * 2. an account with the same email, linked now, only when the provider says it verified the email;
 * 3. a new account, only for a verified email with an unused invite made out to it
 *    (its role; the invite is spent) or whose domain is in OIDC_ALLOWED_DOMAINS (a member).
 * Anyone else is refused, and so is a disabled account. Nothing changes on a refusal.
 */
export function resolveSsoSignIn(profile: SsoProfile, now = new Date()): SsoOutcome {
  const config = ssoConfig();
  if (!config || typeof profile.sub !== "string" || profile.sub === "") return { ok: false, reason: "no_email" };
  const subject = oidcSubjectOf(config.issuer, profile.sub);
  const signedIn = (user: User, how: "subject" | "linked" | "joined"): SsoOutcome => {
    if (user.disabled) return { ok: false, reason: "disabled" };
    if (how !== "joined") recordLogin(user.id);
    return { ok: true, user, how };
  };

  const linked = getUserByOidcSubject(subject);
  if (linked) return signedIn(linked, "subject");

  if (typeof profile.email !== "string" || !profile.email.includes("@")) return { ok: false, reason: "no_email" };
  const email = normaliseEmail(profile.email);
  // Some providers send "true" as a string; anything else is not a verified email.
  const verified = profile.email_verified === true || profile.email_verified === "true";

  const existing = getUserByEmail(email);
  if (existing) {
    if (existing.disabled) return { ok: false, reason: "disabled" };
    if (!verified) return { ok: false, reason: "unverified" };
    if (existing.oidcSubject) return { ok: false, reason: "linked_elsewhere" };
    if (!linkOidcSubject(existing.id, subject)) return { ok: false, reason: "linked_elsewhere" };
    return signedIn(getUserById(existing.id)!, "linked");
  }

  if (!verified) return { ok: false, reason: "unverified" };
  const outcome = joinBySso({ email, name: displayName(profile, email), oidcSubject: subject, domainAllowed: env().OIDC_ALLOWED_DOMAINS.includes(domainOf(email)), now });
  if ("user" in outcome) return signedIn(outcome.user, "joined");
  // An account with this email appeared meanwhile (another tab, an invite form): link to it instead.
  return outcome.refused === "email_taken" ? resolveSsoSignIn(profile, now) : { ok: false, reason: "not_invited" };
}

/** For Settings: whether this account is linked to the team's identity provider, and by which name. */
export function linkedIdentity(userId: string): { provider: string; hasPassword: boolean } | null {
  const user = getUserById(userId);
  const name = ssoName();
  if (!user?.oidcSubject || !name) return null;
  return { provider: name, hasPassword: user.passwordHash !== "" };
}
