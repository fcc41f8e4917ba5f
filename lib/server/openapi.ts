import { z } from "zod";
import { clipPatchSchema } from "@/lib/schemas/clips";
import { concatBodySchema, generationBodySchema, lyricsBodySchema, personaBodySchema, uploadUrlSchema } from "@/lib/schemas/generate";
import {
  clipDtoSchema,
  clipEnvelopeSchema,
  clipPageSchema,
  errorSchema,
  healthSchema,
  providerDtoSchema,
  providerListSchema,
  taskDtoSchema,
  taskEnvelopeSchema,
  personaDtoSchema,
  playlistDetailSchema,
  playlistDtoSchema,
  shareDtoSchema,
  uploadDtoSchema,
  taskPageSchema,
  timedLyricsPendingSchema,
  timedLyricsSchema,
} from "@/lib/schemas/responses";
import { playlistCreateSchema, playlistItemAddSchema, playlistPatchSchema, playlistReorderSchema } from "@/lib/schemas/playlists";
import { createShareSchema } from "@/lib/schemas/shares";
import { createdWebhookSchema, createWebhookSchema, updateWebhookSchema, webhookEnvelopeSchema, webhookListSchema } from "@/lib/schemas/webhooks";
import { ERRORS, openApiPaths, schemaRef, withoutKeys } from "./openapi-paths";
import { notificationPaths } from "./openapi-webhooks";
import { memberQuotaSchema, quotaLimitsSchema, quotaStatusSchema, quotaUpdateSchema } from "@/lib/schemas/quotas";
import { playlistPaths } from "./openapi-playlist-paths";
import { quotaPaths } from "./openapi-quota-paths";
import { exportPaths } from "./openapi-export-paths";

// The OpenAPI 3.1 document of the JSON API, built from the zod schemas the route
// handlers parse with (requests, in their input form) and the response schemas that
// are type-checked against lib/dto.ts, so the document follows the code. A test walks
// app/api/v1 and fails when a route or method is missing here.

type JsonObject = Record<string, unknown>;

const ref = (id: string) => schemaRef(id).$ref;

/** Named schemas, converted together so nested ones become $refs. */
function componentSchemas(): Record<string, JsonObject> {
  const requests = z.registry<{ id: string }>();
  requests.add(generationBodySchema, { id: "GenerationRequest" });
  requests.add(lyricsBodySchema, { id: "LyricsRequest" });
  requests.add(clipPatchSchema, { id: "ClipPatch" });
  requests.add(concatBodySchema, { id: "ConcatRequest" });
  requests.add(personaBodySchema, { id: "PersonaRequest" });
  requests.add(uploadUrlSchema, { id: "UploadUrlRequest" });
  requests.add(createShareSchema, { id: "ShareRequest" });
  requests.add(createWebhookSchema, { id: "WebhookCreate" });
  requests.add(updateWebhookSchema, { id: "WebhookPatch" });
  requests.add(quotaUpdateSchema, { id: "QuotaUpdate" });
  requests.add(playlistCreateSchema, { id: "PlaylistCreate" });
  requests.add(playlistPatchSchema, { id: "PlaylistPatch" });
  requests.add(playlistItemAddSchema, { id: "PlaylistItemAdd" });
  requests.add(playlistReorderSchema, { id: "PlaylistReorder" });
  const responses = z.registry<{ id: string }>();
  const named = {
    Clip: clipDtoSchema,
    Task: taskDtoSchema,
    Provider: providerDtoSchema,
    Error: errorSchema,
    TaskEnvelope: taskEnvelopeSchema,
    ClipEnvelope: clipEnvelopeSchema,
    ClipPage: clipPageSchema,
    TaskPage: taskPageSchema,
    ProviderList: providerListSchema,
    TimedLyrics: timedLyricsSchema,
    TimedLyricsPending: timedLyricsPendingSchema,
    Health: healthSchema,
    Persona: personaDtoSchema,
    PersonaList: z.object({ items: z.array(personaDtoSchema) }),
    Upload: uploadDtoSchema,
    UploadEnvelope: z.object({ upload: uploadDtoSchema }),
    Share: shareDtoSchema,
    ShareEnvelope: z.object({ share: shareDtoSchema }),
    ShareList: z.object({ items: z.array(shareDtoSchema) }),
    WebhookList: webhookListSchema,
    WebhookEnvelope: webhookEnvelopeSchema,
    CreatedWebhook: createdWebhookSchema,
    QuotaStatus: quotaStatusSchema,
    QuotaLimits: quotaLimitsSchema,
    MemberQuota: memberQuotaSchema,
    Playlist: playlistDtoSchema,
    PlaylistEnvelope: z.object({ playlist: playlistDtoSchema }),
    PlaylistPage: z.object({ items: z.array(playlistDtoSchema), nextCursor: z.string().nullable().describe("Pass as cursor for the next page; null at the end") }),
    PlaylistDetail: playlistDetailSchema,
    PlaylistDetailEnvelope: z.object({ playlist: playlistDetailSchema }),
  };
  for (const [id, schema] of Object.entries(named)) responses.add(schema, { id });
  const all = {
    ...z.toJSONSchema(requests, { io: "input", uri: ref }).schemas,
    ...z.toJSONSchema(responses, { io: "output", uri: ref }).schemas,
  };
  // jsonSchemaDialect already names the dialect; ids are the component names.
  return Object.fromEntries(Object.entries(all).map(([id, s]) => [id, withoutKeys(s as JsonObject, ["$schema", "$id"])]));
}

