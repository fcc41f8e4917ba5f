import path from "node:path";
import { isAppError } from "@/lib/errors";
import { emailField, nameField, roleField, tokenExpiryField } from "@/lib/schemas/account";
import { closeDb, databaseFile, getDb } from "@/lib/server/db/client";
import { getUserByEmail, listUsers } from "@/lib/server/data/users";
import { forgetUnreadableProviderKeys, listProviders, syncEnvProviders } from "@/lib/server/providers/registry";
import { createUser, setDisabled, setPasswordByOperator } from "@/lib/server/services/accounts";
import { createApiToken } from "@/lib/server/services/api-tokens";
import { readSecret } from "./read-secret";
import { quotaCommands } from "./quota-commands";
import { waveformCommands } from "./waveform-commands";

export class UsageError extends Error {}

type Values = Record<string, string | boolean | undefined>;
type Option = { type: "string" | "boolean" };
export interface Command {
  summary: string;
  args: string;
  options: Record<string, Option>;
  run(values: Values): Promise<number | void> | number | void;
}

const str = (values: Values, key: string, required = true): string | undefined => {
  const v = values[key];
  if (typeof v === "string" && v.trim() !== "") return v;
  if (required) throw new UsageError(`Missing --${key}`);
  return undefined;
};

function parseField<T>(schema: { safeParse(v: unknown): { success: boolean; data?: T } }, value: unknown, flag: string): T {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new UsageError(`Invalid --${flag}: ${String(value)}`);
  return parsed.data as T;
}

/** The member named by --email, or a plain error naming the address. */
function userByEmailOption(values: Values) {
  const email = parseField<string>(emailField, str(values, "email"), "email");
  const user = getUserByEmail(email);
  if (!user) throw new Error(`No account with the email ${email}.`);
  return user;
}

/** A service refusal (weak password, the owner, the last admin) as one plain line with its details. */
async function operatorCall<T>(fn: () => T | Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (isAppError(err)) throw new Error(`${err.message} ${err.details ? JSON.stringify(err.details) : ""}`.trim());
    throw err;
  }
}

