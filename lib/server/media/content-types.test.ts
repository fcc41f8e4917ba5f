import { describe, expect, it } from "vitest";
import { acceptContentType, contentDisposition, extensionFor, safeFileStem } from "./content-types";

const url = (u: string) => new URL(u);

describe("acceptContentType", () => {
  it("accepts the kind's own top-level type and normalises it", () => {
    expect(acceptContentType("audio", "Audio/MPEG; charset=binary", url("https://cdn1.suno.ai/a.mp3"))).toBe("audio/mpeg");
    expect(acceptContentType("cover", "image/jpeg", url("https://cdn2.suno.ai/i.jpeg"))).toBe("image/jpeg");
    expect(acceptContentType("video", "video/mp4", url("https://cdn1.suno.ai/v.mp4"))).toBe("video/mp4");
  });

  it("refuses another kind's type and text/html", () => {
    expect(acceptContentType("audio", "image/png", url("https://x/a.mp3"))).toBeNull();
    expect(acceptContentType("cover", "audio/mpeg", url("https://x/a.png"))).toBeNull();
    expect(acceptContentType("audio", "text/html", url("https://x/a.mp3"))).toBeNull();
    expect(acceptContentType("cover", "text/html; charset=utf-8", url("https://x/a.png"))).toBeNull();
  });

  it("accepts octet-stream only when the URL names an audio file", () => {
    expect(acceptContentType("audio", "application/octet-stream", url("https://x/song.mp3"))).toBe("audio/mpeg");
    expect(acceptContentType("audio", "application/octet-stream", url("https://x/song.m4a?sig=1"))).toBe("audio/mp4");
    expect(acceptContentType("audio", "application/octet-stream", url("https://x/song.html"))).toBeNull();
    expect(acceptContentType("audio", "application/octet-stream", url("https://x/download"))).toBeNull();
  });

  it("maps types to file extensions", () => {
    expect(extensionFor("audio/mpeg")).toBe("mp3");
    expect(extensionFor("image/svg+xml")).toBe("svg");
    expect(extensionFor("audio/x-something")).toBe("bin");
  });
});

describe("file names", () => {
  it("keeps titles readable but safe", () => {
    expect(safeFileStem('  My "Song": A/B?  ', "song")).toBe("My Song A B");
    expect(safeFileStem("...", "song")).toBe("song");
    expect(safeFileStem("", "song")).toBe("song");
  });

  it("uses a plain filename for ASCII titles", () => {
    expect(contentDisposition("inline", "Night Drive.mp3")).toBe('inline; filename="Night Drive.mp3"');
  });

  it("adds an RFC 5987 filename* for Chinese titles", () => {
    const header = contentDisposition("attachment", "夜空 Song.mp3");
    expect(header).toBe(`attachment; filename="__ Song.mp3"; filename*=UTF-8''${encodeURIComponent("夜空 Song.mp3")}`);
    expect(decodeURIComponent(header.split("''")[1])).toBe("夜空 Song.mp3");
  });
});
