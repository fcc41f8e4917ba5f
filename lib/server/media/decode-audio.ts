import fs from "node:fs/promises";
import { MPEGDecoder } from "mpg123-decoder";
import { UndecodableAudioError, yieldToEventLoop, type AudioSink } from "./audio-sink";
import { readWavFile } from "./decode-wav";

// Decodes an archived audio file chunk by chunk, handing each chunk's samples to a
// sink. MP3 goes through mpg123 compiled to WebAssembly (inside the npm package: no
// native build, no download); WAV is read directly. Between chunks it gives the event
// loop back, so requests and the poller keep running while a song decodes.

const MP3_CHUNK = 8 * 1024;
/** A file that decodes to nothing within this many bytes is not audio we can read: stop there. */
const MP3_GIVE_UP_BYTES = 1024 * 1024;

type Format = "mp3" | "wav";

/** The format by the file's first bytes (labels from vendors are not trusted). */
export function sniffFormat(head: Uint8Array): Format | null {
  const ascii = (from: number, to: number) => Buffer.from(head.subarray(from, to)).toString("latin1");
  if (ascii(0, 4) === "RIFF" && ascii(8, 12) === "WAVE") return "wav";
  if (ascii(0, 3) === "ID3") return "mp3";
  if (head.length >= 2 && head[0] === 0xff && (head[1] & 0xe0) === 0xe0) return "mp3";
  return null;
}

export async function decodeAudioFile(file: string, sink: AudioSink): Promise<void> {
  const handle = await fs.open(file, "r");
  try {
    const head = new Uint8Array(12);
    await handle.read(head, 0, 12, 0);
    const format = sniffFormat(head);
    if (format === "wav") return await readWavFile(handle, sink);
    if (format === "mp3") return await decodeMp3(handle, sink);
    throw new UndecodableAudioError("Not an MP3 or WAV file");
  } finally {
    await handle.close();
  }
}

async function decodeMp3(handle: fs.FileHandle, sink: AudioSink): Promise<void> {
  const decoder = new MPEGDecoder();
  await decoder.ready;
  try {
    const buffer = new Uint8Array(MP3_CHUNK);
    let decoded = false;
    for (let position = 0; ;) {
      const { bytesRead } = await handle.read(buffer, 0, MP3_CHUNK, position);
      if (bytesRead === 0) break;
      position += bytesRead;
      const { channelData, samplesDecoded } = decoder.decode(buffer.subarray(0, bytesRead));
      if (samplesDecoded > 0) {
        decoded = true;
        sink(channelData.map((c) => c.subarray(0, samplesDecoded)));
      } else if (!decoded && position >= MP3_GIVE_UP_BYTES) throw new UndecodableAudioError("No MP3 audio in the first megabyte");
      await yieldToEventLoop();
    }
    if (!decoded) throw new UndecodableAudioError("No MP3 audio in the file");
  } finally {
    decoder.free();
  }
}
