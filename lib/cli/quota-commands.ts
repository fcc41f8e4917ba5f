import { QUOTA_MAX } from "@/lib/schemas/quotas";
import { getUserByEmail } from "@/lib/server/data/users";
import { setMemberQuota, setTeamQuotaDefaultsForAdmin } from "@/lib/server/services/quotas";
import { UsageError, type Command } from "./commands";

// Spending limits from the command line (REL-13): the operator at the server acts as an admin.

const OPERATOR = { role: "admin" } as const;
const LIMIT_OPTIONS = { daily: { type: "string" }, monthly: { type: "string" } } as const;

/** `--daily 10` sets, `--daily none` clears, no flag leaves the period alone. */
function limitFlag(value: unknown, flag: string): number | null | undefined {
  if (value === undefined) return undefined;
  const text = String(value).trim().toLowerCase();
  if (text === "none") return null;
  if (!/^\d+$/.test(text) || Number(text) > QUOTA_MAX) throw new UsageError(`Invalid --${flag}: ${String(value)} (a whole number up to ${QUOTA_MAX}, or none)`);
  return Number(text);
}

function limitsFrom(values: Record<string, unknown>) {
  const update = { daily: limitFlag(values.daily, "daily"), monthly: limitFlag(values.monthly, "monthly") };
  if (update.daily === undefined && update.monthly === undefined) throw new UsageError("Give --daily and/or --monthly");
  return update;
}

const show = (n: number | null, unset: string) => (n === null ? unset : `${n} songs`);

export const quotaCommands: Record<string, Command> = {
  "users:quota": {
    summary: "Set a member's own songs per UTC day / month (none: back to the team default)",
    args: "--email E [--daily N|none] [--monthly N|none]",
    options: { email: { type: "string" }, ...LIMIT_OPTIONS },
    run(values) {
      const email = typeof values.email === "string" ? values.email : "";
      if (!email) throw new UsageError("Missing --email");
      const user = getUserByEmail(email);
      if (!user) throw new Error(`No user with email ${email}`);
      const q = setMemberQuota(OPERATOR, user.id, limitsFrom(values));
      console.log(
        `${user.email}: daily ${show(q.own.daily, "team default")} (now ${show(q.effective.daily, "unlimited")}), monthly ${show(q.own.monthly, "team default")} (now ${show(q.effective.monthly, "unlimited")}).`,
      );
    },
  },
  "quota:default": {
    summary: "Set the team default songs per UTC day / month (none: unlimited)",
    args: "[--daily N|none] [--monthly N|none]",
    options: { ...LIMIT_OPTIONS },
    run(values) {
      const team = setTeamQuotaDefaultsForAdmin(OPERATOR, limitsFrom(values));
      console.log(`Team default: daily ${show(team.daily, "unlimited")}, monthly ${show(team.monthly, "unlimited")}.`);
    },
  },
};
