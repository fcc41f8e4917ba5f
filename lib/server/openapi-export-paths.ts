import { exportQuerySchema } from "@/lib/schemas/export";
import { ERRORS, parametersFrom } from "./openapi-paths";

// The export route of the OpenAPI document: a ZIP, streamed, so its schema is binary
// and its size unknown until the end.

type JsonObject = Record<string, unknown>;

const errors = (...names: (keyof typeof ERRORS)[]): JsonObject => Object.fromEntries(names.map((n) => [ERRORS[n][0], { $ref: `#/components/responses/${n}` }]));

const progressId = { name: "id", in: "path", required: true, description: "The id given as `progress` when the export started", schema: { type: "string" } };

const PROGRESS = {
  type: "object",
  required: ["state", "total", "done", "bytes"],
  properties: {
    state: { type: "string", enum: ["running", "finished", "failed", "cancelled", "refused"] },
    total: { type: "integer", description: "Songs the export lists" },
    done: { type: "integer", description: "Songs written so far" },
    bytes: { type: "integer", description: "Bytes of the ZIP sent so far" },
    message: { type: "string", description: "Why it was refused or failed" },
  },
};

export function exportPaths(): Record<string, JsonObject> {
  return {
    "/api/v1/export": {
      get: {
        operationId: "exportSongs",
        tags: ["clips"],
        summary: "Download your songs as one ZIP: tagged audio, timed lyrics and songloft.json",
        description:
          "Streams `application/zip` (it starts at once; its length is unknown until the end). For each song, newest first for `mine`, `NN - Title.ext`: " +
          "MP3s carry ID3v2.4 tags (TIT2 title, TPE1 creator, TALB the playlist's name or `Songloft`, TRCK n/total, APIC cover, USLT lyrics, TXXX `songloft_id`), other formats go as they are; " +
          "`NN - Title.lrc` where timed lyrics exist; and last `songloft.json` with every song's metadata — a song whose audio is not archived on this server yet " +
          "is listed there with `missing: true` and a `reason`. With `playlist`, the playlist's songs you may see, in its order (404 when you may not open it). At most two exports per member run at once; a third is answered 429.",
        parameters: parametersFrom(exportQuerySchema, "query"),
        responses: {
          "200": {
            description: "The ZIP, streamed",
            headers: {
              "Content-Disposition": { description: '`attachment; filename="songloft-my-songs-YYYY-MM-DD.zip"`', schema: { type: "string" } },
              "X-Songloft-Export-Count": { description: "How many songs the export lists (for a progress bar)", schema: { type: "integer" } },
            },
            content: { "application/zip": { schema: { type: "string", format: "binary" } } },
          },
          ...errors("BadRequest", "Unauthorized", "NotFound", "RateLimited"),
        },
      },
    },
    "/api/v1/export/progress/{id}": {
      get: {
        operationId: "getExportProgress",
        tags: ["clips"],
        summary: "How far your export started with `progress={id}` has got (kept 5 minutes after it ends)",
        parameters: [progressId],
        responses: {
          "200": { description: "Songs written of the total and bytes sent", content: { "application/json": { schema: PROGRESS } } },
          ...errors("BadRequest", "Unauthorized", "NotFound"),
        },
      },
      delete: {
        operationId: "cancelExport",
        tags: ["clips"],
        summary: "Cancel that export: its download ends at once",
        parameters: [progressId],
        responses: { "204": { description: "Cancelled (or it had already ended)" }, ...errors("BadRequest", "Unauthorized", "Forbidden", "NotFound") },
      },
    },
  };
}
