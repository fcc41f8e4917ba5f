// The demo's music video: the cover as a still picture with the clip's audio, as an MP4
// that browsers play natively (H.264 Constrained Baseline + MP3). Everything is made
// here, synchronously, from the URL alone, because renderLocalAsset is synchronous;
// the MP3 comes from LAME's pure-JavaScript port, so no binary is involved anywhere.
import { Mp3Encoder } from "@breezystack/lamejs";
import { encodeStill } from "./h264";
import { muxMp4, type Mp3Track } from "./mp4";
import { rasterCover } from "./raster";
import { SAMPLE_RATE } from "./synth";
import { artOf, type DemoAudio } from "./urls";

/** The still is shown again once a second, so a player can seek anywhere at once. */
const FRAME_MS = 1000;
const MP3_KBPS = 64;
const ENCODE_BLOCK = 1152 * 8;

export function renderDemoVideo(samples: Float32Array, audio: DemoAudio): Buffer {
  const art = artOf(audio);
  const frame = rasterCover(art.seed, art.take);
  const still = encodeStill(frame);
  const totalMs = Math.max(1, Math.round((samples.length / SAMPLE_RATE) * 1000));
  const count = Math.ceil(totalMs / FRAME_MS);
  const durations = Array.from({ length: count }, (_, i) => Math.min(FRAME_MS, totalMs - i * FRAME_MS));
  const pictures = durations.map((_, i) => (i === 0 ? still.keyFrame : still.repeatFrame(i)));
  return muxMp4({ width: frame.width, height: frame.height, avc: still, samples: pictures, durations, timescale: 1000 }, encodeMp3(samples));
}

export function encodeMp3(samples: Float32Array): Mp3Track {
  const encoder = new Mp3Encoder(1, SAMPLE_RATE, MP3_KBPS);
  const pcm = new Int16Array(samples.length);
  for (let i = 0; i < samples.length; i++) pcm[i] = Math.round(Math.max(-1, Math.min(1, samples[i])) * 32767);
  const chunks: Uint8Array[] = [];
  for (let i = 0; i < pcm.length; i += ENCODE_BLOCK) chunks.push(encoder.encodeBuffer(pcm.subarray(i, i + ENCODE_BLOCK)));
  chunks.push(encoder.flush());
  const stream = Buffer.concat(chunks.map((c) => Buffer.from(c.buffer, c.byteOffset, c.length)));
  const { frames, samplesPerFrame, mpeg1 } = splitMp3Frames(stream);
  return { sampleRate: SAMPLE_RATE, channels: 1, frames, samplesPerFrame, objectType: mpeg1 ? 0x6b : 0x69 };
}

const BITRATES = {
  mpeg1: [0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320],
  mpeg2: [0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160],
};
const RATES = { 3: [44100, 48000, 32000], 2: [22050, 24000, 16000], 0: [11025, 12000, 8000] } as Record<number, number[]>;

/** An MP4 holds MP3 one frame per sample, so the encoder's stream is cut at its frame headers. */
export function splitMp3Frames(stream: Buffer): { frames: Buffer[]; samplesPerFrame: number; mpeg1: boolean } {
  const frames: Buffer[] = [];
  let samplesPerFrame = 1152;
  let mpeg1 = true;
  let pos = 0;
  while (pos + 4 <= stream.length) {
    const header = stream.readUInt32BE(pos);
    const version = (header >>> 19) & 3;
    const bitrateIndex = (header >>> 12) & 15;
    const rateIndex = (header >>> 10) & 3;
    if (header >>> 21 !== 0x7ff || version === 1 || ((header >>> 17) & 3) !== 1 || bitrateIndex === 0 || bitrateIndex === 15 || rateIndex === 3) {
      throw new Error(`the MP3 encoder wrote something that is not a Layer III frame at byte ${pos}`);
    }
    mpeg1 = version === 3;
    samplesPerFrame = mpeg1 ? 1152 : 576;
    const kbps = (mpeg1 ? BITRATES.mpeg1 : BITRATES.mpeg2)[bitrateIndex];
    const size = Math.floor(((samplesPerFrame / 8) * kbps * 1000) / RATES[version][rateIndex]) + ((header >>> 9) & 1);
    frames.push(stream.subarray(pos, pos + size));
    pos += size;
  }
  return { frames, samplesPerFrame, mpeg1 };
}
