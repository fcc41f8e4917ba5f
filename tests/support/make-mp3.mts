import fs from "node:fs";
import { Mp3Encoder } from "@breezystack/lamejs";

// Writes a real MP3 (LAME) of a 220 Hz tone, then optional silence:
// `tsx tests/support/make-mp3.mts <file> <seconds> [<silent seconds>]`.
// A script of its own because Playwright loads specs as CommonJS, and lamejs's
// CommonJS entry is a browser bundle without the encoder.

const [file, seconds = "4", silent = "0"] = process.argv.slice(2);
const rate = 22_050;
const loud = Math.round(rate * Number(seconds));
const samples = new Int16Array(loud + Math.round(rate * Number(silent))).map((_, i) => (i < loud ? Math.round(Math.sin((2 * Math.PI * 220 * i) / rate) * 8000) : 0));
const encoder = new Mp3Encoder(1, rate, 64);
const parts: Uint8Array[] = [];
for (let i = 0; i < samples.length; i += 1152) parts.push(encoder.encodeBuffer(samples.subarray(i, i + 1152)));
parts.push(encoder.flush());
fs.writeFileSync(file, Buffer.concat(parts.map((p) => Buffer.from(p))));
