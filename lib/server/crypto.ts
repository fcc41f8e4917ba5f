import crypto from "node:crypto";
import { appSecret } from "@/lib/server/secret";

// Vendor keys at rest: AES-256-GCM with a key derived from the app secret by HKDF
// (SEC-8). Stored as "v1.<iv>.<tag>.<ciphertext>", base64url.

function keyFor(purpose: string): Buffer {
  return Buffer.from(crypto.hkdfSync("sha256", appSecret(), "songloft", purpose, 32));
}

export function encryptSecret(plaintext: string, purpose = "provider-key"): string {
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv("aes-256-gcm", keyFor(purpose), iv);
  const body = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return ["v1", iv, cipher.getAuthTag(), body].map((p) => (typeof p === "string" ? p : p.toString("base64url"))).join(".");
}

export function decryptSecret(stored: string, purpose = "provider-key"): string {
  const [version, iv, tag, body] = stored.split(".");
  if (version !== "v1" || !iv || !tag || body === undefined) throw new Error("Unrecognised secret format");
  const decipher = crypto.createDecipheriv("aes-256-gcm", keyFor(purpose), Buffer.from(iv, "base64url"));
  decipher.setAuthTag(Buffer.from(tag, "base64url"));
  return Buffer.concat([decipher.update(Buffer.from(body, "base64url")), decipher.final()]).toString("utf8");
}

/** "sk-…a1b2": enough to recognise a key, never enough to use it. */
export function maskKey(key: string | null | undefined): string {
  if (!key) return "";
  const prefix = key.startsWith("sk-") ? "sk-" : "";
  return `${prefix}…${key.slice(-4)}`;
}
