import { z } from "zod";
import { MODEL_IDS } from "@/lib/models";
import { CAPABILITIES, CLIP_STATES, PROTOCOLS, TASK_KINDS, TASK_STATUSES, VISIBILITIES } from "@/lib/domain";

// What the JSON API answers, as zod schemas: the OpenAPI document is written from
// them and lib/dto.ts infers the DTO types from them, so the two cannot drift.

const isoTime = z.iso.datetime({ offset: true });
const owner = z.object({ id: z.string(), name: z.string() });

export const clipDtoSchema = z.object({
  id: z.string(),
  taskId: z.string(),
  providerId: z.string(),
  title: z.string(),
  lyrics: z.string().nullable(),
  style: z.string().nullable(),
  prompt: z.string().nullable(),
  model: z.string().describe("Normalised model name (v3.5 … v5.5), or what the vendor reported"),
  duration: z.number().nullable().describe("Seconds"),
  state: z.enum(CLIP_STATES),
  errorMessage: z.string().nullable(),
  audioUrl: z.string().nullable().describe("The app's own URL (/media/<id>/audio): the archive, or the vendor until archived"),
  previewUrl: z.string().nullable().describe("Live preview while the vendor is still streaming"),
  imageUrl: z.string().nullable(),
  videoUrl: z.string().nullable(),
  formats: z
    .object({
      wav: z.string().optional().describe("/media/<id>/wav: the clip's WAV, once a wav task made one"),
      video: z.string().optional().describe("/media/<id>/video: the clip's MP4, once the vendor made one"),
    })
    .describe("Other files of the same song, served by the app (the archive, or the vendor's file until archived); a key is absent when the file does not exist"),
  archived: z.boolean(),
  visibility: z.enum(VISIBILITIES),
  starred: z.boolean().describe("Whether you starred it"),
  owner,
  parentClipId: z.string().nullable().describe("The clip this one extends, covers, or was split or joined from"),
  segments: z.array(z.string()).nullable().describe("A whole song: the clip ids it joins, oldest first"),
  continueAt: z.number().nullable(),
  createdAt: isoTime,
  deletedAt: isoTime.nullable(),
  waveform: z
    .array(z.number().int().min(0).max(255))
    .nullable()
    .describe(
      "The song's loudness from start to end: evenly spaced peaks, 0–255, the loudest 255. A clip has 400 points, a list row 48; null until the archived audio was decoded (or when it could not be)",
    ),
});

export const taskDtoSchema = z.object({
  id: z.string(),
  kind: z.enum(TASK_KINDS),
  providerId: z.string(),
  providerName: z.string(),
  status: z.enum(TASK_STATUSES),
  progress: z.number().nullable(),
  progressEstimated: z.boolean().describe("True when progress is our time-based estimate rather than the vendor's figure"),
  error: z
    .object({
      code: z.string().describe("Stable failure code (auth, quota, moderation, timed_out, …)"),
      message: z.string().describe("What went wrong, in English"),
      vendorMessage: z.string().nullable().describe("The vendor's own words about the failure, when it gave any"),
    })
    .nullable(),
  request: z.record(z.string(), z.unknown()).describe("The normalised request"),
  result: z.object({ title: z.string(), text: z.string() }).nullable().describe("Lyrics tasks: the written lyrics"),
  owner,
  createdAt: isoTime,
  submittedAt: isoTime.nullable(),
  startedAt: isoTime.nullable(),
  finishedAt: isoTime.nullable(),
  clips: z.array(clipDtoSchema),
});

export const personaDtoSchema = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string().nullable(),
  providerId: z.string().describe("Only this provider can sing in the persona"),
  sourceClipId: z.string().nullable().describe("The clip it was made from (null once that clip was purged)"),
  owner,
  createdAt: isoTime,
});

export const shareDtoSchema = z.object({
  id: z.string(),
  url: z.string().describe("The public link, /s/<token>, relative to this server; /s/<token>/embed is its embeddable player"),
  clipId: z.string().nullable().describe("The shared clip; null for a playlist's share"),
  clipTitle: z.string().nullable(),
  playlistId: z.string().nullable().describe("The shared playlist; null for a clip's share"),
  playlistName: z.string().nullable(),
  createdAt: isoTime,
  expiresAt: isoTime.nullable().describe("Null: until revoked"),
  views: z.number().describe("Times the public page was opened"),
  lastViewedAt: isoTime.nullable(),
  state: z
    .enum(["active", "expired", "unavailable"])
    .describe("unavailable: the song is in the trash; the link answers 404 until it is restored (a playlist's share is never unavailable: deleting the playlist deletes it)"),
});

