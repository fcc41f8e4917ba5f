import type { FileHandle } from "node:fs/promises";
import { UndecodableAudioError, yieldToEventLoop, type AudioSink } from "./audio-sink";

// Reads a RIFF/WAVE file's samples a slice at a time: integer PCM of 8, 16, 24 or 32
// bits and 32-bit float, plain or WAVE_FORMAT_EXTENSIBLE (what the demo provider and
// vendors' WAV exports write). Chunks are found by walking the RIFF headers, so a
// LIST or fact chunk before the data is skipped.

const SLICE_BYTES = 64 * 1024;
const PCM = 1;
const FLOAT = 3;
const EXTENSIBLE = 0xfffe;

interface Format {
  code: number;
  channels: number;
  bits: number;
  blockAlign: number;
}

async function readAt(handle: FileHandle, position: number, length: number): Promise<Buffer> {
  const buffer = Buffer.alloc(length);
  const { bytesRead } = await handle.read(buffer, 0, length, position);
  return buffer.subarray(0, bytesRead);
}

function parseFormat(fmt: Buffer): Format {
  if (fmt.length < 16) throw new UndecodableAudioError("WAV format chunk too short");
  let code = fmt.readUInt16LE(0);
  if (code === EXTENSIBLE && fmt.length >= 26) code = fmt.readUInt16LE(24);
  const format = { code, channels: fmt.readUInt16LE(2), blockAlign: fmt.readUInt16LE(12), bits: fmt.readUInt16LE(14) };
  const supported = (code === PCM && [8, 16, 24, 32].includes(format.bits)) || (code === FLOAT && format.bits === 32);
  if (!supported || format.channels === 0 || format.blockAlign < (format.channels * format.bits) / 8) {
    throw new UndecodableAudioError(`Unsupported WAV encoding (format ${code}, ${format.bits} bits)`);
  }
  return format;
}

function sampleReader({ code, bits }: Format): (buffer: Buffer, offset: number) => number {
  if (code === FLOAT) return (b, o) => b.readFloatLE(o);
  if (bits === 8) return (b, o) => (b[o] - 128) / 128;
  if (bits === 16) return (b, o) => b.readInt16LE(o) / 32768;
  if (bits === 24) return (b, o) => b.readIntLE(o, 3) / 8388608;
  return (b, o) => b.readInt32LE(o) / 2147483648;
}

export async function readWavFile(handle: FileHandle, sink: AudioSink): Promise<void> {
  const { size } = await handle.stat();
  let format: Format | null = null;
  for (let position = 12; position + 8 <= size;) {
    const header = await readAt(handle, position, 8);
    const id = header.toString("latin1", 0, 4);
    const length = header.readUInt32LE(4);
    if (id === "fmt ") format = parseFormat(await readAt(handle, position + 8, Math.min(length, 64)));
    else if (id === "data") {
      if (!format) throw new UndecodableAudioError("WAV data before its format chunk");
      // Streamed WAVs leave the length at 0 or 0xFFFFFFFF: the data runs to the end of the file.
      const end = length === 0 || length === 0xffffffff ? size : Math.min(size, position + 8 + length);
      return readSamples(handle, format, position + 8, end, sink);
    }
    position += 8 + length + (length % 2);
  }
  throw new UndecodableAudioError("WAV file without a data chunk");
}

async function readSamples(handle: FileHandle, format: Format, start: number, end: number, sink: AudioSink) {
  const read = sampleReader(format);
  const bytesPerSample = format.bits / 8;
  const sliceBytes = Math.max(1, Math.floor(SLICE_BYTES / format.blockAlign)) * format.blockAlign;
  for (let position = start; position + format.blockAlign <= end; position += sliceBytes) {
    const slice = await readAt(handle, position, Math.min(sliceBytes, end - position));
    const frames = Math.floor(slice.length / format.blockAlign);
    const channels = Array.from({ length: format.channels }, () => new Float32Array(frames));
    for (let f = 0; f < frames; f++) {
      for (let c = 0; c < format.channels; c++) channels[c][f] = read(slice, f * format.blockAlign + c * bytesPerSample);
    }
    sink(channels);
    await yieldToEventLoop();
  }
}
