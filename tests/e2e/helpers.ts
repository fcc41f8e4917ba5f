import fs from "node:fs";
import path from "node:path";
import { expect } from "@playwright/test";
import { distDir, type RunningApp } from "../support/app-server";

// Test data made without a browser: accounts and tokens through the CLI (the operator's
// path), songs through the JSON API, server action ids from the build.

export interface Account {
  name: string;
  email: string;
  password: string;
}

let counter = 0;
/** A fresh account with a strong, unique password. */
export function account(prefix: string): Account {
  counter += 1;
  const id = `${prefix}${counter}${Date.now().toString(36)}`;
  return { name: `${prefix[0].toUpperCase()}${prefix.slice(1)} ${counter}`, email: `${id}@example.test`, password: `correct horse ${id} battery` };
}

/** Creates a user through the CLI (the same code path an operator uses). */
export function createUser(app: RunningApp, user: Account, role: "admin" | "member" = "member") {
  const r = app.cli(["users:create", "--email", user.email, "--password", user.password, "--name", user.name, "--role", role]);
  if (r.code !== 0) throw new Error(`users:create failed: ${r.stderr}`);
}

export function createToken(app: RunningApp, email: string): string {
  const r = app.cli(["tokens:create", "--email", email]);
  if (r.code !== 0) throw new Error(`tokens:create failed: ${r.stderr}`);
  return r.stdout.trim().split("\n").pop()!.trim();
}

interface TaskJson {
  task: { id: string; status: string; clips: { id: string; title: string; audioUrl: string | null }[] };
}

/** Submits a song through the JSON API (demo provider) and waits until both takes are ready; returns their ids. */
export async function generateSong(app: RunningApp, token: string, body: Record<string, unknown>): Promise<string[]> {
  const headers = { authorization: `Bearer ${token}`, "content-type": "application/json", "idempotency-key": `e2e-${Math.random()}` };
  // The CLI calls before this block the event loop for seconds, and fetch may then write
  // into a keep-alive socket the server has closed meanwhile. The Idempotency-Key makes
  // sending again safe: the server answers the same task, never a second one.
  const post = () => fetch(`${app.url}/api/v1/generations`, { method: "POST", headers, body: JSON.stringify(body) });
  const created = await post().catch(post);
  expect(created.status).toBe(202);
  const { task } = (await created.json()) as TaskJson;
  let latest: TaskJson["task"] = task;
  await expect
    .poll(
      async () => {
        latest = ((await (await fetch(`${app.url}/api/v1/tasks/${task.id}`, { headers })).json()) as TaskJson).task;
        return latest.status === "succeeded" && latest.clips.length > 0 && latest.clips.every((c) => c.audioUrl);
      },
      { timeout: 60_000, intervals: [500] },
    )
    .toBe(true);
  return latest.clips.map((c) => c.id);
}

/** The id the production build gave a server action, to call it the way React does. */
export function actionId(name: string): string {
  const manifest = JSON.parse(fs.readFileSync(path.resolve(__dirname, "..", "..", distDir, "server", "server-reference-manifest.json"), "utf8")) as {
    node: Record<string, { exportedName?: string }>;
  };
  const entry = Object.entries(manifest.node).find(([, e]) => e.exportedName === name);
  if (!entry) throw new Error(`no server action ${name}`);
  return entry[0];
}
