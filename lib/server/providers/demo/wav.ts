// A minimal RIFF/WAVE writer: 16-bit PCM mono, the format every browser and the
// media archiver's content-type check accept without a codec.

const HEADER_BYTES = 44;

/** `samples` are expected in [-1, 1]; anything outside is clamped rather than wrapped. */
export function encodeWav(samples: Float32Array, sampleRate: number): Buffer {
  const dataBytes = samples.length * 2;
  const buf = Buffer.alloc(HEADER_BYTES + dataBytes);
  buf.write("RIFF", 0, "ascii");
  buf.writeUInt32LE(36 + dataBytes, 4);
  buf.write("WAVE", 8, "ascii");
  buf.write("fmt ", 12, "ascii");
  buf.writeUInt32LE(16, 16);
  buf.writeUInt16LE(1, 20); // PCM
  buf.writeUInt16LE(1, 22); // mono
  buf.writeUInt32LE(sampleRate, 24);
  buf.writeUInt32LE(sampleRate * 2, 28); // byte rate
  buf.writeUInt16LE(2, 32); // block align
  buf.writeUInt16LE(16, 34); // bits per sample
  buf.write("data", 36, "ascii");
  buf.writeUInt32LE(dataBytes, 40);
  // A DataView with explicit little-endian writes is about twice as fast as Buffer#writeInt16LE here.
  const view = new DataView(buf.buffer, buf.byteOffset + HEADER_BYTES, dataBytes);
  for (let i = 0; i < samples.length; i++) {
    const v = Math.max(-1, Math.min(1, samples[i]));
    view.setInt16(i * 2, Math.round(v * 32767), true);
  }
  return buf;
}
