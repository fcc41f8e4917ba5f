import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { env } from "@/lib/env";

let cached: string | undefined;

/**
 * The app secret signs sessions and derives the key that encrypts vendor keys.
 * When AUTH_SECRET is unset, a 32-byte secret is generated once into DATA_DIR
 * (mode 0600) and reused, so sessions and stored keys survive restarts.
 */
export function appSecret(): string {
  if (cached) return cached;
  const { AUTH_SECRET, dataDir } = env();
  if (AUTH_SECRET) return (cached = AUTH_SECRET);
  const file = path.join(dataDir, "secret");
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  try {
    fs.writeFileSync(file, crypto.randomBytes(32).toString("base64url") + "\n", { mode: 0o600, flag: "wx" });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
  }
  const value = fs.readFileSync(file, "utf8").trim();
  if (value.length < 32) throw new Error(`${file} is too short to be a secret; delete it to generate a new one`);
  return (cached = value);
}

export function resetSecretCache() {
  cached = undefined;
}
