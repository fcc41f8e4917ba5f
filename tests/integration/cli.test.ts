import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";

// The CLI as an operator runs it: a real process against a real DATA_DIR.

const root = path.resolve(__dirname, "..", "..");
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "songloft-cli-"));

function cli(...args: string[]) {
  const r = spawnSync(path.join(root, "node_modules", ".bin", "tsx"), ["lib/cli/index.ts", ...args], {
    cwd: root,
    env: { ...process.env, DATA_DIR: dataDir, SONGLOFT_LOG: "silent" },
    encoding: "utf8",
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe("npm run cli", () => {
  it("creates and lists users, refusing weak passwords and duplicates", () => {
    expect(cli("users:create", "--email", "owner@example.test", "--password", "a strong passphrase", "--role", "admin", "--name", "Owner").code).toBe(0);
    const weak = cli("users:create", "--email", "weak@example.test", "--password", "password123");
    expect(weak.code).toBe(1);
    expect(weak.err).toMatch(/password/i);
    expect(cli("users:create", "--email", "owner@example.test", "--password", "another strong one").code).toBe(1);
    const list = cli("users:list");
    expect(list.code).toBe(0);
    expect(list.out).toContain("owner@example.test");
    expect(list.out).toContain("admin");
    // The first admin of an install set up from the command line is its owner.
    expect(list.out).toMatch(/owner@example\.test.*admin.*yes/);
    expect(list.out).not.toContain("weak@example.test");
  });

  it("prints a new token alone on the last line, stored only as a hash", () => {
    const r = cli("tokens:create", "--email", "owner@example.test", "--name", "ci");
    expect(r.code).toBe(0);
    const token = r.out.trim().split("\n").pop()!;
    expect(token).toMatch(/^slt_[\w-]{43}$/);
    const db = new Database(path.join(dataDir, "songloft.db"), { readonly: true });
    const rows = db.prepare("SELECT token_hash, hint FROM api_tokens").all() as { token_hash: string; hint: string }[];
    db.close();
    expect(rows).toHaveLength(1);
    expect(rows[0].token_hash).not.toContain(token);
    expect(rows[0].hint).toBe(token.slice(-4));
  });

  it("prints usage and exits 2 on bad arguments", () => {
    for (const args of [
      [],
      ["nope"],
      ["users:create", "--email"],
      ["users:create", "--email", "x@example.test"],
      ["users:create", "--bogus", "1"],
      ["users:create", "--email", "not-an-email", "--password", "long enough pass"],
      ["db:backup"],
    ]) {
      const r = cli(...args);
      expect(r.code, args.join(" ")).toBe(2);
      expect(r.err, args.join(" ")).toContain("Usage: npm run cli");
    }
  });

  it("takes an online backup that passes integrity_check and boots as a data dir (REL-7)", () => {
    const restoreDir = fs.mkdtempSync(path.join(os.tmpdir(), "songloft-restore-"));
    const out = path.join(restoreDir, "songloft.db");
    const r = cli("db:backup", "--out", out);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toContain("integrity ok");
    expect(cli("db:backup", "--out", out).code).toBe(1); // never overwrites
    const restored = spawnSync(path.join(root, "node_modules", ".bin", "tsx"), ["lib/cli/index.ts", "users:list"], {
      cwd: root,
      env: { ...process.env, DATA_DIR: restoreDir, SONGLOFT_LOG: "silent" },
      encoding: "utf8",
    });
    expect(restored.status).toBe(0);
    expect(restored.stdout).toContain("owner@example.test");
  });

  it("lists providers with the demo provider and no keys", () => {
    const r = cli("providers:list");
    expect(r.code).toBe(0);
    expect(r.out).toContain("Demo (offline)");
  });
});
