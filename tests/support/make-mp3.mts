import fs from "node:fs";
import { Mp3Encoder } from "@breezystack/lamejs";

// Writes a real MP3 (LAME) of a 220 Hz tone: `tsx tests/support/make-mp3.mts <file> <seconds>`.
// A script of its own because Playwright loads specs as CommonJS, and lamejs's
// CommonJS entry is a browser bundle without the encoder.

const [file, seconds = "4"] = process.argv.slice(2);
const rate = 22_050;
const samples = new Int16Array(rate * Number(seconds)).map((_, i) => Math.round(Math.sin((2 * Math.PI * 220 * i) / rate) * 8000));
const encoder = new Mp3Encoder(1, rate, 64);
const parts: Uint8Array[] = [];
for (let i = 0; i < samples.length; i += 1152) parts.push(encoder.encodeBuffer(samples.subarray(i, i + 1152)));
parts.push(encoder.flush());
fs.writeFileSync(file, Buffer.concat(parts.map((p) => Buffer.from(p))));
