import crypto from "node:crypto";

/** A vendor key as round 1 stored it ("v1": AES-256-GCM, no associated data), for upgrade tests. */
export function sealUnbound(plaintext: string, appSecret: string, purpose = "provider-key"): string {
  const key = Buffer.from(crypto.hkdfSync("sha256", appSecret, "songloft", purpose, 32));
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv("aes-256-gcm", key, iv);
  const body = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return ["v1", iv, cipher.getAuthTag(), body].map((p) => (typeof p === "string" ? p : p.toString("base64url"))).join(".");
}
