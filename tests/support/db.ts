import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Protocol } from "@/lib/domain";
import { resetEnvCache } from "@/lib/env";
import { insertUser } from "@/lib/server/data/users";
import { closeDb, getDb } from "@/lib/server/db/client";
import { clips, providers, tasks, type ClipRow, type NewClipRow, type NewTaskRow, type ProviderRow, type TaskRow, type User } from "@/lib/server/db/schema";
import { newId } from "@/lib/server/ids";
import { syncEnvProviders } from "@/lib/server/providers/registry";
import { resetSecretCache } from "@/lib/server/secret";

// The one way an in-process test gets a database: a fresh DATA_DIR (new SQLite file,
// new secret), env providers mirrored from the given variables, and factories for the
// rows most tests need. Everything a test changes in process.env is undone on cleanup.

// Cleared on every open and setEnv, so one test's vendor configuration never leaks into the next.
const PROVIDER_VARS = [
  "NEWAPI_BASE_URL",
  "NEWAPI_API_KEY",
  "NENGYONGAI_BASE_URL",
  "NENGYONGAI_API_KEY",
  "SUNOHUB_BASE_URL",
  "SUNOHUB_API_KEY",
  "APP_URL",
  "DEMO_PROVIDER",
  "POLL_TIMEOUT_MINUTES",
];

type EnvVars = Record<string, string | undefined>;

export interface TestDb {
  dataDir: string;
  /** Switches environment (providers, APP_URL, allowed hosts) without a new database. */
  setEnv(vars: EnvVars): void;
  cleanup(): void;
}

export function openTestDb(vars: EnvVars = {}): TestDb {
  const saved = { ...process.env };
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "songloft-test-"));
  const setEnv = (next: EnvVars) => {
    for (const name of PROVIDER_VARS) delete process.env[name];
    for (const [name, value] of Object.entries(next)) if (value !== undefined) process.env[name] = value;
    process.env.DATA_DIR = dataDir;
    resetEnvCache();
    syncEnvProviders();
  };
  closeDb();
  resetSecretCache();
  setEnv(vars);
  return {
    dataDir,
    setEnv,
    cleanup() {
      closeDb();
      for (const name of Object.keys(process.env)) if (!(name in saved)) delete process.env[name];
      Object.assign(process.env, saved);
      resetEnvCache();
      resetSecretCache();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export function createUser({ name = "Ada", role = "member" }: { name?: string; role?: User["role"] } = {}): User {
  return insertUser({ email: `${name.toLowerCase()}-${newId()}@example.test`, name, passwordHash: "not-a-real-hash", role });
}

/** A provider added through the app (source "db") unless `values` says otherwise. */
export function createProvider(protocol: Protocol, values: Partial<ProviderRow> = {}): ProviderRow {
  return getDb()
    .insert(providers)
    .values({ id: `p-${newId()}`, name: protocol, protocol, baseUrl: "", source: "db", ...values })
    .returning()
    .get();
}

/** A finished music task on the demo provider unless `values` says otherwise. */
export function createTask(owner: User, values: Partial<NewTaskRow> = {}): TaskRow {
  return getDb()
    .insert(tasks)
    .values({ id: newId(), ownerId: owner.id, providerId: "demo", kind: "music", request: {}, status: "succeeded", ...values })
    .returning()
    .get();
}

/** A succeeded, team-visible clip unless `values` says otherwise; its own task unless one is given. */
export function createClip(owner: User, values: Partial<NewClipRow> = {}): ClipRow {
  const providerId = values.providerId ?? "demo";
  return getDb()
    .insert(clips)
    .values({
      id: newId(),
      taskId: values.taskId ?? createTask(owner, { providerId }).id,
      ownerId: owner.id,
      providerId,
      vendorClipId: newId(),
      title: "Untitled",
      state: "succeeded",
      model: "v4.5",
      audioUrl: "https://cdn1.suno.ai/x.mp3",
      ...values,
    })
    .returning()
    .get();
}
