import crypto from "node:crypto";

/** 128 random bits from the CSPRNG, URL-safe (SEC-3). */
export function newId(): string {
  return crypto.randomBytes(16).toString("base64url");
}

/** A secret handed to a person or a vendor once (tokens, invite links, callback secrets). */
export function newSecret(prefix = ""): string {
  return prefix + crypto.randomBytes(32).toString("base64url");
}

export function sha256Hex(value: string | Buffer): string {
  return crypto.createHash("sha256").update(value).digest("hex");
}
