import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { distDir, freePort } from "../support/app-server";
import { healthcheckCommand, readDockerfile, root, stageEnv } from "../support/dockerfile";

// The Dockerfile's runtime stage without a container engine (there is none on the test
// machines): its files are laid out in a clean directory as its COPY lines say, its RUN
// line is run there, and its CMD is started with its ENV. The server must come up
// without building again, `npm run cli` must work there (backups), and the HEALTHCHECK's
// exact command must pass against it, and fail once it is gone.
//
// Put in for the container's own: the data directory for /data, a free port for 3000,
// and 127.0.0.1 for HOSTNAME=0.0.0.0 (tests listen on loopback only). node_modules is
// this checkout's, linked: the prod-deps stage would only prune the test tools, which
// tests/integration/dockerfile.test.ts checks.

test("the runtime stage starts with its CMD without building, serves, backs up, and its HEALTHCHECK passes", async () => {
  test.setTimeout(120_000);
  const stages = readDockerfile();
  const runtime = stages.at(-1)!;
  const workdir = runtime.instructions.find((i) => i.keyword === "WORKDIR")!.words[0];
  const base = fs.mkdtempSync(path.join(os.tmpdir(), "songloft-runtime-"));
  const app = path.join(base, "app");
  const dataDir = path.join(base, "data");
  fs.mkdirSync(app);

  for (const copy of runtime.instructions.filter((i) => i.keyword === "COPY")) {
    const target = copy.words.at(-1)!;
    for (const source of copy.words.slice(0, -1)) {
      const relative = path.posix.relative(workdir, source); // /app/lib → lib
      const to = path.join(app, target.endsWith("/") ? path.basename(relative) : target);
      if (copy.flags.from === "prod-deps" && relative === "node_modules") {
        fs.symlinkSync(path.join(root, "node_modules"), to);
        continue;
      }
      expect(copy.flags.from, `COPY ${source}`).toBe("build");
      const from = path.join(root, relative === ".next" ? distDir : relative);
      fs.cpSync(from, to, { recursive: true, preserveTimestamps: true, filter: (f) => !f.startsWith(path.join(root, distDir, "cache")) });
    }
  }
  for (const run of runtime.instructions.filter((i) => i.keyword === "RUN")) {
    // The volume's path becomes the test's data directory; ownership is the container's business.
    const command = run.args
      .split("&&")
      .filter((part) => !/^\s*chown\b/.test(part))
      .join("&&")
      .replaceAll("/data", dataDir);
    const r = spawnSync("sh", ["-c", command], { cwd: app, encoding: "utf8" });
    expect(r.status, `RUN ${command}: ${r.stderr}`).toBe(0);
  }

  const port = await freePort();
  const imageEnv = stageEnv(stages, runtime);
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    NODE_ENV: "production", // for the type; the image's ENV sets it (checked in tests/integration/dockerfile.test.ts)
    ...imageEnv,
    DATA_DIR: dataDir,
    PORT: String(port),
    HOSTNAME: "127.0.0.1",
  };
  expect(imageEnv.DATA_DIR).toBe("/data");
  const cmd = runtime.instructions.find((i) => i.keyword === "CMD")!.words;
  let output = "";
  // Its own process group, so stopping it reaches npm, tsx and Next.js alike.
  const server = spawn(cmd[0], cmd.slice(1), { cwd: app, env, detached: true });
  server.stdout.on("data", (d) => (output += d));
  server.stderr.on("data", (d) => (output += d));
  const health = healthcheckCommand(runtime);
  const runHealthcheck = () => spawnSync(health[0], health.slice(1), { env, encoding: "utf8", timeout: 10_000 }).status;
  try {
    await expect
      .poll(
        async () => {
          if (server.exitCode !== null) throw new Error(`The server exited:\n${output}`);
          return fetch(`http://127.0.0.1:${port}/api/health`).then(
            (r) => r.status,
            () => 0,
          );
        },
        { timeout: 90_000, intervals: [500] },
      )
      .toBe(200);
    expect(output).not.toContain("Building Songloft");
    expect(output).toContain(`Songloft data in ${dataDir}`);
    expect(runHealthcheck()).toBe(0);

    const backup = path.join(dataDir, "backups", "songloft.db");
    const r = spawnSync("npm", ["run", "cli", "--", "db:backup", "--out", backup], { cwd: app, env, encoding: "utf8" });
    expect(r.status, r.stderr).toBe(0);
    expect(fs.statSync(backup).size).toBeGreaterThan(0);
  } finally {
    if (server.exitCode === null) {
      const exited = new Promise((resolve) => server.once("exit", resolve));
      process.kill(-server.pid!, "SIGTERM");
      await Promise.race([exited, new Promise((r) => setTimeout(r, 15_000))]);
      if (server.exitCode === null) process.kill(-server.pid!, "SIGKILL");
    }
  }
  // Stopped: the health check says so.
  expect(runHealthcheck()).toBe(1);
  fs.rmSync(base, { recursive: true, force: true });
});
