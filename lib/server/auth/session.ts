import { headers } from "next/headers";
import { decode, getToken } from "next-auth/jwt";
import { notFound, redirect } from "next/navigation";
import { cache } from "react";
import { AppError } from "@/lib/errors";
import { getUserById, hasAnyUser } from "@/lib/server/data/users";
import type { User } from "@/lib/server/db/schema";
import { appSecret } from "@/lib/server/secret";
import { SESSION_COOKIES } from "./cookie-names";
import { absoluteEnd, isWithinAbsoluteLifetime } from "./lifetime";

import type { Viewer } from "@/lib/domain";

export type { Viewer };

export function toViewer(user: User): Viewer {
  return { id: user.id, email: user.email, name: user.name, role: user.role, locale: user.locale };
}

/**
 * The signed-in user for this page, server action or request, from the session cookie
 * only: API tokens are for /api/v1 (requireApiUser), never a sign-in (SEC-16). Checked
 * against the database every time: a disabled account or a bumped session version
 * (password change, disable) ends the session at once (SEC-4).
 */
export const currentUser = cache(async (): Promise<Viewer | null> => {
  const session = await readSessionCookie(await headers());
  return session ? userForSession(session) : null;
});

export interface SessionClaims {
  userId: string;
  sessionVersion: number;
  /** Epoch milliseconds when the cookie stops counting: its own expiry or the absolute lifetime, whichever is first. */
  expiresAt: number;
}

/** The user a session belongs to while it still counts; null once it ended or was revoked. */
export function userForSession(session: SessionClaims, now = Date.now()): Viewer | null {
  if (session.expiresAt <= now) return null;
  const user = getUserById(session.userId);
  if (!user || user.disabled || user.sessionVersion !== session.sessionVersion) return null;
  return toViewer(user);
}

// Cookies already decrypted by this process, by their exact text: a member's every
// request carries the same cookie, and a JWE decryption per request was a visible
// share of each page's cost (PERF-3). Only cookies that decrypted with this server's
// secret get in, each is used only until its own expiry, and the session version is
// still compared with the database on every request (SEC-4).
const verified = new Map<string, SessionClaims>();
const VERIFIED_MAX = 1_000;

/**
 * Decrypts the Auth.js session cookie (https sign-ins use the `__Secure-` name,
 * plain http the bare one). This is what `auth()` reads, without its full request
 * pipeline, which also re-encrypts a fresh cookie that a page render cannot send.
 * A forged, expired or foreign-secret cookie, or one past the absolute lifetime,
 * reads as null.
 */
export async function readSessionCookie(requestHeaders: Headers): Promise<SessionClaims | null> {
  if (!requestHeaders.get("cookie")?.includes("authjs.session-token")) return null;
  const req = { headers: requestHeaders };
  const secret = appSecret();
  for (const name of SESSION_COOKIES) {
    // getToken with `raw` only reads the cookie (joining chunks); decryption is below.
    const raw = await getToken({ req, secret, cookieName: name, raw: true });
    if (!raw) continue;
    const key = `${name}=${raw}`;
    const known = verified.get(key);
    if (known) {
      if (known.expiresAt > Date.now()) return known;
      verified.delete(key);
    }
    // The cookie's name is its salt, so a token cannot be replayed under the other name.
    const token = await decode({ token: raw, secret, salt: name }).catch(() => null);
    if (!token?.sub || typeof token.sv !== "number" || typeof token.exp !== "number" || !isWithinAbsoluteLifetime(token.auth_time)) continue;
    const claims = { userId: token.sub, sessionVersion: token.sv, expiresAt: Math.min(token.exp * 1000, absoluteEnd(token.auth_time)) };
    if (verified.size >= VERIFIED_MAX) verified.delete(verified.keys().next().value!);
    verified.set(key, claims);
    return claims;
  }
  return null;
}

/** For route handlers and server actions: 401 when nobody is signed in. */
export async function requireUser(): Promise<Viewer> {
  const user = await currentUser();
  if (!user) throw new AppError("unauthorized", "Sign in to continue.");
  return user;
}

/** For admin-only handlers and actions: 401 when signed out, 403 for members. */
export async function requireAdmin(): Promise<Viewer> {
  const user = await requireUser();
  if (user.role !== "admin") throw new AppError("forbidden", "Only admins can do this.");
  return user;
}

/** For pages: sends visitors to /setup on a fresh install, otherwise to /login. */
export async function requirePageUser(returnTo?: string): Promise<Viewer> {
  const user = await currentUser();
  if (user) return user;
  if (!hasAnyUser()) redirect("/setup");
  redirect(returnTo ? `/login?next=${encodeURIComponent(returnTo)}` : "/login");
}

export async function requirePageAdmin(returnTo?: string): Promise<Viewer> {
  const user = await requirePageUser(returnTo);
  if (user.role !== "admin") notFound();
  return user;
}

/** For plain form actions (no form state): a signed-out caller is sent to sign in. */
export async function requireActionUser(): Promise<Viewer> {
  const user = await currentUser();
  if (!user) redirect("/login");
  return user;
}

export async function requireActionAdmin(): Promise<Viewer> {
  const user = await requireActionUser();
  if (user.role !== "admin") throw new AppError("forbidden", "Only admins can do this.");
  return user;
}
