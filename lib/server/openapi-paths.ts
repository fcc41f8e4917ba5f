import { z } from "zod";
import { clipDeleteQuerySchema, clipListQueryObject } from "@/lib/schemas/clips";
import { idempotencyHeaderSchema } from "@/lib/schemas/generate";
import { taskListQueryObject } from "@/lib/schemas/tasks";
import { MAX_STREAMS_PER_TASK, MAX_STREAMS_PER_USER } from "@/lib/server/services/stream-registry";

// Every route under /api/v1 (and the public health check), operation by operation,
// for lib/server/openapi.ts.

type JsonObject = Record<string, unknown>;

export const schemaRef = (id: string) => ({ $ref: `#/components/schemas/${id}` });

export function withoutKeys(schema: JsonObject, keys: string[]): JsonObject {
  return Object.fromEntries(Object.entries(schema).filter(([k]) => !keys.includes(k)));
}

/** A zod object's fields as OpenAPI parameters (query strings, headers). */
export function parametersFrom(schema: z.ZodObject, where: "query" | "header"): JsonObject[] {
  const json = z.toJSONSchema(schema, { io: "input" }) as { properties?: Record<string, JsonObject>; required?: string[] };
  return Object.entries(json.properties ?? {}).map(([name, property]) => ({
    name,
    in: where,
    required: json.required?.includes(name) ?? false,
    ...(typeof property.description === "string" ? { description: property.description } : {}),
    schema: withoutKeys(property, ["description"]),
  }));
}

export const ERRORS = {
  BadRequest: ["400", "Bad input; `details` maps each field to its messages."],
  Unauthorized: ["401", "Not signed in, or the token is unknown, revoked or expired."],
  Forbidden: ["403", "Signed in but not allowed: changing a teammate's clip, any change with a read-only token, or a cross-origin browser request."],
  NotFound: ["404", "No such resource, or not one you may see."],
  Conflict: ["409", "The resource is not in a state that allows this."],
  TooLarge: ["413", "The body is larger than 64 KiB."],
  RateLimited: ["429", "Too many requests, or (`quota_exceeded`) a song over the member's daily or monthly quota (GET /api/v1/me/quota); see Retry-After."],
  VendorError: ["502", "The vendor refused or failed; the message says why."],
  Unavailable: ["503", "The server is shutting down; try again after Retry-After."],
} as const satisfies Record<string, readonly [string, string]>;

/** `{"400": {$ref}, …}` for the named error responses an operation can give. */
function errors(...names: (keyof typeof ERRORS)[]): JsonObject {
  return Object.fromEntries(names.map((n) => [ERRORS[n][0], { $ref: `#/components/responses/${n}` }]));
}

const json = (id: string, description: string) => ({ description, content: { "application/json": { schema: schemaRef(id) } } });
const body = (id: string) => ({ required: true, content: { "application/json": { schema: schemaRef(id) } } });
const idParam = (what: string) => ({ name: "id", in: "path", required: true, description: `The ${what} id`, schema: { type: "string" } });
const noContent = { description: "Done" };

/** POST /api/v1/clips/{id}/stems|wav|video: one shape, three operations. */
function clipOperationPaths(): Record<string, JsonObject> {
  const what = {
    stems: ["splitStems", 'Split a clip into vocals and instrumental: two new clips titled "<title> - Vocals" and "- Instrumental", with lineage to it'],
    wav: ["makeWav", "Make a WAV of a clip; when the task succeeds the clip's `formats.wav` serves it (/media/{id}/wav, with Range)"],
    video: ["makeVideo", "Make an MP4 video of a clip; when the task succeeds the clip's `formats.video` serves it (/media/{id}/video, with Range)"],
  } as const;
  return Object.fromEntries(
    Object.entries(what).map(([op, [operationId, summary]]) => [
      `/api/v1/clips/{id}/${op}`,
      {
        post: {
          operationId,
          tags: ["clips"],
          summary,
          description: "Needs the clip's provider to offer the operation (GET /api/v1/providers → capabilities), else 400. The body is empty.",
          parameters: [idParam("clip"), ...idempotencyHeaders()],
          responses: {
            "202": json("TaskEnvelope", "The task, queued"),
            ...errors("BadRequest", "Unauthorized", "Forbidden", "NotFound", "Conflict", "RateLimited", "VendorError"),
          },
        },
      },
    ]),
  );
}

