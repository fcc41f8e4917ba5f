import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

// Client components find their strings only in the message groups that a layout or
// page above them sent (<ClientMessages paths={…}>, the root layout's pickMessages).
// For every page, this follows its imports to every `useTranslations("…")` it can
// reach and checks a layout on its path or the page itself sends that group. It reads
// the source, so it also covers components that render only after a click.

const root = path.resolve(__dirname, "..", "..");
const app = path.join(root, "app");

function walk(dir: string, out: string[] = []): string[] {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) walk(full, out);
    else out.push(full);
  }
  return out;
}

function resolveImport(from: string, spec: string): string | undefined {
  let base: string;
  if (spec.startsWith("@/")) base = path.join(root, spec.slice(2));
  else if (spec.startsWith(".")) base = path.resolve(path.dirname(from), spec);
  else return undefined; // a package
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, path.join(base, "index.ts"), path.join(base, "index.tsx")]) {
    if (fs.existsSync(candidate) && fs.statSync(candidate).isFile()) return candidate;
  }
  throw new Error(`${path.relative(root, from)}: cannot resolve "${spec}"`);
}

const sources = new Map<string, string>();
const read = (file: string) => sources.get(file) ?? (sources.set(file, fs.readFileSync(file, "utf8")), sources.get(file)!);

/** Every source file a module can reach through static and dynamic imports (type-only imports excluded). */
function reachable(entry: string, seen = new Set<string>()): Set<string> {
  if (seen.has(entry) || !/\.(ts|tsx)$/.test(entry)) return seen;
  seen.add(entry);
  const text = read(entry);
  for (const m of text.matchAll(/(?:^|\n)\s*(?:import|export)\s+(?!type\s)(?:[^"';]*?\sfrom\s+)?["']([^"']+)["']|import\(\s*["']([^"']+)["']\s*\)/g)) {
    const target = resolveImport(entry, m[1] ?? m[2]);
    if (target) reachable(target, seen);
  }
  return seen;
}

/** The groups client code in `file` asks for. */
function used(file: string): string[] {
  const text = read(file);
  if (!/^["']use client["']/m.test(text)) return [];
  return [...text.matchAll(/useTranslations\(\s*["']([\w.]+)["']\s*\)/g)].map((m) => m[1]);
}

/** The groups a layout or page sends to the browser. */
function sent(file: string): string[] {
  const text = read(file);
  const lists = [...text.matchAll(/(?:ClientMessages\s+paths=\{|pickMessages\(\s*\w+\s*,\s*)\[([^\]]*)\]/g)].map((m) => m[1]);
  return lists.flatMap((list) => [...list.matchAll(/["']([\w.]+)["']/g)].map((m) => m[1]));
}

/** The layouts that wrap a page, outermost first, then the page itself. */
function chain(page: string): string[] {
  const files: string[] = [];
  for (let dir = path.dirname(page); dir.startsWith(app); dir = path.dirname(dir)) {
    const layout = path.join(dir, "layout.tsx");
    if (fs.existsSync(layout)) files.unshift(layout);
  }
  return [...files, page];
}

const covers = (group: string, need: string) => need === group || need.startsWith(`${group}.`);

const entries = walk(app).filter((f) => /[/\\](page|layout|error|not-found)\.tsx$/.test(f));

describe("client message groups", () => {
  it("finds pages and client components that translate", () => {
    expect(entries.filter((f) => f.endsWith("page.tsx")).length).toBeGreaterThan(10);
    expect(walk(app).flatMap(used).length).toBeGreaterThan(20);
  });

  for (const entry of entries) {
    it(`${path.relative(app, entry)} sends every group its client components use`, () => {
      // error/not-found render inside the root layout only.
      const wrappers = /(error|not-found)\.tsx$/.test(entry) ? [path.join(app, "layout.tsx"), entry] : chain(entry);
      const groups = wrappers.flatMap(sent);
      const missing = new Set<string>();
      for (const file of reachable(entry)) {
        for (const need of used(file)) {
          if (!groups.some((g) => covers(g, need))) missing.add(`${need} (${path.relative(root, file)})`);
        }
      }
      expect([...missing].sort()).toEqual([]);
    });
  }
});
