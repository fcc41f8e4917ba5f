const encoder = new TextEncoder();

export interface SseWriter {
  /** Queues text for the reader; a reader that went away closes the stream. */
  write(text: string): void;
  /** Ends the stream once, running the cleanup; later calls do nothing. */
  close(): void;
  readonly closed: boolean;
}

/** The write and close every Server-Sent Events stream needs, with the stream's cleanup run exactly once. */
export function sseWriter(controller: ReadableStreamDefaultController<Uint8Array>, cleanup: () => void): SseWriter {
  let closed = false;
  const close = () => {
    if (closed) return;
    closed = true;
    cleanup();
    try {
      controller.close();
    } catch {
      // the reader already went away
    }
  };
  return {
    write(text) {
      if (closed) return;
      try {
        controller.enqueue(encoder.encode(text));
      } catch {
        close();
      }
    },
    close,
    get closed() {
      return closed;
    },
  };
}

/**
 * The rest every stream does while open: re-read on a timer (a missed change still
 * arrives), a keep-alive comment so proxies keep the connection, and close when the
 * client goes away. Its undo goes into the stream's own cleanups.
 */
export function holdOpen(sse: SseWriter, cleanups: (() => void)[], signal: AbortSignal, options: { recheck: () => void; recheckMs: number; keepAliveMs: number }) {
  const recheck = setInterval(options.recheck, options.recheckMs);
  const keepAlive = setInterval(() => sse.write(": keep-alive\n\n"), options.keepAliveMs);
  cleanups.push(
    () => clearInterval(recheck),
    () => clearInterval(keepAlive),
  );
  if (signal.aborted) return sse.close();
  const onAbort = () => sse.close();
  signal.addEventListener("abort", onAbort, { once: true });
  cleanups.push(() => signal.removeEventListener("abort", onAbort));
}