export const playlistDtoSchema = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string().nullable(),
  visibility: z.enum(VISIBILITIES).describe("team: every member sees it; private: only you"),
  owner,
  itemCount: z.number().int().describe("Songs stored in it; a member may see fewer (see items)"),
  createdAt: isoTime,
  updatedAt: isoTime,
});

export const playlistDetailSchema = playlistDtoSchema.extend({
  items: z.array(clipDtoSchema).describe("In order: only the songs you may see (a teammate's private or trashed song is left out)"),
  isOwner: z.boolean(),
});

export const uploadDtoSchema = z.object({
  id: z.string(),
  title: z.string().describe("From the file name"),
  duration: z.number().nullable().describe("Seconds, when the file says"),
  contentType: z.enum(["audio/mpeg", "audio/wav"]).describe("Sniffed from the bytes"),
  size: z.number().describe("Bytes"),
  createdAt: isoTime,
});

export const providerDtoSchema = z.object({
  id: z.string(),
  name: z.string(),
  protocol: z.enum(PROTOCOLS),
  models: z.array(
    z.object({
      id: z.enum(MODEL_IDS),
      limits: z.object({ description: z.number(), lyrics: z.number(), style: z.number(), title: z.number() }).describe("Maximum characters"),
    }),
  ),
  defaultModel: z.enum(MODEL_IDS).nullable().describe("Used when a request names no model"),
  capabilities: z.array(z.enum(CAPABILITIES)).describe("What this provider can do besides a plain song and lyrics"),
  advancedModels: z.array(z.enum(MODEL_IDS)).describe("Models that take the advanced parameters (vocal gender, weirdness, style influence)"),
});
export type ProviderDto = z.infer<typeof providerDtoSchema>;

export const errorSchema = z.object({
  error: z.object({
    code: z.enum(["bad_request", "validation", "unauthorized", "forbidden", "not_found", "conflict", "payload_too_large", "rate_limited", "vendor_error", "internal"]),
    message: z.string(),
    details: z.unknown().optional().describe("validation: field name → messages"),
  }),
});

export const taskEnvelopeSchema = z.object({ task: taskDtoSchema });
export const clipEnvelopeSchema = z.object({ clip: clipDtoSchema });
export const clipPageSchema = z.object({
  items: z.array(clipDtoSchema),
  nextCursor: z.string().nullable().describe("Pass as cursor for the next page; null at the end. A search page may hold fewer items than limit and still have a cursor."),
});
export const taskPageSchema = z.object({
  items: z.array(taskDtoSchema),
  nextCursor: z.string().nullable().describe("Pass as cursor for the next page; null at the end"),
});
export const timedLyricsSchema = z.object({
  lines: z
    .array(
      z.object({
        text: z.string(),
        start: z.number().describe("Seconds from the start of the clip"),
        end: z.number().describe("Seconds from the start of the clip"),
      }),
    )
    .describe("In order; empty for an instrumental"),
});
export const timedLyricsPendingSchema = z.object({ status: z.literal("pending").describe("The first fetch from the vendor is running; ask again after Retry-After") });
export const providerListSchema = z.object({ providers: z.array(providerDtoSchema) });
export const healthSchema = z.object({
  ok: z.boolean(),
  db: z.boolean(),
  poller: z.object({ running: z.boolean(), heartbeatAt: isoTime.nullable(), lagSeconds: z.number().nullable() }),
  media: z
    .object({
      failed: z.number().int().nullable().describe("Archive rows whose downloads failed for good (`media:retry-failed` re-queues them); null when the database is down"),
      paused: z.boolean().describe("True while a full disk (ENOSPC/EDQUOT) pauses archiving; `ok` does not depend on it"),
      pausedUntil: isoTime.nullable(),
    })
    .describe("The media archive; reported, but it does not make `ok` false"),
});