function idempotencyHeaders(): JsonObject[] {
  return parametersFrom(idempotencyHeaderSchema, "header").map((p) => ({
    ...p,
    description: "Any unique string (≤ 200 printable characters). A repeat with the same key returns the same task instead of submitting again.",
  }));
}

export function openApiPaths(): Record<string, JsonObject> {
  const idempotency = idempotencyHeaders();
  return {
    "/api/v1/generations": {
      post: {
        operationId: "createGeneration",
        tags: ["generate"],
        summary: "Generate a song (two takes), extend or cover a clip or an upload, or join an extension chain into the whole song",
        description:
          "A body with `concat: {clipId}` (and optionally `provider`) is a whole-song request: one clip joining the last extension with the parts before it; " +
          "its `segments` lists them, oldest first. Any other body is a song; `extend` or `cover` (of a `clipId` or an `uploadId`) and `personaId` need the " +
          "provider's capability (GET /api/v1/providers), else 400 — never an ordinary song. Unknown fields are a 400.",
        parameters: idempotency,
        requestBody: { required: true, content: { "application/json": { schema: { oneOf: [schemaRef("GenerationRequest"), schemaRef("ConcatRequest")] } } } },
        responses: {
          "202": json("TaskEnvelope", "The task, queued"),
          ...errors("BadRequest", "Unauthorized", "Forbidden", "NotFound", "Conflict", "TooLarge", "RateLimited", "VendorError"),
        },
      },
    },
    ...clipOperationPaths(),
    "/api/v1/personas": {
      get: {
        operationId: "listPersonas",
        tags: ["generate"],
        summary: "The team's personas, newest first: sing in one with `personaId` on POST /api/v1/generations",
        responses: { "200": json("PersonaList", "The personas"), ...errors("Unauthorized") },
      },
      post: {
        operationId: "createPersona",
        tags: ["generate"],
        summary: "Make a persona (a voice) from a finished clip; it is listed once the task succeeds",
        parameters: idempotency,
        requestBody: body("PersonaRequest"),
        responses: { "202": json("TaskEnvelope", "The task, queued"), ...errors("BadRequest", "Unauthorized", "Forbidden", "NotFound", "Conflict", "TooLarge", "VendorError") },
      },
    },
    "/api/v1/clips/{id}/shares": {
      post: {
        operationId: "shareClip",
        tags: ["clips"],
        summary: "Make a public link to one of your finished songs (/s/<token>: a page, its audio and cover, and an embeddable player)",
        description:
          "Anyone with the link can play the song without signing in, until you revoke it, it expires, or the song is deleted. " +
          "It keeps working if you make the song private: the link is your explicit grant. A teammate's clip is 404.",
        parameters: [idParam("clip")],
        requestBody: { required: false, content: { "application/json": { schema: schemaRef("ShareRequest") } } },
        responses: { "201": json("ShareEnvelope", "The share, with its link"), ...errors("BadRequest", "Unauthorized", "Forbidden", "NotFound", "Conflict", "TooLarge") },
      },
    },
    "/api/v1/shares": {
      get: {
        operationId: "listShares",
        tags: ["clips"],
        summary: "Your share links, newest first, with their state and how often they were opened",
        responses: { "200": json("ShareList", "The shares"), ...errors("Unauthorized") },
      },
    },
    "/api/v1/shares/{id}": {
      delete: {
        operationId: "revokeShare",
        tags: ["clips"],
        summary: "Revoke a share: its page, media and embed answer 404 at once",
        parameters: [idParam("share")],
        responses: { "204": noContent, ...errors("Unauthorized", "Forbidden", "NotFound") },
      },
    },
    "/api/v1/uploads": {
      post: {
        operationId: "createUpload",
        tags: ["generate"],
        summary: "Upload an MP3 or WAV (≤ 20 MiB, checked by its bytes) to extend or cover, as multipart `file` or JSON `{url}`",
        description:
          "The vendor fetches the file from a signed link on APP_URL that expires; without APP_URL uploads cannot be used (extend/cover answer 409). " +
          "A URL is fetched with the archive's safeguards (public addresses only, size cap, timeouts).",
        requestBody: {
          required: true,
          content: {
            "multipart/form-data": { schema: { type: "object", required: ["file"], properties: { file: { type: "string", format: "binary" } } } },
            "application/json": { schema: schemaRef("UploadUrlRequest") },
          },
        },
        responses: {
          "201": json("UploadEnvelope", "The upload"),
          ...errors("BadRequest", "Unauthorized", "Forbidden", "RateLimited"),
          "413": { description: "The file is larger than 20 MiB." },
        },
      },
    },
    "/api/v1/lyrics": {
      post: {
        operationId: "createLyrics",
        tags: ["generate"],
        summary: "Write lyrics from a prompt; the finished task's result is {title, text}",
        parameters: idempotency,
        requestBody: body("LyricsRequest"),
        responses: { "202": json("TaskEnvelope", "The task, queued"), ...errors("BadRequest", "Unauthorized", "Forbidden", "TooLarge", "RateLimited", "VendorError") },
      },
    },
    "/api/v1/tasks": {
      get: {
        operationId: "listTasks",
        tags: ["tasks"],
        summary: "Your tasks newest first, with their clips (admins: everyone's with scope=all), filtered by status, kind and provider (keyset pages)",
        parameters: parametersFrom(taskListQueryObject, "query"),
        responses: { "200": json("TaskPage", "One page"), ...errors("BadRequest", "Unauthorized", "Forbidden") },
      },
    },
    "/api/v1/tasks/{id}/retry": {
      post: {
        operationId: "retryTask",
        tags: ["tasks"],
        summary: "Send a failed task's request again, as a new task (the task's owner only)",
        description:
          "The new task has the same provider and stored request and a fresh idempotency key (yours when you send one, so a repeat returns the same new task). " +
          "Another member's task is 404; a task that did not fail, or a kind that cannot be retried yet, is 409.",
        parameters: [idParam("task"), ...idempotency],
        responses: {
          "202": json("TaskEnvelope", "The new task, queued"),
          ...errors("BadRequest", "Unauthorized", "Forbidden", "NotFound", "Conflict", "RateLimited", "VendorError"),
        },
      },
    },
    "/api/v1/tasks/{id}": {
      get: {
        operationId: "getTask",
        tags: ["tasks"],
        summary: "A task with its clips",
        parameters: [idParam("task")],
        responses: { "200": json("TaskEnvelope", "The task"), ...errors("Unauthorized", "NotFound") },
      },
    },
    "/api/v1/tasks/{id}/events": {
      get: {
        operationId: "streamTask",
        tags: ["tasks"],
        summary: "Server-Sent Events: the task (as JSON) on every change; the stream closes at a terminal status",
        description:
          `At most ${MAX_STREAMS_PER_USER} open streams per user and ${MAX_STREAMS_PER_TASK} per task (429 beyond). ` +
          "The stream also ends when the token or session it was opened with " +
          "is revoked, and when the server shuts down; reconnect, or fall back to GET /api/v1/tasks/{id}.",
        parameters: [idParam("task")],
        responses: {
          "200": {
            description: "An event stream; each `data:` line is a Task",
            content: { "text/event-stream": { schema: { type: "string" }, itemSchema: schemaRef("Task") } },
          },
          ...errors("Unauthorized", "NotFound", "RateLimited", "Unavailable"),
        },
      },
    },
    "/api/v1/clips": {
      get: {
        operationId: "listClips",
        tags: ["clips"],
        summary: "Your clips or the team's, newest first, with filters and search (keyset pages)",
        parameters: parametersFrom(clipListQueryObject, "query"),
        responses: { "200": json("ClipPage", "One page"), ...errors("BadRequest", "Unauthorized") },
      },
    },
    "/api/v1/clips/{id}": {
      get: {
        operationId: "getClip",
        tags: ["clips"],
        summary: "A clip you own, or a teammate's team-visible clip",
        parameters: [idParam("clip")],
        responses: { "200": json("ClipEnvelope", "The clip"), ...errors("Unauthorized", "NotFound") },
      },
      patch: {
        operationId: "updateClip",
        tags: ["clips"],
        summary: "Rename, change visibility (owner only) or star a clip",
        parameters: [idParam("clip")],
        requestBody: body("ClipPatch"),
        responses: { "200": json("ClipEnvelope", "The clip after the change"), ...errors("BadRequest", "Unauthorized", "Forbidden", "NotFound", "TooLarge") },
      },
      delete: {
        operationId: "deleteClip",
        tags: ["clips"],
        summary: "Move a clip to the trash (restorable), or purge a trashed one with permanent=true",
        parameters: [idParam("clip"), ...parametersFrom(clipDeleteQuerySchema, "query")],
        responses: {
          "200": json("ClipEnvelope", "The clip, now in the trash"),
          "204": noContent,
          ...errors("Unauthorized", "Forbidden", "NotFound", "Conflict"),
        },
      },
    },
    "/api/v1/clips/{id}/restore": {
      post: {
        operationId: "restoreClip",
        tags: ["clips"],
        summary: "Bring a clip back from the trash",
        parameters: [idParam("clip")],
        responses: { "200": json("ClipEnvelope", "The restored clip"), ...errors("Unauthorized", "Forbidden", "NotFound") },
      },
    },
    "/api/v1/clips/{id}/timed-lyrics": {
      get: {
        operationId: "getTimedLyrics",
        tags: ["clips"],
        summary: "The clip's lyrics line by line with start and end times (karaoke)",
        description:
          "Fetched from the vendor once, on the first request, then served from the database. While that first fetch runs the answer is 202 " +
          "with Retry-After; ask again then. A vendor failure is a 502 with the vendor's reason, and the next request asks the vendor again. " +
          "409 when the song is not finished or its provider cannot time lyrics.",
        parameters: [idParam("clip")],
        responses: {
          "200": json("TimedLyrics", "The lines (empty for an instrumental)"),
          "202": {
            description: "The first fetch is running",
            headers: { "Retry-After": { description: "Seconds to wait before asking again", schema: { type: "integer" } } },
            content: { "application/json": { schema: schemaRef("TimedLyricsPending") } },
          },
          ...errors("Unauthorized", "NotFound", "Conflict", "VendorError"),
        },
      },
    },
    "/api/v1/providers": {
      get: {
        operationId: "listProviders",
        tags: ["meta"],
        summary: "Enabled providers, their models and input limits (never keys)",
        responses: { "200": json("ProviderList", "The providers"), ...errors("Unauthorized") },
      },
    },
    "/api/v1/openapi.json": {
      get: {
        operationId: "getOpenApi",
        tags: ["meta"],
        summary: "This document",
        responses: { "200": { description: "OpenAPI 3.1", content: { "application/json": { schema: { type: "object" } } } }, ...errors("Unauthorized") },
      },
    },
    "/api/health": {
      get: {
        operationId: "getHealth",
        tags: ["meta"],
        summary: "Database, poller and media archive health (no sign-in needed)",
        security: [],
        responses: { "200": json("Health", "Healthy"), "503": json("Health", "The database or the poller is down") },
      },
    },
  };
}
