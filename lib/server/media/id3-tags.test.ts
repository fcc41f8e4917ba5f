import { parseBuffer } from "music-metadata";
import { describe, expect, it } from "vitest";
import { makeMp3 } from "@/tests/support/tone-mp3";
import { existingTagLength, id3v24Tag, type SongTags } from "./id3-tags";

const tags: SongTags = { title: "夜行 Night", artist: "Alice", album: "Songloft", track: 3, trackTotal: 12, songloftId: "clip-1", lyrics: "[Verse]\n霓虹 lights" };
const cover = { data: Buffer.concat([Buffer.from("89504e470d0a1a0a", "hex"), Buffer.alloc(300_000, 7)]), contentType: "image/png" };

/** What the export streams: the new tag, then the file after its own tag. */
const retag = (file: Buffer, t: SongTags) => Buffer.concat([id3v24Tag(t), file.subarray(existingTagLength(file))]);

describe("id3v24Tag", () => {
  it("writes an ID3v2.4 tag every player reads, cover and lyrics included, and the audio still plays", async () => {
    const meta = await parseBuffer(retag(makeMp3(), { ...tags, cover }), { mimeType: "audio/mpeg" });
    expect(meta.format.tagTypes).toEqual(["ID3v2.4"]);
    expect(meta.common).toMatchObject({ title: "夜行 Night", artist: "Alice", album: "Songloft", track: { no: 3, of: 12 } });
    const frames = new Map(meta.native["ID3v2.4"].map((t) => [t.id, t.value]));
    expect(frames.get("TXXX:songloft_id")).toBe("clip-1");
    expect(frames.get("USLT")).toMatchObject({ language: "und", text: "[Verse]\n霓虹 lights" });
    expect(Buffer.from((frames.get("APIC") as { data: Uint8Array }).data).equals(cover.data)).toBe(true);
    expect(meta.format.duration).toBeGreaterThan(0.9);
  });

  it("replaces the tag the file came with instead of stacking a second one", async () => {
    const once = retag(makeMp3(), { ...tags, title: "Old", cover });
    expect(existingTagLength(once)).toBe(id3v24Tag({ ...tags, title: "Old", cover }).length);
    const meta = await parseBuffer(retag(once, tags), { mimeType: "audio/mpeg" });
    expect(meta.native["ID3v2.4"].filter((t) => t.id === "TIT2").map((t) => t.value)).toEqual(["夜行 Night"]);
    expect(meta.native["ID3v2.4"].map((t) => t.id)).not.toContain("APIC");
  });

  it("finds no tag in a file without one", () => {
    expect(existingTagLength(makeMp3())).toBe(0);
    expect(existingTagLength(Buffer.from("ID3"))).toBe(0);
  });
});
