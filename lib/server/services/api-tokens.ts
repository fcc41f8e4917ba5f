import { AppError } from "@/lib/errors";
import { deleteApiTokenForUser, insertApiToken } from "@/lib/server/data/api-tokens";
import { newSecret, sha256Hex } from "@/lib/server/ids";

export const TOKEN_PREFIX = "slt_";

/** Returns the token once; only its SHA-256 is stored. */
export function createApiToken(userId: string, name: string): { token: string; id: string } {
  const token = newSecret(TOKEN_PREFIX);
  const row = insertApiToken({ userId, name, tokenHash: sha256Hex(token), hint: token.slice(-4) });
  return { token, id: row.id };
}

export function revokeApiToken(userId: string, tokenId: string) {
  if (!deleteApiTokenForUser(tokenId, userId)) throw new AppError("not_found", "Token not found.");
}
