import { describe, expect, it } from "vitest";
import { renderDemoAsset } from "./assets";
import { encodeStill } from "./h264";
import { rasterCover } from "./raster";
import { renderDemoSound, SAMPLE_RATE } from "./synth";
import { demoSoundUrl, demoVideoUrl } from "./urls";
import { encodeMp3 } from "./video";

interface Box {
  type: string;
  body: Buffer;
}

const CONTAINERS = new Set(["moov", "trak", "mdia", "minf", "stbl", "dinf"]);

/** The boxes at one level; a box must end exactly where its parent does. */
function boxes(buf: Buffer): Box[] {
  const out: Box[] = [];
  let pos = 0;
  while (pos < buf.length) {
    const size = buf.readUInt32BE(pos);
    expect(size).toBeGreaterThanOrEqual(8);
    expect(pos + size).toBeLessThanOrEqual(buf.length);
    out.push({ type: buf.toString("latin1", pos + 4, pos + 8), body: buf.subarray(pos + 8, pos + size) });
    pos += size;
  }
  return out;
}

function find(buf: Buffer, path: string[]): Box[] {
  const [head, ...rest] = path;
  const found = boxes(buf).filter((b) => b.type === head);
  if (rest.length === 0) return found;
  expect(CONTAINERS.has(head)).toBe(true);
  return found.flatMap((b) => find(b.body, rest));
}

const sound = { seed: "a1b2c3d4e5f6", take: 1, seconds: 12.5 };
const mp4 = renderDemoAsset(demoVideoUrl(demoSoundUrl(sound)))!.body;

describe("demo video", () => {
  it("is an MP4: ftyp first, the index before the data", () => {
    expect(boxes(mp4).map((b) => b.type)).toEqual(["ftyp", "moov", "mdat"]);
    expect(find(mp4, ["ftyp"])[0].body.toString("latin1", 0, 4)).toBe("isom");
  });

  it("holds a 512×512 H.264 track and an MP3 track, both as long as the song", () => {
    const tracks = find(mp4, ["moov", "trak"]);
    expect(tracks).toHaveLength(2);
    const handlers = tracks.map((t) => find(t.body, ["mdia", "hdlr"])[0].body.toString("latin1", 8, 12));
    expect(handlers).toEqual(["vide", "soun"]);
    for (const track of tracks) {
      const mdhd = find(track.body, ["mdia", "mdhd"])[0].body;
      // The MP3 track ends on a whole frame, a few hundredths later.
      const seconds = mdhd.readUInt32BE(16) / mdhd.readUInt32BE(12);
      expect(seconds).toBeGreaterThanOrEqual(12.5);
      expect(seconds).toBeLessThan(12.7);
    }
    const [video, audio] = tracks.map((t) => find(t.body, ["mdia", "minf", "stbl", "stsd"])[0].body.subarray(8));
    expect(boxes(video)[0].type).toBe("avc1");
    expect([boxes(video)[0].body.readUInt16BE(24), boxes(video)[0].body.readUInt16BE(26)]).toEqual([512, 512]);
    expect(boxes(audio)[0].type).toBe("mp4a");
    expect(boxes(audio)[0].body.readUInt32BE(24) / 65536).toBe(SAMPLE_RATE);
  });

  it("points every sample at data inside the file", () => {
    const mdatStart = mp4.length - find(mp4, ["mdat"])[0].body.length;
    for (const track of find(mp4, ["moov", "trak"])) {
      const stbl = (type: string) => find(track.body, ["mdia", "minf", "stbl", type])[0].body;
      const offset = stbl("stco").readUInt32BE(8);
      const count = stbl("stsz").readUInt32BE(8);
      let size = 0;
      for (let i = 0; i < count; i++) size += stbl("stsz").readUInt32BE(12 + i * 4);
      expect(offset).toBeGreaterThanOrEqual(mdatStart);
      expect(offset + size).toBeLessThanOrEqual(mp4.length);
    }
  });

  it("is the same file for the same URL, and another for another take", () => {
    expect(renderDemoAsset(demoVideoUrl(demoSoundUrl(sound)))!.body.equals(mp4)).toBe(true);
    expect(renderDemoAsset(demoVideoUrl(demoSoundUrl({ ...sound, take: 0 })))!.body.equals(mp4)).toBe(false);
  });

  it.each([
    "demo:video/clip.mp4",
    "demo:video/clip.mp4?a=",
    "demo:video/clip.mp4?a=%E0%A4%A",
    `demo:video/clip.mp4?a=${encodeURIComponent("a1b2c3d4e5f6-0.wav?d=0")}`,
    "demo:video/x.mp4?a=a1b2c3d4e5f6-0.wav",
  ])("returns null for %j", (url) => {
    expect(renderDemoAsset(url)).toBeNull();
  });
});

describe("H.264 still", () => {
  const still = encodeStill(rasterCover("a1b2c3d4e5f6", 0));

  it("is Constrained Baseline level 3.0, an IDR picture, then reference P pictures", () => {
    expect([...still.sps.subarray(0, 4)]).toEqual([0x67, 66, 0xc0, 30]);
    expect(still.pps[0]).toBe(0x68);
    expect(still.keyFrame[0] & 0x1f).toBe(5);
    expect(still.repeatFrame(1)[0]).toBe(0x41);
    expect(still.repeatFrame(1).length).toBeLessThan(16);
  });

  it("carries the raw picture in the key frame and never a start code inside a NAL unit", () => {
    // 1,024 macroblocks of 384 samples each, plus headers.
    expect(still.keyFrame.length).toBeGreaterThan(1024 * 384);
    for (const nal of [still.sps, still.pps, still.keyFrame, still.repeatFrame(3)]) {
      const startCode = nal.findIndex((byte, i) => i >= 2 && nal[i - 2] === 0 && nal[i - 1] === 0 && byte <= 2);
      expect(startCode).toBe(-1);
    }
  });

  it("draws each cover differently", () => {
    const other = rasterCover("0123456789ab", 0);
    expect(Buffer.from(other.y).equals(Buffer.from(rasterCover("a1b2c3d4e5f6", 0).y))).toBe(false);
  });
});

describe("MP3 track", () => {
  it("cuts the encoder's stream into whole frames that cover the sound", () => {
    const samples = renderDemoSound({ seed: "a1b2c3d4e5f6", take: 0, seconds: 5 });
    const track = encodeMp3(samples);
    expect(track.objectType).toBe(0x69);
    expect(track.samplesPerFrame).toBe(576);
    for (const frame of track.frames) expect(frame.readUInt16BE(0) & 0xffe0).toBe(0xffe0);
    const seconds = (track.frames.length * track.samplesPerFrame) / SAMPLE_RATE;
    expect(seconds).toBeGreaterThanOrEqual(5);
    expect(seconds).toBeLessThan(5.2);
  });
});
