import { finished } from "node:stream/promises";
import type { Readable } from "node:stream";
import { ZipFile } from "yazl";
import { logger } from "@/lib/server/logger";
import type { ZipFileEntry } from "./clip-files";

// A ZIP written entry by entry into a Web ReadableStream with backpressure (PERF-8):
// the next entry is opened only once the previous one has been read to its end, and
// an entry is read only as fast as the client takes the ZIP (yazl pipes each entry
// into its output, and the Web stream pulls from that output on demand). So the
// server holds at most one song in memory, however large the export. Cancelling the
// Web stream (the client went away) or the signal stops it: the writer sees
// `stopped`, the entry being read is destroyed, and no further entry is opened.

export interface ZipWriter {
  body: ReadableStream<Uint8Array>;
  readonly stopped: boolean;
  /** Resolves once the entry has been read in full, or at once if the ZIP was stopped. */
  add(entry: ZipFileEntry): Promise<void>;
  end(): void;
  /** Abandons the ZIP: the client sees the download fail rather than a truncated file that looks whole. */
  fail(err: unknown): void;
}

export interface ZipWriterEvents {
  /** Bytes handed to the response so far. */
  onBytes?(sent: number): void;
  /** The ZIP ended: read to its end, stopped (client gone or cancelled), or failed. */
  onEnd?(how: "finished" | "stopped" | "failed", err?: unknown): void;
}

export function openZipWriter(signal?: AbortSignal, events: ZipWriterEvents = {}): ZipWriter {
  const zip = new ZipFile();
  const output = zip.outputStream as Readable;
  let stopped = false;
  let current: Readable | null = null;
  let sent = 0;
  let ended = false;
  const endAs = (how: "finished" | "stopped" | "failed", err?: unknown) => {
    if (ended) return;
    ended = true;
    events.onEnd?.(how, err);
  };
  const closed = new Promise<void>((resolve) => output.once("close", resolve));
  const stop = () => {
    if (stopped) return;
    stopped = true;
    current?.destroy();
    output.destroy();
    endAs("stopped");
  };
  output.once("close", () => {
    if (output.readableEnded) endAs("finished");
    stop();
  });
  signal?.addEventListener("abort", stop, { once: true });
  zip.on("error", (err: unknown) => {
    logger.warn("export: the ZIP writer failed", { error: String(err) });
    endAs("failed", err);
    output.destroy(err instanceof Error ? err : new Error(String(err)));
  });

  const chunks = output[Symbol.asyncIterator]();
  const body = new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        const { value, done } = await chunks.next();
        if (done) {
          endAs("finished");
          return controller.close();
        }
        sent += (value as Buffer).length;
        events.onBytes?.(sent);
        // A Buffer is a Uint8Array: handed on as it is, never copied.
        controller.enqueue(value as Buffer);
      },
      cancel: stop,
    },
    // Nothing is read ahead of the client: the Web stream asks for a chunk only when the response needs one.
    { highWaterMark: 0 },
  );

  return {
    body,
    get stopped() {
      return stopped;
    },
    async add(entry) {
      if (stopped) return;
      const input = await entry.open();
      if (stopped) return void input.destroy();
      current = input;
      addLazily(zip, entry, input);
      await Promise.race([finished(input).catch(() => undefined), closed]);
      current = null;
    },
    end() {
      if (!stopped) zip.end();
    },
    fail(err) {
      logger.warn("export stopped by an error", { error: String(err) });
      endAs("failed", err);
      output.destroy(err instanceof Error ? err : new Error(String(err)));
    },
  };
}

/**
 * Adds the entry to yazl, which keeps every entry (for the central directory) and with
 * it the function that opens its stream. That function is the only closure made here,
 * so all it keeps is the slot, which is emptied once yazl takes the stream: each song's
 * stream, with its tag and cover, and the clip it came from are freed once written.
 *
 * yazl also keeps each entry's name as a Buffer. Made from Node's Buffer pool, a name is
 * a view of a shared 8 KiB slab, and the tag rendering and ZIP headers between two
 * entries fill the rest of it, so thousands of names would keep thousands of slabs
 * alive. The pool is turned off while yazl makes the name (Buffer.from(string) and
 * Buffer.concat() use it only below half of Buffer.poolSize); this runs synchronously,
 * so nothing else allocates meanwhile.
 */
function addLazily(zip: ZipFile, entry: ZipFileEntry, input: Readable): void {
  let slot: Readable | null = input;
  const poolSize = Buffer.poolSize;
  Buffer.poolSize = 0;
  try {
    zip.addReadStreamLazy(entry.name, { compress: entry.compress, mtime: entry.mtime }, (give) => {
      const stream = slot!;
      slot = null;
      give(null, stream);
    });
  } finally {
    Buffer.poolSize = poolSize;
  }
}
