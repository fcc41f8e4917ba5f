import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { resetEnvCache } from "@/lib/env";
import { insertUser } from "@/lib/server/data/users";
import { closeDb, getDb } from "@/lib/server/db/client";
import { clips, providers, tasks, type ClipRow, type NewClipRow, type User } from "@/lib/server/db/schema";
import { newId } from "@/lib/server/ids";

// A throwaway database with users, providers and clips for the library tests.

export function openLibraryTestDb() {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "songloft-library-"));
  closeDb();
  process.env.DATA_DIR = dataDir;
  resetEnvCache();
  const db = getDb();
  for (const id of ["demo", "newapi"] as const) {
    db.insert(providers).values({ id, name: id === "demo" ? "Demo (offline)" : "new-api relay", protocol: id, source: "env" }).onConflictDoNothing().run();
  }
  return {
    dataDir,
    cleanup() {
      closeDb();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export function addUser(name: string): User {
  return insertUser({ email: `${name.toLowerCase()}-${newId()}@example.test`, name, passwordHash: "x" });
}

export function addTask(owner: User, providerId = "demo"): string {
  const id = newId();
  getDb().insert(tasks).values({ id, ownerId: owner.id, providerId, kind: "music", request: {}, status: "succeeded" }).run();
  return id;
}

/** A succeeded, team-visible clip unless `values` says otherwise; its own task unless one is given. */
export function addClip(owner: User, values: Partial<NewClipRow> = {}): ClipRow {
  const providerId = values.providerId ?? "demo";
  return getDb()
    .insert(clips)
    .values({
      id: newId(),
      taskId: values.taskId ?? addTask(owner, providerId),
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

export function clipRow(id: string): ClipRow | undefined {
  return getDb().select().from(clips).all().find((c) => c.id === id);
}
