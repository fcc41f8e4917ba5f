import { Mp3Encoder } from "@breezystack/lamejs";

// A real MP3 (LAME) for tests that tag, parse or stream audio, made in process.

/** A 220 Hz tone, `seconds` long, as a LAME MP3. */
export function makeMp3(seconds = 1): Buffer {
  const rate = 22_050;
  const samples = new Int16Array(rate * seconds).map((_, i) => Math.round(Math.sin((2 * Math.PI * 220 * i) / rate) * 8000));
  const encoder = new Mp3Encoder(1, rate, 64);
  const parts: Uint8Array[] = [];
  for (let i = 0; i < samples.length; i += 1152) parts.push(encoder.encodeBuffer(samples.subarray(i, i + 1152)));
  parts.push(encoder.flush());
  return Buffer.concat(parts.map((p) => Buffer.from(p)));
}
