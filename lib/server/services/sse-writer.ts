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
