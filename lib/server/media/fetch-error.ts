// Why a media download was refused or failed, and whether trying again could help.

export type MediaFetchReason = "scheme" | "host" | "address" | "redirect" | "status" | "content_type" | "too_large" | "timeout" | "network";

// Policy refusals will not change by retrying; network trouble and vendor errors may.
const PERMANENT: ReadonlySet<MediaFetchReason> = new Set(["scheme", "host", "address", "redirect", "content_type", "too_large"]);

export class MediaFetchError extends Error {
  readonly reason: MediaFetchReason;
  constructor(reason: MediaFetchReason, message: string, options: { cause?: unknown } = {}) {
    super(message, options);
    this.name = "MediaFetchError";
    this.reason = reason;
  }
  get permanent(): boolean {
    return PERMANENT.has(this.reason);
  }
}
