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
  return cliWithInput(undefined, ...args);
}

function cliWithInput(input: string | undefined, ...args: string[]) {
  const r = spawnSync(path.join(root, "node_modules", ".bin", "tsx"), ["lib/cli/index.ts", ...args], {
    cwd: root,
    env: { ...process.env, DATA_DIR: dataDir, SONGLOFT_LOG: "silent" },
    encoding: "utf8",
    input,
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

  it("sets a password from the option or from stdin, and disables and enables a member by email", () => {
    const users = () => {
      const db = new Database(path.join(dataDir, "songloft.db"), { readonly: true });
      const rows = db.prepare("SELECT email, password_hash, disabled, session_version FROM users").all() as {
        email: string;
        password_hash: string;
        disabled: number;
        session_version: number;
      }[];
      db.close();
      return new Map(rows.map((r) => [r.email, r]));
    };
    expect(cli("users:create", "--email", "locked@example.test", "--password", "first passphrase here").code).toBe(0);
    const start = users().get("locked@example.test")!;

    const set = cli("users:password", "--email", "locked@example.test", "--password", "second passphrase here");
    expect(set.code, set.err).toBe(0);
    expect(set.out).toContain("Password set for locked@example.test");
    const afterOption = users().get("locked@example.test")!;
    expect(afterOption.password_hash).not.toBe(start.password_hash);
    expect(afterOption.session_version).toBeGreaterThan(start.session_version);

    // Piped, the password never appears in the arguments.
    const piped = cliWithInput("third passphrase here\n", "users:password", "--email", "locked@example.test");
    expect(piped.code, piped.err).toBe(0);
    expect(users().get("locked@example.test")!.password_hash).not.toBe(afterOption.password_hash);
    const weak = cliWithInput("password123\n", "users:password", "--email", "locked@example.test");
    expect(weak.code).toBe(1);
    expect(weak.err).toMatch(/not acceptable.*passwordTooCommon/);
    expect(cli("users:password", "--email", "nobody@example.test", "--password", "fourth passphrase here").err).toContain("No account with the email nobody@example.test");

    expect(cli("users:disable", "--email", "locked@example.test").code).toBe(0);
    expect(users().get("locked@example.test")!.disabled).toBe(1);
    expect(cli("users:enable", "--email", "locked@example.test").code).toBe(0);
    expect(users().get("locked@example.test")!.disabled).toBe(0);
    // The owner cannot be disabled, not even by the operator.
    const owner = cli("users:disable", "--email", "owner@example.test");
    expect(owner.code).toBe(1);
    expect(owner.err).toContain("The owner cannot be disabled");
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
      ["users:disable"],
      ["users:password", "--email", "not-an-email"],
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
