import { parseBuffer, type IAudioMetadata } from "music-metadata";
import yauzl from "yauzl";

// Helpers for the export tests: a real PNG, and a ZIP read back
// entry by entry with yauzl, the reader a user's unzip tool would stand in for.

/** A 1×1 PNG. */
export const PNG = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==", "base64");

export interface ZipEntryRead {
  name: string;
  /** 0 stored, 8 deflated. */
  method: number;
  data: Buffer;
}

export function readZip(zip: Buffer): Promise<ZipEntryRead[]> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(zip, { lazyEntries: true }, (err, file) => {
      if (err || !file) return reject(err);
      const out: ZipEntryRead[] = [];
      file.on("entry", (entry: yauzl.Entry) => {
        file.openReadStream(entry, (streamErr, stream) => {
          if (streamErr || !stream) return reject(streamErr);
          const chunks: Buffer[] = [];
          stream.on("data", (c: Buffer) => chunks.push(c));
          stream.on("end", () => {
            out.push({ name: entry.fileName, method: entry.compressionMethod, data: Buffer.concat(chunks) });
            file.readEntry();
          });
        });
      });
      file.on("end", () => resolve(out));
      file.on("error", reject);
      file.readEntry();
    });
  });
}

/** The ID3v2.4 frames of an MP3, by id (`TXXX:songloft_id` for user frames). */
export async function id3v24(mp3: Buffer): Promise<{ meta: IAudioMetadata; frames: Map<string, unknown> }> {
  const meta = await parseBuffer(mp3, { mimeType: "audio/mpeg" });
  return { meta, frames: new Map((meta.native["ID3v2.4"] ?? []).map((tag) => [tag.id, tag.value])) };
}
