import { z } from "zod";
import { normaliseEmail } from "@/lib/domain";
import { getUserByEmail, recordLogin } from "@/lib/server/data/users";
import type { User } from "@/lib/server/db/schema";
import type { DeviceClaim } from "./device-cookie";
import { hasPassword, spendEqualHashingTime, verifyPassword } from "./password";
import { accountLimit, addressLimit, deviceLimit, startPasswordCheck } from "./throttle";

const credentialsSchema = z.object({
  email: z.string().trim().max(320),
  password: z.string().max(1024),
});

export type CheckResult = { ok: true; user: User } | { ok: false; reason: "invalid" | "throttled" | "busy" };

export interface Client {
  ip: string;
  /** The browser's verified device cookie, if it has one. */
  device?: DeviceClaim | null;
}

/**
 * Checks an email and password. Unknown email, wrong password and disabled account
 * all answer "invalid" after the same hashing work; throttled or busy attempts hash
 * nothing. A browser whose device cookie belongs to this account is counted apart.
 */
export async function checkCredentials(input: unknown, client: Client): Promise<CheckResult> {
  const parsed = credentialsSchema.safeParse(input);
  if (!parsed.success) return { ok: false, reason: "invalid" };
  const email = normaliseEmail(parsed.data.email);
  const user = getUserByEmail(email);
  const device = user && client.device?.userId === user.id ? client.device : null;
  const limits = device ? [deviceLimit(device.deviceId)] : [accountLimit(email), addressLimit(client.ip)];
  const check = startPasswordCheck(limits, { knownDevice: device !== null });
  if (check.refused) return { ok: false, reason: check.refused };

  let succeeded = false;
  try {
    // An unknown email and an account without a password (single sign-on only) cost the same hashing as a wrong password.
    const valid =
      user && hasPassword(user.passwordHash) ? await verifyPassword(parsed.data.password, user.passwordHash) : (await spendEqualHashingTime(parsed.data.password), false);
    succeeded = Boolean(user && valid && !user.disabled);
  } finally {
    check.finish(succeeded);
  }
  if (!user || !succeeded) return { ok: false, reason: "invalid" };
  recordLogin(user.id);
  return { ok: true, user };
}
