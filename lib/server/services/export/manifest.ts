import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import readline from "node:readline";
import { Readable } from "node:stream";

// songloft.json lists every clip, but holding 10,000 clips' lyrics in memory until the
// ZIP's last entry would grow with the library (PERF-8). Each clip's object is
// appended to a temporary file as it is exported, and the manifest is streamed from
// that file at the end, one line at a time.

export interface Manifest {
  add(record: Record<string, unknown>): Promise<void>;
  /** songloft.json, streamed: `head` then every record added, as one JSON document. */
  stream(head: Record<string, unknown>): Readable;
  dispose(): Promise<void>;
}

export async function openManifest(): Promise<Manifest> {
  const dir = await fs.promises.mkdtemp(path.join(os.tmpdir(), "songloft-export-"));
  const file = path.join(dir, "clips.jsonl");
  const handle = await fs.promises.open(file, "w");
  return {
    async add(record) {
      await handle.write(JSON.stringify(record) + "\n");
    },
    stream(head) {
      async function* lines() {
        const opening = JSON.stringify({ ...head, clips: [] }, null, 2);
        // Everything up to the empty array's closing bracket, then the clips, then the rest.
        const at = opening.lastIndexOf("[]");
        yield opening.slice(0, at + 1) + "\n";
        let first = true;
        for await (const line of readline.createInterface({ input: fs.createReadStream(file), crlfDelay: Infinity })) {
          if (!line) continue;
          yield `${first ? "" : ",\n"}    ${line}`;
          first = false;
        }
        yield `\n  ${opening.slice(at + 1)}\n`;
      }
      return Readable.from(lines());
    },
    async dispose() {
      await handle.close().catch(() => undefined);
      await fs.promises.rm(dir, { recursive: true, force: true });
    },
  };
}
