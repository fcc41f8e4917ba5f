import { describe, expect, it } from "vitest";
import { demoAudioUrl, demoCoverUrl, renderDemoAsset } from "./assets";

describe("renderDemoAsset", () => {
  it("renders audio from the URL alone", () => {
    const url = demoAudioUrl("a1b2c3d4e5f6", 1, 20);
    expect(url).toBe("demo:audio/a1b2c3d4e5f6-1.wav?d=20.00");
    const asset = renderDemoAsset(url);
    expect(asset).toMatchObject({ contentType: "audio/wav", fileExt: "wav" });
    expect(asset?.body.toString("ascii", 0, 4)).toBe("RIFF");
    expect(renderDemoAsset(url)?.body.equals(asset!.body)).toBe(true);
  });

  it("renders the natural length when the URL gives none", () => {
    expect(renderDemoAsset("demo:audio/a1b2c3d4e5f6-0.wav")?.contentType).toBe("audio/wav");
  });

  it("renders a cover with the title from the URL", () => {
    const url = demoCoverUrl("a1b2c3d4e5f6", 0, "Sun & <Moon> 月");
    const asset = renderDemoAsset(url);
    expect(asset).toMatchObject({ contentType: "image/svg+xml", fileExt: "svg" });
    expect(asset?.body.toString("utf8")).toContain("Sun &amp; &lt;Moon&gt; 月");
  });

  it("survives titles with lone surrogates", () => {
    expect(renderDemoAsset(demoCoverUrl("a1b2c3d4e5f6", 0, "bad \ud800"))?.fileExt).toBe("svg");
  });

  it.each([
    "",
    "demo:",
    "demo:audio/",
    "demo:audio/a1b2c3d4e5f6-2.wav",
    "demo:audio/A1B2C3D4E5F6-0.wav",
    "demo:audio/a1b2c3d4e5f6-0.mp3",
    "demo:audio/a1b2c3d4e5f6-0.wav?d=0",
    "demo:audio/a1b2c3d4e5f6-0.wav?d=999",
    "demo:audio/a1b2c3d4e5f6-0.wav?d=-1",
    "demo:audio/../../etc/passwd",
    "demo:cover/a1b2c3d4e5f6-0.svg?t=%E0%A4%A",
    "demo:cover/a1b2c3d4e5f6-0.png",
    "https://cdn1.suno.ai/a1b2c3d4e5f6-0.wav",
    `demo:cover/a1b2c3d4e5f6-0.svg?t=${"x".repeat(5000)}`,
  ])("returns null for %j", (url) => {
    expect(renderDemoAsset(url)).toBeNull();
  });

  it("returns null for non-strings", () => {
    expect(renderDemoAsset(undefined as unknown as string)).toBeNull();
    expect(renderDemoAsset({} as unknown as string)).toBeNull();
  });
});
