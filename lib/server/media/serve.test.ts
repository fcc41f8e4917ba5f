import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { bufferBody, fileBody, serveMedia, SVG_CSP } from "./serve";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "songloft-serve-"));
const bytes = crypto.randomBytes(10_000);
const file = path.join(dir, "audio.mp3");
fs.writeFileSync(file, bytes);
const sha256 = crypto.createHash("sha256").update(bytes).digest("hex");
const body = () => fileBody(file, { size: bytes.length, contentType: "audio/mpeg", sha256 });
const options = { fileName: "Night Drive.mp3", download: false, maxAgeSeconds: 3600 };

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function request(headers: Record<string, string> = {}, method = "GET") {
  return new Request("http://app.test/media/x/audio", { method, headers });
}

async function bodyOf(res: Response): Promise<Buffer> {
  return Buffer.from(await res.arrayBuffer());
}

describe("serveMedia", () => {
  it("serves the whole file with the headers a player and a browser need", async () => {
    const res = serveMedia(request(), body(), options);
    expect(res.status).toBe(200);
    expect(Object.fromEntries(res.headers)).toMatchObject({
      "content-type": "audio/mpeg",
      "content-length": String(bytes.length),
      "accept-ranges": "bytes",
      "content-disposition": 'inline; filename="Night Drive.mp3"',
      "cache-control": "private, max-age=3600, no-transform",
      etag: `"${sha256}"`,
      "x-content-type-options": "nosniff",
    });
    expect(res.headers.get("content-security-policy")).toBeNull();
    expect((await bodyOf(res)).equals(bytes)).toBe(true);
  });

  it("answers bytes=0-99 with 206 and exactly those bytes", async () => {
    const res = serveMedia(request({ range: "bytes=0-99" }), body(), options);
    expect(res.status).toBe(206);
    expect(res.headers.get("content-range")).toBe(`bytes 0-99/${bytes.length}`);
    expect(res.headers.get("content-length")).toBe("100");
    expect((await bodyOf(res)).equals(bytes.subarray(0, 100))).toBe(true);
  });

  it("answers open-ended and suffix ranges", async () => {
    const open = serveMedia(request({ range: "bytes=9000-" }), body(), options);
    expect(open.status).toBe(206);
    expect(open.headers.get("content-range")).toBe(`bytes 9000-9999/${bytes.length}`);
    expect((await bodyOf(open)).equals(bytes.subarray(9000))).toBe(true);
    const suffix = serveMedia(request({ range: "bytes=-10" }), body(), options);
    expect(suffix.headers.get("content-range")).toBe(`bytes 9990-9999/${bytes.length}`);
    expect((await bodyOf(suffix)).equals(bytes.subarray(-10))).toBe(true);
  });

  it("answers an unsatisfiable range with 416 and the real size", async () => {
    const res = serveMedia(request({ range: "bytes=20000-" }), body(), options);
    expect(res.status).toBe(416);
    expect(res.headers.get("content-range")).toBe(`bytes */${bytes.length}`);
    expect((await bodyOf(res)).length).toBe(0);
  });

  it("answers HEAD with the headers and no body", async () => {
    const res = serveMedia(request({}, "HEAD"), body(), options);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-length")).toBe(String(bytes.length));
    expect(res.body).toBeNull();
  });

  it("answers a matching If-None-Match with 304", () => {
    expect(serveMedia(request({ "if-none-match": `"${sha256}"` }), body(), options).status).toBe(304);
    expect(serveMedia(request({ "if-none-match": '"other"' }), body(), options).status).toBe(200);
  });

  it("ignores a Range whose If-Range names an older version", () => {
    expect(serveMedia(request({ range: "bytes=0-9", "if-range": '"old"' }), body(), options).status).toBe(200);
    expect(serveMedia(request({ range: "bytes=0-9", "if-range": `"${sha256}"` }), body(), options).status).toBe(206);
  });

  it("offers a download as an attachment", () => {
    const res = serveMedia(request(), body(), { ...options, download: true });
    expect(res.headers.get("content-disposition")).toBe('attachment; filename="Night Drive.mp3"');
  });

  it("locks an SVG cover down so its scripts cannot run when opened directly", async () => {
    const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>');
    const res = serveMedia(request(), bufferBody(svg, { contentType: "image/svg+xml", sha256: "abc" }), { ...options, fileName: "x.svg" });
    expect(res.headers.get("content-security-policy")).toBe(SVG_CSP);
    expect(res.headers.get("content-disposition")).toBe('attachment; filename="x.svg"');
    expect(SVG_CSP).toContain("sandbox");
    expect((await bodyOf(res)).equals(svg)).toBe(true);
  });

  it("serves ranges of an in-memory body too", async () => {
    const res = serveMedia(request({ range: "bytes=2-4" }), bufferBody(Buffer.from("abcdefg"), { contentType: "audio/wav", sha256: "s" }), options);
    expect(res.status).toBe(206);
    expect((await bodyOf(res)).toString()).toBe("cde");
  });
});