export const commands: Record<string, Command> = {
  "users:create": {
    summary: "Create a user (the first one is usually an admin)",
    args: "--email E --password P [--role admin|member] [--name N]",
    options: { email: { type: "string" }, password: { type: "string" }, role: { type: "string" }, name: { type: "string" } },
    async run(values) {
      const email = parseField<string>(emailField, str(values, "email"), "email");
      const password = str(values, "password")!;
      const role = parseField<"admin" | "member">(roleField, str(values, "role", false) ?? "member", "role");
      const name = parseField<string>(nameField, str(values, "name", false) ?? email.split("@")[0], "name");
      const user = await operatorCall(() => createUser({ email, password, role, name }));
      console.log(`Created ${user.role} ${user.email} (${user.id})`);
    },
  },
  "users:password": {
    summary: "Set a member's password (the owner's too); ends their sessions and revokes their API tokens",
    args: "--email E [--password P]  (without --password: prompts, or reads a line from stdin)",
    options: { email: { type: "string" }, password: { type: "string" } },
    async run(values) {
      const email = parseField<string>(emailField, str(values, "email"), "email");
      const password = str(values, "password", false) ?? (await readSecret(`New password for ${email}: `));
      if (!password) throw new UsageError("No password given");
      const user = await operatorCall(() => setPasswordByOperator(email, password));
      console.log(`Password set for ${user.email}. Their other sessions have ended and their API tokens were revoked.`);
    },
  },
  "users:disable": {
    summary: "Disable a member: ends their sessions and revokes their API tokens and reset links at once",
    args: "--email E",
    options: { email: { type: "string" } },
    async run(values) {
      const user = userByEmailOption(values);
      await operatorCall(() => setDisabled(null, user.id, true));
      console.log(`Disabled ${user.email}: signed out everywhere, API tokens revoked.`);
    },
  },
  "users:enable": {
    summary: "Enable a disabled member again (they sign in afresh; old API tokens stay revoked)",
    args: "--email E",
    options: { email: { type: "string" } },
    async run(values) {
      const user = userByEmailOption(values);
      await operatorCall(() => setDisabled(null, user.id, false));
      console.log(`Enabled ${user.email}.`);
    },
  },
  "users:list": {
    summary: "List members",
    args: "",
    options: {},
    run() {
      const rows = listUsers().map((u) => ({
        email: u.email,
        name: u.name,
        role: u.role,
        owner: u.isOwner ? "yes" : "",
        disabled: u.disabled ? "yes" : "no",
        created: u.createdAt.toISOString(),
        lastSignIn: u.lastLoginAt?.toISOString() ?? "never",
      }));
      if (rows.length === 0) console.log("No users yet. Open the app to create the owner, or run users:create.");
      else console.table(rows);
    },
  },
  "tokens:create": {
    summary: "Create an API token for a user; the token is printed once, on the last line",
    args: "--email E [--name N] [--expires-in-days N] [--read-only]",
    options: { email: { type: "string" }, name: { type: "string" }, "expires-in-days": { type: "string" }, "read-only": { type: "boolean" } },
    run(values) {
      const email = str(values, "email")!;
      const days = str(values, "expires-in-days", false);
      const expiresInDays = days === undefined ? undefined : parseField<number>(tokenExpiryField, days, "expires-in-days");
      const user = getUserByEmail(email);
      if (!user) throw new Error(`No user with email ${email}`);
      const readOnly = values["read-only"] === true;
      const { token, expiresAt } = createApiToken(user.id, { name: str(values, "name", false) ?? "CLI token", expiresInDays, readOnly });
      const scope = readOnly ? "read-only" : "full access";
      const until = expiresAt ? `expires ${expiresAt.toISOString()}` : "no expiry";
      console.log(`Token for ${user.email} (${scope}, ${until}; store it now, it is not shown again):`);
      console.log(token);
    },
  },
  "providers:list": {
    summary: "List providers (keys masked)",
    args: "",
    options: {},
    run() {
      syncEnvProviders();
      console.table(
        listProviders().map((p) => ({
          id: p.id,
          name: p.name,
          protocol: p.protocol,
          baseUrl: p.baseUrl,
          key: p.keyHint ?? "",
          enabled: p.enabled ? "yes" : "no",
          source: p.source,
          models: p.models.map((m) => m.id).join(" "),
        })),
      );
    },
  },
  "providers:forget-unreadable-keys": {
    summary: "Clear and disable providers whose stored key this secret cannot decrypt (enter them again in Admin)",
    args: "",
    options: {},
    run() {
      const names = forgetUnreadableProviderKeys();
      if (names.length === 0) console.log("Every stored provider key opens with this secret; nothing changed.");
      else console.log(`Cleared and disabled: ${names.join(", ")}. Enter their keys again under Admin → Providers.`);
    },
  },
  "db:migrate": {
    summary: "Apply pending database migrations",
    args: "",
    options: {},
    run() {
      getDb();
      console.log(`Database is up to date: ${databaseFile()}`);
    },
  },
  "db:backup": {
    summary: "Take an online, consistent backup of the database (keep DATA_DIR/secret with it)",
    args: "--out FILE",
    options: { out: { type: "string" } },
    async run(values) {
      const { backupDatabase } = await import("@/lib/server/services/database-backup");
      const out = path.resolve(str(values, "out")!);
      const { bytes } = backupDatabase(out);
      console.log(`Backup written to ${out} (integrity ok, ${bytes} bytes).`);
      console.log("Keep the secret with it: DATA_DIR/secret (or your AUTH_SECRET) opens the stored vendor keys.");
    },
  },
  "db:restore": {
    summary: "Replace the database with a backup (refused while a server runs on it; the old one is kept aside)",
    args: "--from FILE",
    options: { from: { type: "string" } },
    async run(values) {
      const { restoreDatabase } = await import("@/lib/server/services/database-backup");
      const { previous } = restoreDatabase(str(values, "from")!);
      console.log(`Restored ${databaseFile()} from ${path.resolve(str(values, "from")!)}.`);
      if (previous) console.log(`The database it replaced is kept as ${previous}.`);
    },
  },
  "media:verify": {
    summary: "Re-hash the media archive and report missing or corrupt files",
    args: "",
    options: {},
    async run() {
      const { verifyMediaArchive } = await import("@/lib/server/services/verify-media");
      const report = await verifyMediaArchive();
      console.log(`Checked ${report.checked} archived files: ${report.ok} ok, ${report.missing.length} missing, ${report.corrupt.length} corrupt.`);
      for (const m of report.missing) console.log(`missing  ${JSON.stringify(m)}`);
      for (const c of report.corrupt) console.log(`corrupt  ${JSON.stringify(c)}`);
      console.log(`${report.failed.count} downloads failed for good${report.failed.count > 0 ? " (npm run cli -- media:retry-failed queues them again)" : ""}.`);
      for (const f of report.failed.first) console.log(`failed   ${JSON.stringify(f)}`);
      return report.missing.length + report.corrupt.length + report.failed.count > 0 ? 1 : 0;
    },
  },
  "media:retry-failed": {
    summary: "Queue every failed media download again, with fresh attempts",
    args: "",
    options: {},
    async run() {
      const { retryFailedMedia } = await import("@/lib/server/services/verify-media");
      const count = retryFailedMedia();
      console.log(`Queued ${count} failed downloads again; the running server archives them on its next rounds.`);
    },
  },
  ...waveformCommands,
  ...quotaCommands,
};

export function usage(only?: string): string {
  const entries = Object.entries(commands).filter(([name]) => !only || name === only);
  const lines = entries.map(([name, c]) => `  ${(name + " " + c.args).padEnd(62)} ${c.summary}`);
  return `Usage: npm run cli -- <command> [options]\n\nCommands:\n${lines.join("\n")}\n`;
}

process.on("exit", () => closeDb());
