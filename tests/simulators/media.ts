import { createHash } from "node:crypto";
import { deflateSync } from "node:zlib";

// Small, valid media the simulators serve as "vendor CDN" files: a short sine-tone WAV
// and a PNG cover, both derived from the clip id so each clip differs and stays stable.

const seedBytes = (seed: string) => createHash("sha256").update(seed).digest();

/** 16-bit mono PCM WAV, 8 kHz, with a short fade so it does not click. */
export function makeWav(seed: string, seconds = 1): Buffer {
  const rate = 8000;
  const samples = Math.round(rate * seconds);
  const hz = 220 + (seedBytes(seed)[0] / 255) * 660;
  const out = Buffer.alloc(44 + samples * 2);
  out.write("RIFF", 0);
  out.writeUInt32LE(36 + samples * 2, 4);
  out.write("WAVE", 8);
  out.write("fmt ", 12);
  out.writeUInt32LE(16, 16);
  out.writeUInt16LE(1, 20); // PCM
  out.writeUInt16LE(1, 22); // mono
  out.writeUInt32LE(rate, 24);
  out.writeUInt32LE(rate * 2, 28);
  out.writeUInt16LE(2, 32);
  out.writeUInt16LE(16, 34);
  out.write("data", 36);
  out.writeUInt32LE(samples * 2, 40);
  const fade = rate * 0.05;
  for (let i = 0; i < samples; i++) {
    const envelope = Math.min(1, i / fade, (samples - i) / fade);
    out.writeInt16LE(Math.round(Math.sin((2 * Math.PI * hz * i) / rate) * 12000 * envelope), 44 + i * 2);
  }
  return out;
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(buf: Buffer): number {
  let c = 0xffffffff;
  for (const byte of buf) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

/** A size×size RGB PNG with a diagonal gradient in two colours taken from the seed. */
export function makePng(seed: string, size = 64): Buffer {
  const b = seedBytes(seed);
  const rows: Buffer[] = [];
  for (let y = 0; y < size; y++) {
    const row = Buffer.alloc(1 + size * 3); // filter byte 0
    for (let x = 0; x < size; x++) {
      const t = (x + y) / (2 * size - 2);
      for (let ch = 0; ch < 3; ch++) row[1 + x * 3 + ch] = Math.round(b[ch] * (1 - t) + b[ch + 3] * t);
    }
    rows.push(row);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bit depth
  header[9] = 2; // truecolour
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", header),
    chunk("IDAT", deflateSync(Buffer.concat(rows))),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

/** The smallest file players recognise as MP4: an `ftyp` box and an `mdat` box of seed bytes. */
export function makeMp4(seed: string): Buffer {
  const box = (type: string, body: Buffer) => {
    const head = Buffer.alloc(8);
    head.writeUInt32BE(8 + body.length);
    head.write(type, 4, "ascii");
    return Buffer.concat([head, body]);
  };
  const ftyp = box("ftyp", Buffer.concat([Buffer.from("isom", "ascii"), Buffer.alloc(4), Buffer.from("isommp41", "ascii")]));
  return Buffer.concat([ftyp, box("mdat", seedBytes(seed))]);
}
