import { describe, expect, it } from "vitest";
import { planSong } from "./music";
import { MAX_CLIP_SECONDS, naturalSeconds, renderDemoWav, SAMPLE_RATE } from "./synth";

function readWav(buf: Buffer) {
  return {
    riff: buf.toString("ascii", 0, 4),
    riffSize: buf.readUInt32LE(4),
    wave: buf.toString("ascii", 8, 12),
    fmt: buf.toString("ascii", 12, 16),
    format: buf.readUInt16LE(20),
    channels: buf.readUInt16LE(22),
    sampleRate: buf.readUInt32LE(24),
    byteRate: buf.readUInt32LE(28),
    blockAlign: buf.readUInt16LE(32),
    bits: buf.readUInt16LE(34),
    data: buf.toString("ascii", 36, 40),
    dataSize: buf.readUInt32LE(40),
    samples: new Int16Array(buf.buffer.slice(buf.byteOffset + 44, buf.byteOffset + buf.length)),
  };
}

const SEEDS = ["a1b2c3d4e5f6", "000000000000", "ffffffffffff", "0123456789ab"];

describe("renderDemoWav", () => {
  const wav = renderDemoWav({ seed: SEEDS[0], take: 0 });
  const info = readWav(wav);

  it("writes a valid 16-bit PCM mono WAV header", () => {
    expect(info).toMatchObject({ riff: "RIFF", wave: "WAVE", fmt: "fmt ", format: 1, channels: 1, sampleRate: SAMPLE_RATE, bits: 16, data: "data" });
    expect(info.byteRate).toBe(SAMPLE_RATE * 2);
    expect(info.blockAlign).toBe(2);
    expect(info.dataSize).toBe(wav.length - 44);
    expect(info.riffSize).toBe(wav.length - 8);
  });

  it.each(SEEDS)("lasts at least 20 s, as reported, and stays near 1 MB (seed %s)", (seed) => {
    const { dataSize } = readWav(renderDemoWav({ seed: seed, take: 1 }));
    const seconds = dataSize / 2 / SAMPLE_RATE;
    expect(seconds).toBeGreaterThanOrEqual(20);
    expect(Math.abs(seconds - naturalSeconds(seed))).toBeLessThan(0.001);
    expect(dataSize).toBeLessThan(2 * 1024 * 1024);
  });

  it("is deterministic for the same seed and take", () => {
    expect(renderDemoWav({ seed: SEEDS[0], take: 0 }).equals(wav)).toBe(true);
  });

  it("gives the two takes different audio", () => {
    expect(renderDemoWav({ seed: SEEDS[0], take: 1 }).equals(wav)).toBe(false);
  });

  it("is audible and never clips", () => {
    let peak = 0;
    let sumSquares = 0;
    for (const s of info.samples) {
      peak = Math.max(peak, Math.abs(s));
      sumSquares += s * s;
    }
    const rms = Math.sqrt(sumSquares / info.samples.length) / 32768;
    expect(peak).toBeLessThan(32000);
    expect(peak).toBeGreaterThan(25000);
    expect(rms).toBeGreaterThan(0.05);
  });

  it("fades in from and out to silence", () => {
    expect(Math.abs(info.samples[0])).toBeLessThan(50);
    expect(Math.abs(info.samples[info.samples.length - 1])).toBeLessThan(50);
  });

  it("renders a requested length, capped at MAX_CLIP_SECONDS", () => {
    expect(readWav(renderDemoWav({ seed: SEEDS[1], take: 0, seconds: 40 })).dataSize).toBe(40 * SAMPLE_RATE * 2);
    expect(readWav(renderDemoWav({ seed: SEEDS[1], take: 0, seconds: 500 })).dataSize).toBe(MAX_CLIP_SECONDS * SAMPLE_RATE * 2);
  });
});

describe("sound variants", () => {
  const samples = (sound: Parameters<typeof renderDemoWav>[0]) => readWav(renderDemoWav(sound)).samples;
  // Buffer#equals, not toEqual: a diff of half a million samples would take minutes to print.
  const same = (a: Int16Array, b: Int16Array) => Buffer.from(a.buffer).equals(Buffer.from(b.buffer));
  const base = { seed: SEEDS[0], take: 0, seconds: 20 };

  it("stems: the lead and the rest, which add up to the mix", () => {
    const mix = samples(base);
    const vocals = samples({ ...base, part: "vocals" });
    const band = samples({ ...base, part: "instrumental" });
    expect(vocals.length).toBe(mix.length);
    let worst = 0;
    for (let i = 0; i < mix.length; i++) worst = Math.max(worst, Math.abs(vocals[i] + band[i] - mix[i]));
    expect(worst).toBeLessThanOrEqual(2);
  });

  it("a cover arrangement keeps the key and chords and changes the tempo and feel", () => {
    const original = planSong(SEEDS[0]);
    const cover = planSong(SEEDS[0], undefined, "0123456789ab");
    expect([cover.key, cover.minor, cover.progression]).toEqual([original.key, original.minor, original.progression]);
    expect(Math.abs(cover.bpm - original.bpm)).toBeGreaterThanOrEqual(14);
    expect(same(samples({ ...base, arrangement: "0123456789ab" }), samples(base))).toBe(false);
  });

  it("a voice changes the lead's timbre; the band plays on unchanged, only its level follows the new mix", () => {
    const voiced = samples({ ...base, voice: "0123456789ab", part: "instrumental" });
    const plain = samples({ ...base, part: "instrumental" });
    const loudest = plain.reduce((best, v, i) => (Math.abs(v) > Math.abs(plain[best]) ? i : best), 0);
    const level = voiced[loudest] / plain[loudest];
    expect(voiced.every((v, i) => Math.abs(v - level * plain[i]) <= 3)).toBe(true);
    expect(same(samples({ ...base, voice: "0123456789ab", part: "vocals" }), samples({ ...base, part: "vocals" }))).toBe(false);
  });
});
