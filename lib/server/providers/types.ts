import type { ClipModel, ModelId, ModelLimits } from "@/lib/models";

// The normalised model every adapter speaks (REFERENCE §B). Adapters never touch the
// database: they turn requests into vendor calls and vendor answers into these shapes.

import type { Capability, Protocol } from "@/lib/domain";
import type { LyricsRequest, MusicRequest } from "@/lib/schemas/generate";

export type { Capability, Protocol };
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

/**
 * A clip as the vendor knows it: its clip id and the vendor task that made it (new-api
 * routes follow-up calls to the original task's channel). For the demo, which keeps no
 * state, also the clip's audio URL and length, so it can rebuild the sound.
 */
export interface VendorSource {
  vendorClipId: string;
  vendorTaskId?: string;
  audioUrl?: string | null;
  duration?: number | null;
  title?: string | null;
  /** The clip's lyrics as stored, for the demo's timing (fetchTimedLyrics), which has nothing else to go on. */
  lyrics?: string | null;
}

/** An uploaded file the vendor fetches from this app (a signed, expiring APP_URL link). */
export interface UploadSource {
  /** Signed link to the file on this server. */
  audioUrl: string;
  /** Stable id of the upload, for providers that derive things from it (the demo). */
  uploadId: string;
  duration: number | null;
  title: string | null;
}

/** The sunohub protocol's extra knobs, sent only when the chosen model takes them. */
export interface AdvancedParams {
  vocalGender?: "f" | "m";
  /** 0–100 in our request; adapters scale to the vendor's range. */
  weirdness?: number;
  styleInfluence?: number;
}

/** The task's normalised request, with source clips named as the vendor knows them. */
export type SubmitMusicInput = Omit<MusicRequest, "extend" | "cover" | "personaId" | "advanced"> & {
  /** Continue a clip, or an uploaded file (`upload_extend`). */
  extend?: (VendorSource | { upload: UploadSource }) & { continueAt: number };
  /** A new arrangement of a clip, or of an uploaded file (`upload_cover`). */
  cover?: VendorSource | { upload: UploadSource };
  /** Sing in the voice of this persona (the vendor's persona id and the clip it was made from). */
  persona?: { vendorPersonaId: string; source: VendorSource };
  advanced?: AdvancedParams;
  /** Set when APP_URL is configured; adapters pass it as notify_hook / callback_url. */
  callbackUrl?: string;
};

/** Whole song: `source` is the last extension of a chain; `segments` the chain oldest first. */
export interface SubmitConcatInput {
  source: VendorSource;
  segments: (VendorSource & { continueAt: number | null })[];
  callbackUrl?: string;
}

export interface SubmitClipOperationInput {
  source: VendorSource;
  callbackUrl?: string;
}

export interface SubmitPersonaInput {
  source: VendorSource;
  name: string;
  description: string | null;
  callbackUrl?: string;
}

/** One line of timed lyrics, in seconds from the start of the clip. */
export interface TimedLine {
  text: string;
  start: number;
  end: number;
}

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
  /** WAV and video tasks: the file made for the source clip. */
  formats?: { wav?: string; video?: string };
  /** Persona tasks: the persona the vendor made. */
  persona?: { vendorPersonaId: string };
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

/** What the vendor account has left, in the vendor's own unit (e.g. "USD", "credits"). */
export interface VendorBalance {
  amount: number;
  unit: string;
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
  /**
   * Everything this protocol can do besides a plain song and lyrics. `extend` is on for
   * every protocol; the others need their submit method below.
   */
  readonly capabilities: readonly Capability[];
  /**
   * The subset of `capabilities` documented for the protocol's family but not confirmed
   * for the vendor (REFERENCE [D]/[I]): off until an admin switches them on per provider.
   */
  readonly unconfirmedCapabilities?: readonly Capability[];
  /** Which models take the advanced parameters (sunohub: v4.5 and newer). */
  readonly advancedModels?: readonly ModelInfo["id"][];
  /** Songs: plain, extend, cover (of a clip or an upload), and "in the voice of" a persona. */
  submitMusic(input: SubmitMusicInput): Promise<SubmitResult>;
  submitLyrics(input: SubmitLyricsInput): Promise<SubmitResult>;
  /** One clip joining the chain; the finished task's only clip. */
  submitConcat?(input: SubmitConcatInput): Promise<SubmitResult>;
  /** Two clips: vocals first, then the instrumental. */
  submitStems?(input: SubmitClipOperationInput): Promise<SubmitResult>;
  /** The finished task carries `formats.wav` (no clips). */
  submitWav?(input: SubmitClipOperationInput): Promise<SubmitResult>;
  /** The finished task carries `formats.video` (no clips). */
  submitVideo?(input: SubmitClipOperationInput): Promise<SubmitResult>;
  /** The finished task carries `persona`. */
  submitPersona?(input: SubmitPersonaInput): Promise<SubmitResult>;
  /** The clip's lyrics with times; null when the vendor has none (an instrumental). */
  fetchTimedLyrics?(source: VendorSource): Promise<TimedLine[] | null>;
  /** Tasks the vendor does not know are simply absent from the map. */
  fetchTasks(vendorTaskIds: string[]): Promise<Map<string, VendorTask>>;
  testConnection(): Promise<ConnectionTest>;
  /**
   * The account's balance, for protocols whose API reports one (the new-api family);
   * null when it has no limit to report. Read in the background, never while a
   * request or the poller waits (services/provider-balance.ts).
   */
  fetchBalance?(): Promise<VendorBalance | null>;
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

/** True when an extend or cover source is an uploaded file rather than a clip. */
export function isUploadSource<T extends object>(source: T | { upload: UploadSource }): source is { upload: UploadSource } {
  return "upload" in source;
}
