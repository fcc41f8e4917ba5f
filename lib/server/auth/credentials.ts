import { z } from "zod";
import { getUserByEmail, normaliseEmail, recordLogin } from "@/lib/server/data/users";
import type { User } from "@/lib/server/db/schema";
import { spendEqualHashingTime, verifyPassword } from "./password";
import { isLoginThrottled, noteFailedLogin, noteSuccessfulLogin } from "./throttle";

const credentialsSchema = z.object({
  email: z.string().trim().max(320),
  password: z.string().max(1024),
});

export type CheckResult = { ok: true; user: User } | { ok: false; reason: "invalid" | "throttled" };

/**
 * Checks an email and password. Unknown email, wrong password and disabled account
 * all answer "invalid" after the same hashing work; throttled attempts hash nothing.
 */
export async function checkCredentials(input: unknown, ip: string): Promise<CheckResult> {
  const parsed = credentialsSchema.safeParse(input);
  if (!parsed.success) return { ok: false, reason: "invalid" };
  const email = normaliseEmail(parsed.data.email);
  if (isLoginThrottled(email, ip)) return { ok: false, reason: "throttled" };

  const user = getUserByEmail(email);
  const valid = user ? await verifyPassword(parsed.data.password, user.passwordHash) : (await spendEqualHashingTime(parsed.data.password), false);
  if (!user || !valid || user.disabled) {
    noteFailedLogin(email, ip);
    return { ok: false, reason: "invalid" };
  }
  noteSuccessfulLogin(email);
  recordLogin(user.id);
  return { ok: true, user };
}
