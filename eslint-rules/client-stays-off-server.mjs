import fs from "node:fs";
import path from "node:path";

// A "use client" module is shipped to the browser, so nothing it imports, directly or
// through a shared helper, may reach lib/server/** (secrets, the database, Node-only
// code). The walk stops at "use server" modules: server actions are the sanctioned
// bridge, and the client only receives references to them. Type-only imports are
// erased by the compiler and do not count.

const ROOT = path.resolve(import.meta.dirname, "..");
const SERVER = `lib${path.sep}server${path.sep}`;
const EXTENSIONS = ["", ".ts", ".tsx", ".mts", ".js", ".mjs", `${path.sep}index.ts`, `${path.sep}index.tsx`];
const IMPORT = /^\s*(?:import|export)\s+(?!type\s)(?:[^'";]*?\sfrom\s+)?["']([^"']+)["']/gm;
const DIRECTIVE = /^(?:\s|\/\/[^\n]*\n|\/\*[\s\S]*?\*\/)*["']use (client|server)["']/;

function resolve(specifier, fromFile) {
  let base;
  if (specifier.startsWith("@/")) base = path.join(ROOT, specifier.slice(2));
  else if (specifier.startsWith(".")) base = path.resolve(path.dirname(fromFile), specifier);
  else return null; // a package: not ours to walk
  for (const ext of EXTENSIONS) {
    const file = base + ext;
    if (fs.existsSync(file) && fs.statSync(file).isFile()) return file;
  }
  return null;
}

const isServer = (file) => path.relative(ROOT, file).startsWith(SERVER);

// Memoised per lint run: file → the chain of files to the first server module it reaches, or null.
const reaches = new Map();
function serverChain(file) {
  if (reaches.has(file)) return reaches.get(file);
  reaches.set(file, null); // breaks import cycles
  if (isServer(file)) return reaches.set(file, [file]).get(file);
  if (!/\.[mc]?[tj]sx?$/.test(file)) return null;
  const source = fs.readFileSync(file, "utf8");
  if (DIRECTIVE.exec(source)?.[1]) return null; // a server action module, or a client module checked on its own
  for (const [, specifier] of source.matchAll(IMPORT)) {
    const target = resolve(specifier, file);
    const chain = target && serverChain(target);
    if (chain) return reaches.set(file, [file, ...chain]).get(file);
  }
  return null;
}

const rule = {
  meta: {
    type: "problem",
    docs: { description: 'a "use client" module must not import lib/server/**, directly or transitively' },
    schema: [],
    messages: { reaches: "This client module reaches server code: {{chain}}. Pass a DTO from a server component or call a server action instead." },
  },
  create(context) {
    const first = context.sourceCode.ast.body[0];
    if (first?.type !== "ExpressionStatement" || first.directive !== "use client") return {};
    const check = (node) => {
      if (node.importKind === "type" || node.exportKind === "type" || node.source?.type !== "Literal") return;
      const target = resolve(node.source.value, context.filename);
      const chain = target && serverChain(target);
      if (chain) context.report({ node, messageId: "reaches", data: { chain: chain.map((f) => path.relative(ROOT, f)).join(" → ") } });
    };
    return { ImportDeclaration: check, ExportNamedDeclaration: check, ExportAllDeclaration: check, ImportExpression: check };
  },
};

export default rule;
