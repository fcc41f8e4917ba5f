import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

// Reads the Dockerfile and .dockerignore the way `docker build` does, as far as the
// checks need it, so they can be tested on a machine without a container engine.

export const root = path.resolve(__dirname, "..", "..");

export interface Instruction {
  keyword: string;
  /** The text after the keyword, continuation lines joined. */
  args: string;
  /** `--from=build` and the like. */
  flags: Record<string, string>;
  /** The words after the flags; for the JSON (exec) form, its array. */
  words: string[];
  json: boolean;
}

export interface Stage {
  name: string;
  base: string;
  instructions: Instruction[];
}

function parseInstruction(line: string): Instruction {
  const [, keyword, rest] = /^(\S+)\s*([\s\S]*)$/.exec(line)!;
  const flags: Record<string, string> = {};
  let args = rest.trim();
  // Flags come first (COPY --from=…, HEALTHCHECK --interval=…).
  for (let m; (m = /^--([a-z-]+)(?:=(\S+))?\s+/.exec(args));) {
    flags[m[1]] = m[2] ?? "";
    args = args.slice(m[0].length);
  }
  let words: string[];
  let json = false;
  if (args.startsWith("[")) {
    words = JSON.parse(args) as string[];
    json = true;
  } else words = args.split(/\s+/).filter(Boolean);
  return { keyword: keyword.toUpperCase(), args, flags, words, json };
}

/** The Dockerfile's stages, in order; comments dropped, continuation lines joined. */
export function readDockerfile(file = path.join(root, "Dockerfile")): Stage[] {
  const text = fs.readFileSync(file, "utf8");
  const logical: string[] = [];
  let current = "";
  for (const raw of text.split("\n")) {
    if (/^\s*#/.test(raw) && current === "") continue;
    if (/^\s*#/.test(raw)) continue; // a comment inside a continued instruction
    if (raw.endsWith("\\")) {
      current += raw.slice(0, -1) + " ";
      continue;
    }
    current += raw;
    if (current.trim()) logical.push(current.trim());
    current = "";
  }
  const stages: Stage[] = [];
  for (const line of logical) {
    const instruction = parseInstruction(line);
    if (instruction.keyword === "FROM") {
      const [base, as, name] = instruction.words;
      stages.push({ base, name: as?.toUpperCase() === "AS" ? name : String(stages.length), instructions: [] });
    } else {
      if (stages.length === 0) throw new Error(`Dockerfile: ${instruction.keyword} before FROM`);
      stages.at(-1)!.instructions.push(instruction);
    }
  }
  return stages;
}

/** The ENV of a stage and the stages it is built on, later ones winning. */
export function stageEnv(stages: Stage[], stage: Stage): Record<string, string> {
  const parent = stages.find((s) => s.name === stage.base);
  const env: Record<string, string> = parent ? stageEnv(stages, parent) : {};
  for (const i of stage.instructions.filter((i) => i.keyword === "ENV")) {
    for (const m of i.args.matchAll(/([A-Za-z_][A-Za-z0-9_]*)=("[^"]*"|\S*)/g)) env[m[1]] = m[2].replace(/^"|"$/g, "");
  }
  return env;
}

/** `.dockerignore` as Docker applies it: Go-style globs on the whole path or a parent directory, `!` re-includes, last match wins. */
export function dockerIgnore(file = path.join(root, ".dockerignore")): (relativePath: string) => boolean {
  const rules = fs
    .readFileSync(file, "utf8")
    .split("\n")
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith("#"))
    .map((l) => {
      const negated = l.startsWith("!");
      const pattern = path.posix.normalize((negated ? l.slice(1) : l).replace(/^\/+/, ""));
      const source = pattern
        .split(/(\*\*|\*|\?)/)
        .map((part) => (part === "**" ? ".*" : part === "*" ? "[^/]*" : part === "?" ? "[^/]" : part.replace(/[.+^${}()|[\]\\]/g, "\\$&")))
        .join("");
      return { negated, regex: new RegExp(`^${source}$`) };
    });
  return (relativePath) => {
    const parts = relativePath.split("/");
    const candidates = parts.map((_, i) => parts.slice(0, i + 1).join("/"));
    let excluded = false;
    for (const rule of rules) if (candidates.some((c) => rule.regex.test(c))) excluded = !rule.negated;
    return excluded;
  };
}

/** The files a clean clone sends as the build context: tracked files minus .dockerignore. */
export function buildContext(): string[] {
  const listed = spawnSync("git", ["ls-files", "-z"], { cwd: root, encoding: "utf8" });
  if (listed.status !== 0) throw new Error(`git ls-files failed: ${listed.stderr}`);
  const ignored = dockerIgnore();
  return listed.stdout.split("\0").filter((f) => f && !ignored(f));
}

/** The HEALTHCHECK's command (exec form) of the final stage. */
export function healthcheckCommand(stage: Stage): string[] {
  const check = stage.instructions.find((i) => i.keyword === "HEALTHCHECK");
  if (!check) throw new Error("Dockerfile: no HEALTHCHECK");
  if (!check.args.startsWith("CMD ")) throw new Error("Dockerfile: HEALTHCHECK without CMD");
  return JSON.parse(check.args.slice("CMD ".length)) as string[];
}
