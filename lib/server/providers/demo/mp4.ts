// A small ISO BMFF (MP4) writer for the demo video: one H.264 track and, when given,
// one MP3 track, each in a single chunk, with the index (moov) before the data so a
// browser can start playing before the whole file has arrived.

export interface VideoTrack {
  width: number;
  height: number;
  /** The avcC record: profile, compatibility flags, level, one SPS and one PPS. */
  avc: { profile: number; compatibility: number; level: number; sps: Buffer; pps: Buffer };
  /** Length-prefix-free NAL units, one per sample; only the first is a key frame. */
  samples: Buffer[];
  /** Per-sample durations in `timescale` units. */
  durations: number[];
  timescale: number;
}

export interface Mp3Track {
  sampleRate: number;
  channels: number;
  /** One MP3 frame per sample. */
  frames: Buffer[];
  samplesPerFrame: number;
  /** 0x6b for MPEG-1 audio (32–48 kHz), 0x69 for MPEG-2 (16–24 kHz). */
  objectType: number;
}

const MOVIE_TIMESCALE = 1000;

export function muxMp4(video: VideoTrack, audio?: Mp3Track): Buffer {
  const videoSeconds = video.durations.reduce((a, b) => a + b, 0) / video.timescale;
  const audioSeconds = audio ? (audio.frames.length * audio.samplesPerFrame) / audio.sampleRate : 0;
  const movieDuration = Math.round(Math.max(videoSeconds, audioSeconds) * MOVIE_TIMESCALE);
  const ftyp = box("ftyp", Buffer.from("isom"), u32(0x200), Buffer.from("isomiso2avc1mp41"));
  // Video data first, then audio, both in one mdat; the offsets depend on the moov's size,
  // which does not depend on their values, so a first pass with zeros measures it.
  const videoBytes = Buffer.concat(video.samples.map((s) => Buffer.concat([u32(s.length), s])));
  const moovFor = (mdatStart: number) =>
    box(
      "moov",
      mvhd(movieDuration, audio ? 3 : 2),
      videoTrak(video, Math.round(videoSeconds * MOVIE_TIMESCALE), mdatStart),
      ...(audio ? [audioTrak(audio, Math.round(audioSeconds * MOVIE_TIMESCALE), mdatStart + videoBytes.length)] : []),
    );
  const dataStart = ftyp.length + moovFor(0).length + 8;
  const mdat = box("mdat", videoBytes, ...(audio?.frames ?? []));
  return Buffer.concat([ftyp, moovFor(dataStart), mdat]);
}

function videoTrak(video: VideoTrack, movieDuration: number, offset: number): Buffer {
  const { avc } = video;
  const avcC = box("avcC", Buffer.from([1, avc.profile, avc.compatibility, avc.level, 0xff, 0xe1]), u16(avc.sps.length), avc.sps, Buffer.from([1]), u16(avc.pps.length), avc.pps);
  const avc1 = box(
    "avc1",
    Buffer.alloc(6),
    u16(1), // data_reference_index
    Buffer.alloc(16),
    u16(video.width),
    u16(video.height),
    u32(0x00480000), // 72 dpi
    u32(0x00480000),
    u32(0),
    u16(1), // frame_count
    Buffer.alloc(32), // compressorname
    u16(0x18), // depth
    u16(0xffff),
    avcC,
  );
  const stbl = box(
    "stbl",
    fullBox("stsd", 0, u32(1), avc1),
    timeToSample(video.durations),
    fullBox("stss", 0, u32(1), u32(1)),
    chunkBoxes(
      video.samples.map((s) => s.length + 4),
      offset,
    ),
  );
  const minf = box("minf", fullBox("vmhd", 1, Buffer.alloc(8)), dinf(), stbl);
  const mdia = box(
    "mdia",
    mdhd(
      video.timescale,
      video.durations.reduce((a, b) => a + b, 0),
    ),
    hdlr("vide", "VideoHandler"),
    minf,
  );
  return box("trak", tkhd(1, movieDuration, 0, video.width, video.height), mdia);
}

