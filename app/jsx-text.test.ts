import fs from "node:fs";
import path from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";

// Inside JSX, `// a note` is not a comment: it is text, and the page shows it. The
// compiler accepts it, so this reads every component and fails on JSX text that
// looks like a comment.

const root = path.join(process.cwd(), "app");

function tsxFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return tsxFiles(full);
    return entry.name.endsWith(".tsx") ? [full] : [];
  });
}

function commentLikeJsxText(fileName: string, source: string): string[] {
  const file = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
  const found: string[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isJsxText(node) && /(^|\n)\s*(\/\/|\/\*)/.test(node.text)) {
      const { line } = file.getLineAndCharacterOfPosition(node.getStart());
      found.push(`${path.relative(process.cwd(), fileName)}:${line + 1}: ${node.text.trim().split("\n")[0]}`);
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return found;
}

describe("JSX text", () => {
  it("finds a line comment written among JSX children", () => {
    const source = `export const A = () => (\n  <div>\n    // a note\n    <p>hi</p>\n  </div>\n);\n`;
    expect(commentLikeJsxText("a.tsx", source)).toEqual(["a.tsx:3: // a note"]);
    expect(commentLikeJsxText("b.tsx", source.replace("// a note", "{/* a note */}"))).toEqual([]);
    expect(commentLikeJsxText("c.tsx", `export const C = () => <a href="https://x.example">https://x.example</a>;`)).toEqual([]);
  });

  it("never shows a comment as text on a page", () => {
    const files = tsxFiles(root);
    expect(files.length).toBeGreaterThan(30);
    expect(files.flatMap((f) => commentLikeJsxText(f, fs.readFileSync(f, "utf8")))).toEqual([]);
  });
});
