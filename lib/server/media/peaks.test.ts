import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { encodeWav } from "@/lib/server/providers/demo/wav";
import { writeToneMp3 } from "@/tests/support/mp3-file";
import { downsamplePeaks } from "@/lib/waveform";
import { UndecodableAudioError } from "./audio-sink";
import { computeFilePeaks, PeakCollector } from "./peaks";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "songloft-peaks-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const mean = (values: ArrayLike<number>) => Array.from(values).reduce((a, b) => a + b, 0) / values.length;

describe("computeFilePeaks", () => {
  it("draws a real MP3 that is loud, then silent, as high peaks, then low ones", async () => {
    const file = path.join(dir, "tone.mp3");
    writeToneMp3(file, 3, 3);
    const peaks = await computeFilePeaks(file, 100);
    expect(peaks.length).toBe(100);
    expect(Math.max(...peaks)).toBe(255);
    // The encoder's padding blurs the edge: compare the clear middles of each half.
    expect(mean(peaks.subarray(5, 40))).toBeGreaterThan(200);
    expect(mean(peaks.subarray(60, 95))).toBeLessThan(10);
  });

  it("reads the demo provider's WAV the same way", async () => {
    const rate = 8000;
    const samples = new Float32Array(rate * 2).map((_, i) => (i < rate ? 0.5 * Math.sin(i / 3) : 0));
    const file = path.join(dir, "demo.wav");
    fs.writeFileSync(file, encodeWav(samples, rate));
    const peaks = await computeFilePeaks(file, 20);
    expect(Array.from(peaks.subarray(0, 10)).every((p) => p > 240)).toBe(true);
    expect(Array.from(peaks.subarray(10))).toEqual(new Array(10).fill(0));
  });

  it("refuses a file that is not audio, and an MP3 header over garbage", async () => {
    const text = path.join(dir, "notes.txt");
    fs.writeFileSync(text, "just some words, not a song");
    await expect(computeFilePeaks(text)).rejects.toThrow(UndecodableAudioError);
    const fake = path.join(dir, "fake.mp3");
    fs.writeFileSync(fake, Buffer.concat([Buffer.from("ID3"), Buffer.alloc(200_000, 7)]));
    await expect(computeFilePeaks(fake)).rejects.toThrow(UndecodableAudioError);
  });

  it("refuses a WAV in an encoding it cannot read", async () => {
    const wav = encodeWav(new Float32Array(100), 8000);
    wav.writeUInt16LE(2, 20); // ADPCM
    const file = path.join(dir, "adpcm.wav");
    fs.writeFileSync(file, wav);
    await expect(computeFilePeaks(file)).rejects.toThrow(/Unsupported WAV encoding/);
  });
});

describe("PeakCollector", () => {
  it("answers null for no audio and zeros for silence", () => {
    expect(new PeakCollector().finish(10)).toBeNull();
    const silent = new PeakCollector();
    silent.add([new Float32Array(5000)]);
    expect(Array.from(silent.finish(10)!)).toEqual(new Array(10).fill(0));
  });

  it("takes the louder channel and stretches a short clip over every point", () => {
    const collector = new PeakCollector();
    collector.add([new Float32Array(600).fill(0.1), new Float32Array(600).fill(-0.4)]);
    expect(collector.frames).toBe(600);
    expect(Array.from(collector.finish(4)!)).toEqual([255, 255, 255, 255]);
  });
});

describe("downsamplePeaks", () => {
  it("keeps the loudest of each slice, and short lists as they are", () => {
    expect(downsamplePeaks([1, 9, 2, 3, 8, 4], 3)).toEqual([9, 3, 8]);
    expect(downsamplePeaks([5, 6], 48)).toEqual([5, 6]);
  });
});
