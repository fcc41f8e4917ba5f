import { AppError } from "@/lib/errors";
import { deleteApiTokenForUser, insertApiToken, listApiTokensForUser, type ApiTokenSummary } from "@/lib/server/data/api-tokens";
import { newSecret, sha256Hex } from "@/lib/server/ids";

export type { ApiTokenSummary };

export const TOKEN_PREFIX = "slt_";
const DAY_MS = 24 * 60 * 60 * 1000;

export interface TokenOptions {
  name: string;
  /** Unset: the token works until it is revoked (or its owner changes their password). */
  expiresInDays?: number;
  /** Read-only tokens may only read the API (SEC-16). */
  readOnly?: boolean;
}

/** Returns the token once; only its SHA-256 is stored. */
export function createApiToken(userId: string, options: TokenOptions, now = Date.now()): { token: string; id: string; expiresAt: Date | null } {
  const token = newSecret(TOKEN_PREFIX);
  const expiresAt = options.expiresInDays ? new Date(now + options.expiresInDays * DAY_MS) : null;
  const row = insertApiToken({ userId, name: options.name, tokenHash: sha256Hex(token), hint: token.slice(-4), readOnly: options.readOnly ?? false, expiresAt });
  return { token, id: row.id, expiresAt };
}

/** The user's own tokens, newest first. */
export function listApiTokens(user: { id: string }): ApiTokenSummary[] {
  return listApiTokensForUser(user.id);
}

/** Revokes one of the user's own tokens; anyone else's is "not found". */
export function revokeApiToken(input: { userId: string; tokenId: string }) {
  if (!deleteApiTokenForUser(input)) throw new AppError("not_found", "Token not found.");
}
