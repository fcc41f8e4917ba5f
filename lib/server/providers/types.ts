import type { ClipModel, ModelId, ModelLimits } from "@/lib/models";

// The normalised model every adapter speaks (REFERENCE §B). Adapters never touch the
// database: they turn requests into vendor calls and vendor answers into these shapes.

import type { Protocol } from "@/lib/domain";
import type { LyricsRequest, MusicRequest } from "@/lib/schemas/generate";

export type { Protocol };
export type VendorTaskStatus = "queued" | "running" | "succeeded" | "failed";
export type VendorClipState = "queued" | "running" | "streaming" | "succeeded" | "failed";

export interface ModelInfo {
  id: ModelId;
  /** What this vendor expects on the wire (`mv` / `model`). */
  vendorModel: string;
  limits: ModelLimits;
}

export interface ProviderConfig {
  id: string;
  name: string;
  protocol: Protocol;
  baseUrl: string;
  apiKey: string;
}

/** The task's normalised request, with the extended clip named as the vendor knows it. */
export type SubmitMusicInput = Omit<MusicRequest, "extend"> & {
  extend?: { vendorClipId: string; vendorTaskId?: string; continueAt: number };
  /** Set when APP_URL is configured; adapters pass it as notify_hook / callback_url. */
  callbackUrl?: string;
};

export type SubmitLyricsInput = LyricsRequest & { callbackUrl?: string };

export interface VendorClip {
  vendorClipId: string;
  title: string | null;
  lyrics: string | null;
  style: string | null;
  model: ClipModel;
  vendorModel: string | null;
  duration: number | null;
  /** Final audio only; never an audiopipe stream URL. */
  audioUrl: string | null;
  /** Live preview while streaming. */
  streamAudioUrl: string | null;
  imageUrl: string | null;
  imageLargeUrl: string | null;
  videoUrl: string | null;
  state: VendorClipState;
  errorMessage: string | null;
  createdAt: Date | null;
}

export interface VendorTask {
  vendorTaskId: string;
  status: VendorTaskStatus;
  /** The vendor's own status word, for debugging. */
  vendorStatus: string;
  progress: number | null;
  /** `message` is the vendor's own reason, null when it gave none. */
  error: { code: string; message: string | null } | null;
  clips: VendorClip[];
  /** Lyrics tasks: the written lyrics. */
  lyrics: { title: string; text: string } | null;
  submittedAt: Date | null;
  startedAt: Date | null;
  finishedAt: Date | null;
  raw: unknown;
}

export interface SubmitResult {
  vendorTaskId: string;
  raw: unknown;
  /** Present when the vendor answered synchronously with the finished task. */
  task?: VendorTask;
}

export type ConnectionTest = { ok: true; message: string } | { ok: false; reason: "rejected" | "unreachable" | "error"; message: string };

/** A media file a provider makes on this server instead of hosting it. */
export interface LocalAsset {
  contentType: string;
  body: Buffer;
  /** Without the dot. */
  fileExt: string;
}

export interface ProviderAdapter {
  readonly protocol: Protocol;
  readonly models: ModelInfo[];
  /** True when fetchTasks costs one request for many ids. */
  readonly batchFetch: boolean;
  /**
   * Providers whose media never leaves this server (the offline demo) render a clip's
   * file from its URL; the archiver and the media route call this instead of
   * downloading. Null for a URL that is not one of the provider's own.
   */
  renderLocalAsset?(url: string): LocalAsset | null;
  submitMusic(input: SubmitMusicInput): Promise<SubmitResult>;
  submitLyrics(input: SubmitLyricsInput): Promise<SubmitResult>;
  /** Tasks the vendor does not know are simply absent from the map. */
  fetchTasks(vendorTaskIds: string[]): Promise<Map<string, VendorTask>>;
  testConnection(): Promise<ConnectionTest>;
}

export type VendorErrorCode = "auth" | "quota" | "moderation" | "bad_request" | "not_found" | "rate_limited" | "vendor_unavailable" | "timeout" | "bad_response";

/**
 * Every vendor failure becomes one of these. `vendorMessage` says what went wrong: the
 * vendor's own words when its answer had some (`fromVendor`), else our description of
 * the failure (a timeout, an unreadable answer), which is never shown as the vendor's.
 */
export class VendorError extends Error {
  readonly code: VendorErrorCode;
  readonly vendorMessage: string;
  readonly fromVendor: boolean;
  readonly httpStatus?: number;
  readonly retryAfter?: number;
  readonly raw?: unknown;

  constructor(code: VendorErrorCode, vendorMessage: string, options: { httpStatus?: number; retryAfter?: number; raw?: unknown; cause?: unknown; fromVendor?: boolean } = {}) {
    super(`${code}: ${vendorMessage}`, { cause: options.cause });
    this.name = "VendorError";
    this.code = code;
    this.vendorMessage = vendorMessage;
    this.fromVendor = options.fromVendor ?? false;
    this.httpStatus = options.httpStatus;
    this.retryAfter = options.retryAfter;
    this.raw = options.raw;
  }

  get retryable(): boolean {
    return ["rate_limited", "vendor_unavailable", "timeout", "bad_response"].includes(this.code);
  }
}