export function buildOpenApiDocument(): JsonObject {
  return {
    openapi: "3.1.0",
    jsonSchemaDialect: "https://json-schema.org/draft/2020-12/schema",
    info: {
      title: "Songloft API",
      version: "1",
      description:
        "Generate songs through the team's vendors and browse the shared library. Authenticate with a personal API token " +
        "(Settings → API tokens, or `npm run cli -- tokens:create`) as `Authorization: Bearer <token>`, or the browser session cookie. " +
        "Tokens work on this API only, never as a sign-in to the web pages; a token may expire, and a read-only token may only GET " +
        "(anything else is 403). Changing your password revokes all your tokens. Request bodies are at most 64 KiB (413). Errors are " +
        "always `{error: {code, message, details?}}`; validation errors carry per-field messages in `details`.",
    },
    servers: [{ url: "/" }],
    security: [{ bearerToken: [] }, { sessionCookie: [] }],
    tags: [
      { name: "generate", description: "Songs and lyrics" },
      { name: "tasks", description: "Submissions and their progress" },
      { name: "clips", description: "The library" },
      { name: "meta", description: "Providers, health and this document" },
      { name: "admin", description: "Team settings only admins change (webhooks)" },
      { name: "quota", description: "Songs per member per day and month (spending limits)" },
      { name: "playlists", description: "Ordered lists of songs, for you or the team, and their public links" },
    ],
    paths: { ...openApiPaths(), ...notificationPaths(), ...quotaPaths(), ...exportPaths(), ...playlistPaths() },
    components: {
      schemas: componentSchemas(),
      securitySchemes: {
        bearerToken: {
          type: "http",
          scheme: "bearer",
          description: "A personal API token from Settings → API tokens: full access or read-only (GET only), optionally expiring.",
        },
        sessionCookie: {
          type: "apiKey",
          in: "cookie",
          name: "authjs.session-token",
          description: "The browser session (`__Secure-authjs.session-token` over HTTPS).",
        },
      },
      responses: errorResponses(),
    },
  };
}

function errorResponses(): JsonObject {
  return Object.fromEntries(
    Object.entries(ERRORS).map(([name, [, description]]) => [name, { description, content: { "application/json": { schema: { $ref: schemaRef("Error").$ref } } } }]),
  );
}
