import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { SOURCES } from "@/lib/cli/build-check";
import { migrationsFolder } from "@/lib/server/db/migrate";
import { buildContext, dockerIgnore, healthcheckCommand, readDockerfile, root, stageEnv, type Stage } from "../support/dockerfile";

// There is no container engine on the test machines (`docker` has no daemon to talk to,
// and no registry to pull node images from), so the image is not built here. Instead the
// Dockerfile's promises are checked against the repository: what each COPY takes exists
// in a clean clone's build context, the runtime stage holds what `npm start` reads, it
// runs as a non-root user, and the npm steps are run for real in a clean copy where that
// is quick. tests/e2e/deploy-nginx.spec.ts starts the runtime stage's files with its
// CMD and runs its HEALTHCHECK against that server.

const stages = readDockerfile();
const runtime = stages.at(-1)!;
const stage = (name: string): Stage => {
  const found = stages.find((s) => s.name === name);
  if (!found) throw new Error(`no stage ${name}`);
  return found;
};
const pkg = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8")) as { scripts: Record<string, string>; dependencies: Record<string, string> };
const npm = (args: string[], cwd: string) => spawnSync("npm", [...args, "--no-audit", "--no-fund"], { cwd, encoding: "utf8", timeout: 120_000 });

describe("the Dockerfile", () => {
  it("builds in stages onto node:20-bookworm-slim, with the toolchain better-sqlite3 compiles with in the dependencies stage", () => {
    expect(runtime.base).toBe("node:20-bookworm-slim");
    expect(stages.map((s) => s.name)).toEqual(expect.arrayContaining(["deps", "build", "runtime"]));
    const deps = stage("deps");
    const apt = deps.instructions.find((i) => i.keyword === "RUN" && i.args.includes("apt-get install"));
    for (const tool of ["python3", "make", "g++"]) expect(apt?.words).toContain(tool);
    // The runtime stage is a fresh base: no compilers in the image that runs.
    expect(runtime.instructions.some((i) => i.keyword === "RUN" && i.args.includes("apt-get"))).toBe(false);
  });

  it("copies from the build context only files a clean clone has and .dockerignore lets through", () => {
    const context = buildContext();
    const inContext = (p: string) => context.some((f) => f === p || f.startsWith(`${p}/`));
    for (const s of stages) {
      for (const copy of s.instructions.filter((i) => i.keyword === "COPY" && !i.flags.from)) {
        const sources = copy.words.slice(0, -1);
        for (const source of sources) {
          if (source === ".") continue;
          expect(inContext(source), `${s.name}: COPY ${source}`).toBe(true);
        }
      }
    }
    // `COPY . .` in the build stage: everything `next build` reads is in the context.
    expect(stage("build").instructions.some((i) => i.keyword === "COPY" && i.args === ". .")).toBe(true);
    for (const source of SOURCES) expect(inContext(source), `next build reads ${source}`).toBe(true);
    // … and nothing private or local is.
    const ignored = dockerIgnore();
    for (const local of ["node_modules/next/package.json", ".next/BUILD_ID", "data/songloft.db", "data/secret", ".env", ".env.local", ".git/HEAD"])
      expect(ignored(local), local).toBe(true);
    expect(ignored(".env.example")).toBe(false);
  });

  it("gives the runtime stage everything `npm start` and `npm run cli` read, from stages that make it", () => {
    const copied = new Map<string, { from: string; source: string }>();
    for (const copy of runtime.instructions.filter((i) => i.keyword === "COPY")) {
      const target = copy.words.at(-1)!;
      for (const source of copy.words.slice(0, -1)) {
        const name = path.posix.basename(source);
        copied.set(target.endsWith("/") ? name : path.posix.basename(target), { from: copy.flags.from ?? "context", source });
      }
    }
    const start = pkg.scripts.start; // "tsx lib/cli/start.ts"
    const script = /^tsx (\S+)$/.exec(start)?.[1];
    expect(script && fs.existsSync(path.join(root, script))).toBe(true);
    const needed = [
      "node_modules", // tsx, next, better-sqlite3 …
      ".next", // the build `next start` serves
      script!.split("/")[0], // the start script and the CLI, run from source by tsx
      path.basename(migrationsFolder), // applied at start
      "tsconfig.json", // tsx resolves the "@/" imports with its paths
      "next.config.mjs", // read by `next start`
      "package.json", // `npm start`
    ];
    for (const name of needed) expect(copied.has(name), `runtime stage copies ${name}`).toBe(true);
    // .next comes from the stage that runs the build; node_modules from one that installed them.
    const builder = stage(copied.get(".next")!.from);
    expect(builder.instructions.some((i) => i.keyword === "RUN" && /\bnpm run build\b/.test(i.args))).toBe(true);
    expect(pkg.scripts.build).toBe("next build");
    const modules = stage(copied.get("node_modules")!.from);
    const chain = (s: Stage): Stage[] => [s, ...(stages.find((p) => p.name === s.base) ? chain(stage(s.base)) : [])];
    expect(chain(modules).some((s) => s.instructions.some((i) => i.keyword === "RUN" && /\bnpm ci\b/.test(i.args)))).toBe(true);
  });

  it("runs as a non-root user, with DATA_DIR on the /data volume, on port 3000, listening beyond the container", () => {
    const user = runtime.instructions.filter((i) => i.keyword === "USER").at(-1);
    expect(user).toBeDefined();
    expect(["root", "0"]).not.toContain(user!.words[0].split(":")[0]);
    const env = stageEnv(stages, runtime);
    expect(env.DATA_DIR).toBe("/data");
    expect(env.NODE_ENV).toBe("production");
    // Docker sets HOSTNAME to the container's id, which Next.js would bind to; the image pins it.
    expect(env.HOSTNAME).toBe("0.0.0.0");
    const volume = runtime.instructions.find((i) => i.keyword === "VOLUME");
    expect(volume?.words).toEqual(["/data"]);
    // The volume's mount point exists and belongs to that user before it is declared.
    const chown = runtime.instructions.find((i) => i.keyword === "RUN" && /chown/.test(i.args));
    expect(chown?.args).toMatch(new RegExp(`mkdir -p /data\\b[\\s\\S]*chown ${user!.words[0]}:\\S+ /data`));
    expect(runtime.instructions.findIndex((i) => i.keyword === "USER")).toBeLessThan(runtime.instructions.findIndex((i) => i.keyword === "CMD"));
    const expose = runtime.instructions.find((i) => i.keyword === "EXPOSE");
    expect(expose?.words).toEqual([env.PORT]);
    expect(env.PORT).toBe("3000");
  });

  it("starts with `npm start` and checks its health with Node alone (no curl in the slim image)", () => {
    const cmd = runtime.instructions.find((i) => i.keyword === "CMD")!;
    expect(cmd.json).toBe(true);
    expect(cmd.words).toEqual(["npm", "start"]);
    expect(pkg.scripts.start).toBeDefined();
    const health = healthcheckCommand(runtime);
    expect(health[0]).toBe("node");
    expect(health.join(" ")).toContain("/api/health");
  });

  it("is matched by compose.yaml: the same health check, the /data volume, an env file and a restart policy", () => {
    const compose = fs.readFileSync(path.join(root, "compose.yaml"), "utf8");
    const test = /^\s+test: (\[.*\])$/m.exec(compose);
    expect(test).not.toBeNull();
    expect(JSON.parse(test![1])).toEqual(["CMD", ...healthcheckCommand(runtime)]);
    expect(compose).toMatch(/^\s+- songloft-data:\/data$/m);
    expect(compose).toMatch(/^\s+restart: unless-stopped$/m);
    expect(compose).toMatch(/^\s+env_file:$/m);
    expect(compose).toMatch(/^\s+- "127\.0\.0\.1:3000:3000"$/m);
  });

  // The dependencies stage's `npm ci`, in a clean copy of what it COPYs: a dry run, which
  // settles what fails a real one (a lockfile out of step with package.json) in seconds.
  // The install itself is not run: it compiles better-sqlite3, fetching headers and
  // prebuilt binaries from hosts this machine cannot reach, for minutes.
  it("`npm ci` accepts the lockfile in a clean directory holding only what the dependencies stage copies", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "songloft-docker-deps-"));
    try {
      const copy = stage("deps").instructions.find((i) => i.keyword === "COPY")!;
      const sources = copy.words.slice(0, -1);
      expect(sources).toEqual(["package.json", "package-lock.json"]);
      const archive = spawnSync("sh", ["-c", `git archive HEAD ${sources.join(" ")} | tar -x -C "${dir}"`], { cwd: root, encoding: "utf8" });
      expect(archive.status, archive.stderr).toBe(0);
      const run = stage("deps").instructions.find((i) => i.keyword === "RUN" && /\bnpm ci\b/.test(i.args))!;
      const args = run.words.slice(1); // ci --no-audit --no-fund
      const r = npm([...args, "--dry-run", "--offline"], dir);
      expect(r.status, r.stderr).toBe(0);
      expect(r.stdout).toMatch(/added \d+ packages/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  // The prod-deps stage's prune, as a dry run on this checkout's installed tree: the
  // packages the runtime runs on stay, the test and build tools go.
  it("`npm prune --omit=dev` keeps what the runtime needs (tsx, next, better-sqlite3) and drops the test tools", () => {
    const prune = stage("prod-deps").instructions.find((i) => i.keyword === "RUN" && /\bnpm prune\b/.test(i.args))!;
    expect(prune.args).toContain("--omit=dev");
    const r = npm(["prune", "--omit=dev", "--dry-run"], root);
    expect(r.status, r.stderr).toBe(0);
    const removed = new Set([...r.stdout.matchAll(/^remove (\S+) /gm)].map((m) => m[1]));
    for (const kept of ["tsx", "next", "better-sqlite3", "drizzle-orm"]) expect(removed.has(kept), kept).toBe(false);
    for (const gone of ["vitest", "typescript"]) expect(removed.has(gone), gone).toBe(true);
    expect(pkg.dependencies.tsx).toBeDefined();
  });
});
