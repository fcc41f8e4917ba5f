import { parseBuffer } from "music-metadata";
import { describe, expect, it } from "vitest";
import { makeMp3 } from "@/tests/support/tone-mp3";
import { tagMp3 } from "./id3-tags";

const tags = { title: "夜行 Night", artist: "Alice", album: "Songloft", track: 3, trackTotal: 12, songloftId: "clip-1" };

describe("tagMp3", () => {
  it("writes an ID3v2.4 tag that replaces the file's old one and keeps the audio playable", async () => {
    const once = tagMp3(makeMp3(), { ...tags, title: "Old" });
    const again = tagMp3(once, tags);
    const meta = await parseBuffer(again, { mimeType: "audio/mpeg" });
    expect(meta.format.tagTypes).toEqual(["ID3v2.4"]);
    expect(meta.common).toMatchObject({ title: "夜行 Night", artist: "Alice", album: "Songloft", track: { no: 3, of: 12 } });
    expect(meta.native["ID3v2.4"].filter((t) => t.id === "TIT2")).toHaveLength(1);
    expect(meta.format.duration).toBeGreaterThan(0.9);
  });

  it("leaves out lyrics and cover frames the clip does not have", async () => {
    const meta = await parseBuffer(tagMp3(makeMp3(), { ...tags, lyrics: null, cover: null }), { mimeType: "audio/mpeg" });
    expect(meta.native["ID3v2.4"].map((t) => t.id)).not.toContain("USLT");
    expect(meta.native["ID3v2.4"].map((t) => t.id)).not.toContain("APIC");
  });
});
