import { describe, expect, it } from "vitest";
import { COVER_TITLE_MAX, escapeXml, renderDemoCover } from "./cover";

/** A small well-formedness check: balanced tags, quoted attributes, only known entities in text. */
function assertWellFormedXml(xml: string) {
  const entity = "&(?:amp|lt|gt|quot|apos);";
  const text = new RegExp(`^(?:[^<&]|${entity})*$`);
  const tag = new RegExp(`<(/?)([A-Za-z][\\w:-]*)((?:\\s+[\\w:-]+="(?:[^"<&]|${entity})*")*)\\s*(/?)>`, "y");
  const stack: string[] = [];
  let pos = 0;
  while (pos < xml.length) {
    const next = xml.indexOf("<", pos);
    const chunk = xml.slice(pos, next === -1 ? xml.length : next);
    if (!text.test(chunk)) throw new Error(`bad text: ${chunk}`);
    if (next === -1) break;
    tag.lastIndex = next;
    const m = tag.exec(xml);
    if (!m) throw new Error(`bad tag at ${next}: ${xml.slice(next, next + 40)}`);
    const [, closing, name, , selfClosing] = m;
    if (closing) {
      if (stack.pop() !== name) throw new Error(`unbalanced </${name}>`);
    } else if (!selfClosing) stack.push(name);
    pos = tag.lastIndex;
  }
  if (stack.length > 0) throw new Error(`unclosed <${stack.join(">, <")}>`);
}

describe("renderDemoCover", () => {
  it("is a well-formed 512×512 SVG", () => {
    const svg = renderDemoCover("a1b2c3d4e5f6", 0, "Chasing Summer");
    assertWellFormedXml(svg);
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" width="512" height="512"/);
    expect(svg).toContain("Chasing Summer");
  });

  it("keeps markup in a title as text", () => {
    const svg = renderDemoCover("a1b2c3d4e5f6", 0, `<script>alert("x")</script> & 'more'`);
    assertWellFormedXml(svg);
    expect(svg).not.toContain("<script");
    expect(svg).toContain("&lt;script&gt;");
  });

  it("drops characters XML cannot hold", () => {
    const svg = renderDemoCover("a1b2c3d4e5f6", 0, "bad\u0000\u0007 title \ud800 end");
    assertWellFormedXml(svg);
    expect(svg).not.toMatch(/[\u0000-\u0008]/);
    expect(svg).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])/);
  });

  it("shortens long titles and falls back for empty ones", () => {
    const svg = renderDemoCover("a1b2c3d4e5f6", 0, "word ".repeat(50));
    const drawn = [...svg.matchAll(/<tspan[^>]*>([^<]*)<\/tspan>/g)].map((m) => m[1]).join(" ");
    expect([...drawn].length).toBeLessThanOrEqual(COVER_TITLE_MAX + 1);
    expect(drawn.endsWith("…")).toBe(true);
    expect(renderDemoCover("a1b2c3d4e5f6", 0, "   ")).toContain("Untitled");
  });

  it("is deterministic and differs between takes", () => {
    const a = renderDemoCover("a1b2c3d4e5f6", 0, "Title");
    expect(renderDemoCover("a1b2c3d4e5f6", 0, "Title")).toBe(a);
    expect(renderDemoCover("a1b2c3d4e5f6", 1, "Title")).not.toBe(a);
  });

  it("escapes all five XML specials", () => {
    expect(escapeXml(`<a href="x">&'`)).toBe("&lt;a href=&quot;x&quot;&gt;&amp;&apos;");
  });
});