function audioTrak(audio: Mp3Track, movieDuration: number, offset: number): Buffer {
  const config = descriptor(0x04, Buffer.from([audio.objectType, 0x15]), Buffer.alloc(3), u32(0), u32(0));
  const esds = fullBox("esds", 0, descriptor(0x03, u16(2), Buffer.from([0]), config, descriptor(0x06, Buffer.from([2]))));
  const mp4a = box("mp4a", Buffer.alloc(6), u16(1), Buffer.alloc(8), u16(audio.channels), u16(16), u32(0), u32(audio.sampleRate * 65536), esds);
  const stbl = box(
    "stbl",
    fullBox("stsd", 0, u32(1), mp4a),
    timeToSample(audio.frames.map(() => audio.samplesPerFrame)),
    chunkBoxes(
      audio.frames.map((f) => f.length),
      offset,
    ),
  );
  const minf = box("minf", fullBox("smhd", 0, Buffer.alloc(4)), dinf(), stbl);
  const mdia = box("mdia", mdhd(audio.sampleRate, audio.frames.length * audio.samplesPerFrame), hdlr("soun", "SoundHandler"), minf);
  return box("trak", tkhd(2, movieDuration, 0x0100, 0, 0), mdia);
}

/** stts (run-length durations), stsc (one chunk), stsz and stco. */
function timeToSample(durations: number[]): Buffer {
  const runs: [number, number][] = [];
  for (const d of durations) {
    const last = runs[runs.length - 1];
    if (last && last[1] === d) last[0]++;
    else runs.push([1, d]);
  }
  return fullBox("stts", 0, u32(runs.length), ...runs.flatMap(([count, delta]) => [u32(count), u32(delta)]));
}

function chunkBoxes(sizes: number[], offset: number): Buffer {
  return Buffer.concat([
    fullBox("stsc", 0, u32(1), u32(1), u32(sizes.length), u32(1)),
    fullBox("stsz", 0, u32(0), u32(sizes.length), ...sizes.map(u32)),
    fullBox("stco", 0, u32(1), u32(offset)),
  ]);
}

const MATRIX = Buffer.concat([0x00010000, 0, 0, 0, 0x00010000, 0, 0, 0, 0x40000000].map(u32));

function mvhd(duration: number, nextTrack: number): Buffer {
  return fullBox("mvhd", 0, u32(0), u32(0), u32(MOVIE_TIMESCALE), u32(duration), u32(0x00010000), u16(0x0100), Buffer.alloc(10), MATRIX, Buffer.alloc(24), u32(nextTrack));
}

function tkhd(id: number, duration: number, volume: number, width: number, height: number): Buffer {
  // Flags 3: enabled and in the movie.
  return fullBox("tkhd", 3, u32(0), u32(0), u32(id), u32(0), u32(duration), Buffer.alloc(8), u16(0), u16(0), u16(volume), u16(0), MATRIX, u32(width * 65536), u32(height * 65536));
}

function mdhd(timescale: number, duration: number): Buffer {
  return fullBox("mdhd", 0, u32(0), u32(0), u32(timescale), u32(duration), u16(0x55c4), u16(0)); // language "und"
}

function hdlr(type: string, name: string): Buffer {
  return fullBox("hdlr", 0, u32(0), Buffer.from(type), Buffer.alloc(12), Buffer.from(`${name}\0`));
}

function dinf(): Buffer {
  return box("dinf", fullBox("dref", 0, u32(1), fullBox("url ", 1)));
}

/** An MPEG-4 descriptor (esds): tag, length (always under 128 here), body. */
function descriptor(tag: number, ...parts: Buffer[]): Buffer {
  const body = Buffer.concat(parts);
  return Buffer.concat([Buffer.from([tag, body.length]), body]);
}

function box(type: string, ...parts: Buffer[]): Buffer {
  const body = Buffer.concat(parts);
  return Buffer.concat([u32(body.length + 8), Buffer.from(type, "latin1"), body]);
}

function fullBox(type: string, flags: number, ...parts: Buffer[]): Buffer {
  return box(type, u32(flags & 0xffffff), ...parts);
}

function u32(n: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(n >>> 0);
  return b;
}

function u16(n: number): Buffer {
  const b = Buffer.alloc(2);
  b.writeUInt16BE(n & 0xffff);
  return b;
}
