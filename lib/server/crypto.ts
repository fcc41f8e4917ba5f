import crypto from "node:crypto";
import { appSecret } from "@/lib/server/secret";

// Vendor keys at rest: AES-256-GCM with a key derived from the app secret by HKDF
// (SEC-8). Stored as "v2.<iv>.<tag>.<ciphertext>", base64url, with a context string
// as associated data, so a ciphertext only opens for what it was sealed for (SEC-15).
// "v1" ciphertexts (no context) predate the binding; they still open, and their
// owners re-seal them with a context on first read.

function keyFor(purpose: string): Buffer {
  return Buffer.from(crypto.hkdfSync("sha256", appSecret(), "songloft", purpose, 32));
}

export function encryptSecret(plaintext: string, purpose: string, context: string): string {
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv("aes-256-gcm", keyFor(purpose), iv);
  cipher.setAAD(Buffer.from(context, "utf8"));
  const body = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return ["v2", iv, cipher.getAuthTag(), body].map((p) => (typeof p === "string" ? p : p.toString("base64url"))).join(".");
}

/** True for a ciphertext sealed before contexts existed: open it, then seal it again. */
export function isUnboundSecret(stored: string): boolean {
  return stored.startsWith("v1.");
}

/** Throws when the secret, the purpose or the context differ from the sealing ones, or anything was changed. */
export function decryptSecret(stored: string, purpose: string, context: string): string {
  const [version, iv, tag, body] = stored.split(".");
  if ((version !== "v1" && version !== "v2") || !iv || !tag || body === undefined) throw new Error("Unrecognised secret format");
  const decipher = crypto.createDecipheriv("aes-256-gcm", keyFor(purpose), Buffer.from(iv, "base64url"));
  if (version === "v2") decipher.setAAD(Buffer.from(context, "utf8"));
  decipher.setAuthTag(Buffer.from(tag, "base64url"));
  return Buffer.concat([decipher.update(Buffer.from(body, "base64url")), decipher.final()]).toString("utf8");
}

/** "sk-…a1b2": enough to recognise a key, never enough to use it. */
export function maskKey(key: string | null | undefined): string {
  if (!key) return "";
  const prefix = key.startsWith("sk-") ? "sk-" : "";
  return `${prefix}…${key.slice(-4)}`;
}
