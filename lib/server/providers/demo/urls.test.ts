import { describe, expect, it } from "vitest";
import { naturalSeconds } from "./synth";
import { artOf, audioSeconds, demoJoinUrl, demoSoundUrl, demoVideoUrl, MAX_JOIN_PIECES, parseDemoAudioUrl, parseDemoVideoUrl, withPart } from "./urls";

const seed = "a1b2c3d4e5f6";

describe("demo audio URLs", () => {
  it("round-trip every kind of sound", () => {
    for (const sound of [
      { seed, take: 0 },
      { seed, take: 1, seconds: 33.25 },
      { seed, take: 0, seconds: 20, arrangement: "0123456789ab", voice: "ba9876543210", part: "vocals" as const },
      { seed, take: 1, part: "instrumental" as const },
    ]) {
      expect(parseDemoAudioUrl(demoSoundUrl(sound))).toEqual({ kind: "sound", sound });
    }
    expect(demoSoundUrl({ seed, take: 1, seconds: 20, part: "vocals" })).toBe("demo:audio/a1b2c3d4e5f6-1.wav?d=20.00&p=v");
  });

  it("join pieces, each cut but the last, and add up their lengths", () => {
    const pieces = [
      { sound: { seed, take: 0, seconds: 25 }, seconds: 10 },
      { sound: { seed: "0123456789ab", take: 1, seconds: 30, voice: "ba9876543210" }, seconds: 15.5 },
      { sound: { seed, take: 1, seconds: 35 }, seconds: 35 },
    ];
    const url = demoJoinUrl(pieces);
    expect(parseDemoAudioUrl(url)).toEqual({ kind: "join", pieces });
    expect(audioSeconds(parseDemoAudioUrl(url)!)).toBe(60.5);
    expect(artOf(parseDemoAudioUrl(url)!)).toEqual({ seed, take: 1 });
    expect(parseDemoAudioUrl(withPart(parseDemoAudioUrl(url)!, "vocals"))).toEqual({ kind: "join", pieces: pieces.map((p) => ({ ...p, sound: { ...p.sound, part: "vocals" } })) });
  });

  it("give a cover's art its arrangement and a plain sound its natural length", () => {
    expect(artOf({ kind: "sound", sound: { seed, take: 0, arrangement: "0123456789ab" } })).toEqual({ seed: "0123456789ab", take: 0 });
    expect(audioSeconds({ kind: "sound", sound: { seed, take: 0 } })).toBe(naturalSeconds(seed));
  });

  const piece = encodeURIComponent(`${seed}-0.wav?d=20.00`);
  it.each([
    `demo:audio/${seed}-0.wav?x=1`,
    `demo:audio/${seed}-0.wav?d=20.00&d=21.00`,
    `demo:audio/${seed}-0.wav?p=x`,
    `demo:audio/${seed}-0.wav?a=ABCDEF123456`,
    `demo:audio/${seed}-0.wav?v=123`,
    `demo:audio/${seed}-0.wav?d=20&`,
    "demo:audio/join.wav?",
    `demo:audio/join.wav?s=${piece}&c=5.00`,
    `demo:audio/join.wav?s=${piece}&s=${piece}`,
    `demo:audio/join.wav?c=5.00&s=${piece}`,
    `demo:audio/join.wav?s=${piece}&c=25.00&s=${piece}`,
    `demo:audio/join.wav?s=${piece}&c=0.00&s=${piece}`,
    `demo:audio/join.wav?s=${encodeURIComponent("join.wav?s=x")}`,
    `demo:audio/join.wav?s=%E0%A4%A`,
    `demo:audio/join.wav?${Array.from({ length: MAX_JOIN_PIECES + 1 }, (_, i) => `s=${piece}${i < MAX_JOIN_PIECES ? "&c=1.00" : ""}`).join("&")}`,
  ])("refuse %j", (url) => {
    expect(parseDemoAudioUrl(url)).toBeNull();
  });
});

describe("demo video URLs", () => {
  it("carry the audio they play", () => {
    const audio = demoSoundUrl({ seed, take: 1, seconds: 20, voice: "ba9876543210" });
    expect(parseDemoVideoUrl(demoVideoUrl(audio))).toEqual(parseDemoAudioUrl(audio));
    const join = demoJoinUrl([
      { sound: { seed, take: 0, seconds: 25 }, seconds: 10 },
      { sound: { seed, take: 1, seconds: 30 }, seconds: 30 },
    ]);
    expect(parseDemoVideoUrl(demoVideoUrl(join))).toEqual(parseDemoAudioUrl(join));
    expect(parseDemoVideoUrl(audio)).toBeNull();
  });
});
