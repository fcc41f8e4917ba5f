import { AppError } from "@/lib/errors";
import { getApiTokenByHash, getApiTokenById, touchApiToken } from "@/lib/server/data/api-tokens";
import { getUserById } from "@/lib/server/data/users";
import type { ApiToken } from "@/lib/server/db/schema";
import { sha256Hex } from "@/lib/server/ids";
import { readSessionCookie, toViewer, userForSession, type Viewer } from "./session";

// Who is calling the JSON API: an `Authorization: Bearer` token or the session cookie.
// Tokens count here and nowhere else (SEC-16): pages and server actions read only the
// session cookie (currentUser). A read-only token may only read.

export interface ApiCaller extends Viewer {
  readOnly: boolean;
  /** Whether the token or session this request came with still counts; a long stream asks again as it goes (REL-11). */
  stillValid(): boolean;
}

const READ_METHODS = new Set(["GET", "HEAD"]);

/** For /api/v1 route handlers: 401 without a valid token or session, 403 when a read-only token tries to change something. */
export async function requireApiUser(req: Request): Promise<ApiCaller> {
  const caller = await apiCaller(req.headers);
  if (!caller) throw new AppError("unauthorized", "Sign in or send a valid API token.");
  if (caller.readOnly && !READ_METHODS.has(req.method)) throw new AppError("forbidden", "This API token is read-only.");
  return caller;
}

async function apiCaller(headers: Headers): Promise<ApiCaller | null> {
  const authorization = headers.get("authorization");
  if (authorization?.toLowerCase().startsWith("bearer ")) return callerFromToken(authorization.slice(7).trim());
  const session = await readSessionCookie(headers);
  const viewer = session && userForSession(session);
  return viewer ? { ...viewer, readOnly: false, stillValid: () => userForSession(session) !== null } : null;
}

function callerFromToken(token: string): ApiCaller | null {
  const row = token ? getApiTokenByHash(sha256Hex(token)) : undefined;
  const viewer = row && userForToken(row);
  if (!row || !viewer) return null;
  touchApiToken(row.id);
  return {
    ...viewer,
    readOnly: row.readOnly,
    stillValid: () => {
      const current = getApiTokenById(row.id);
      return Boolean(current && userForToken(current));
    },
  };
}

function userForToken(row: ApiToken, now = new Date()): Viewer | null {
  if (row.expiresAt && row.expiresAt <= now) return null;
  const user = getUserById(row.userId);
  return user && !user.disabled ? toViewer(user) : null;
}
