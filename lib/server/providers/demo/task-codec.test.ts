import { describe, expect, it } from "vitest";
import type { SubmitMusicInput } from "../types";
import { deflateRawSync } from "node:zlib";
import { clipIdFor, clipToken, decodeTaskId, encodeTaskId, lyricsToken, musicToken, TEXT_CAPS } from "./task-codec";

/** The seed `custom` had before covers and personas were added. */
const SEED_OF_CUSTOM = "0d469ee9a76d";

const custom: SubmitMusicInput = {
  mode: "custom",
  lyrics: "[Verse]\nHello there",
  title: "My Song",
  style: "indie pop",
  instrumental: false,
  model: "v4.5",
};

describe("task ids", () => {
  it("round-trips a music request", () => {
    const token = musicToken(custom, 1_700_000_000_000);
    const id = encodeTaskId(token);
    expect(id).toMatch(/^demo_[A-Za-z0-9_-]+$/);
    expect(decodeTaskId(id)).toEqual(token);
  });

  it("round-trips extend and lyrics requests", () => {
    const extend = musicToken({ ...custom, extend: { vendorClipId: "abc-0", continueAt: 12.5 } }, 5);
    expect(decodeTaskId(encodeTaskId(extend))).toEqual(extend);
    expect(extend.kind).toBe("extend");
    const lyrics = lyricsToken("rainy streets", 5);
    expect(decodeTaskId(encodeTaskId(lyrics))).toEqual(lyrics);
  });

  it("round-trips covers, personas' voices and every operation on a clip", () => {
    const cover = musicToken({ ...custom, cover: { vendorClipId: "abc-0", title: "Source" } }, 5, { source: "a1b2c3d4e5f6-1.wav?d=24.00", voice: "0123456789ab" });
    expect(cover).toMatchObject({ kind: "cover", sourceTitle: "Source", voice: "0123456789ab" });
    expect(decodeTaskId(encodeTaskId(cover))).toEqual(cover);
    const upload = musicToken({ ...custom, extend: { upload: { audioUrl: "x", uploadId: "u1", duration: 30, title: "Memo" }, continueAt: 5 } }, 5);
    expect(decodeTaskId(encodeTaskId(upload))).toMatchObject({ kind: "extend", sourceTitle: "Memo", continueAt: 5 });
    for (const kind of ["concat", "stems", "wav", "video", "persona"] as const) {
      const token = clipToken(kind, "a1b2c3d4e5f6-0.wav?d=20.00", "Title", "clip-0", 7);
      expect(decodeTaskId(encodeTaskId(token))).toEqual(token);
    }
  });

  it("refuses an operation whose sound it cannot render", () => {
    const wire = (so: string) => `demo_${deflateRawSync(JSON.stringify({ k: "s", t: 1, s: "a1b2c3d4e5f6", n: "abc", so })).toString("base64url")}`;
    expect(decodeTaskId(wire("a1b2c3d4e5f6-0.wav"))).toMatchObject({ kind: "stems" });
    expect(decodeTaskId(wire("a1b2c3d4e5f6-0.wav?d=999"))).toBeNull();
    expect(decodeTaskId(wire("../../etc/passwd"))).toBeNull();
  });

  it("keeps the seed of a plain request when covers and personas arrived", () => {
    // Recorded before covers existed: the same request must keep making the same song.
    expect(musicToken(custom, 1).seed).toBe(SEED_OF_CUSTOM);
    expect(musicToken({ ...custom, persona: { vendorPersonaId: "p", source: { vendorClipId: "c" } } }, 1).seed).not.toBe(SEED_OF_CUSTOM);
  });

  it("derives the seed from the request alone", () => {
    const a = musicToken(custom, 1);
    const b = musicToken(custom, 2);
    expect(a.seed).toBe(b.seed);
    expect(musicToken({ ...custom, style: "jazz" }, 1).seed).not.toBe(a.seed);
  });

  it("gives each submission its own id and clip ids, even in the same millisecond", () => {
    const a = encodeTaskId(musicToken(custom, 1));
    const b = encodeTaskId(musicToken(custom, 1));
    expect(a).not.toBe(b);
    expect(clipIdFor(a, 0)).toBe(clipIdFor(a, 0));
    expect(clipIdFor(a, 0)).toMatch(/^[0-9a-f]{16}-0$/);
    expect(clipIdFor(a, 0)).not.toBe(clipIdFor(b, 0));
    expect(clipIdFor(a, 0)).not.toBe(clipIdFor(a, 1));
  });

  it("caps long texts at code point boundaries and stays short", () => {
    const lyrics = Array.from({ length: 1500 }, (_, i) => `🎵 line ${(i * 7919) % 10007} of a song`).join("\n");
    const token = musicToken({ ...custom, lyrics, style: "s".repeat(900) }, 1);
    expect([...(token.text ?? "")].length).toBe(TEXT_CAPS.lyrics + 1);
    expect(token.text?.endsWith("…")).toBe(true);
    expect(token.style?.length).toBe(TEXT_CAPS.style + 1);
    const id = encodeTaskId(token);
    expect(id.length).toBeLessThan(2000);
    expect(decodeTaskId(id)).toEqual(token);
  });

  it("keeps only what the mode uses", () => {
    const inspiration = musicToken({ mode: "inspiration", description: "ocean", title: "ignored", instrumental: true, model: "v5" }, 1);
    expect(inspiration).toMatchObject({ title: null, style: null, text: "ocean" });
    const instrumental = musicToken({ ...custom, instrumental: true }, 1);
    expect(instrumental.text).toBeNull();
  });

  it.each(["", "demo_", "demo_!!!", "demo_AAAA", "task_123", `demo_${Buffer.from("{}").toString("base64url")}`, `demo_${"A".repeat(5000)}`, null, 42])("rejects %j", (id) => {
    expect(decodeTaskId(id)).toBeNull();
  });
});
