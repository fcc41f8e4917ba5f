import { MAX_FEEDS_PER_USER } from "@/lib/server/services/stream-registry";
import { ERRORS, schemaRef } from "./openapi-paths";

// The notification stream and the team webhooks (issue 14), kept beside the main path
// list so lib/server/openapi-paths.ts stays one page of the core API.

type JsonObject = Record<string, unknown>;

const json = (id: string, description: string) => ({ description, content: { "application/json": { schema: schemaRef(id) } } });
const body = (id: string) => ({ required: true, content: { "application/json": { schema: schemaRef(id) } } });
const errors = (...names: (keyof typeof ERRORS)[]) => Object.fromEntries(names.map((n) => [ERRORS[n][0], { $ref: `#/components/responses/${n}` }]));
const idParam = { name: "id", in: "path", required: true, description: "The webhook id", schema: { type: "string" } };

export function notificationPaths(): Record<string, JsonObject> {
  return {
    "/api/v1/me/events": {
      get: {
        operationId: "streamMyEvents",
        tags: ["tasks"],
        summary: "Server-Sent Events: each of your own tasks (as JSON, event `task`) when it succeeds or fails",
        description:
          "Starts from now: tasks that finished before the stream opened are not sent. Every event carries an `id`; reconnecting with " +
          "`Last-Event-ID` sends what was missed (up to 50). A comment line every 15 s keeps proxies from closing it. " +
          `At most ${MAX_FEEDS_PER_USER} open per user (429 beyond); it ends when the session or token is revoked and when the server shuts down.`,
        responses: {
          "200": {
            description: "An event stream; `event: ready` first, then one `event: task` (data: a Task) per finished task",
            content: { "text/event-stream": { schema: { type: "string" }, itemSchema: schemaRef("Task") } },
          },
          ...errors("Unauthorized", "RateLimited", "Unavailable"),
        },
      },
    },
    "/api/v1/webhooks": {
      get: {
        operationId: "listWebhooks",
        tags: ["admin"],
        summary: "The team's outbound webhooks with their recent deliveries (admins)",
        responses: { "200": json("WebhookList", "The webhooks"), ...errors("Unauthorized", "Forbidden") },
      },
      post: {
        operationId: "createWebhook",
        tags: ["admin"],
        summary: "Add a webhook told when a task succeeds or fails (admins); the answer holds the signing secret, shown only this once",
        description:
          '"slack" posts `{text, content}` (Slack and Discord incoming webhooks); "standard" posts `{type, timestamp, data}` signed per Standard Webhooks ' +
          "(headers webhook-id, webhook-timestamp, webhook-signature). Failed deliveries are retried after 1 min, 5 min, 30 min, 2 h and 6 h; a 410 disables the webhook. " +
          "A URL resolving to a private or loopback address is refused (400, `url: urlPrivate`) unless its host is in WEBHOOK_ALLOWED_HOSTS.",
        requestBody: body("WebhookCreate"),
        responses: { "201": json("CreatedWebhook", "The webhook and its secret"), ...errors("BadRequest", "Unauthorized", "Forbidden") },
      },
    },
    "/api/v1/webhooks/{id}": {
      patch: {
        operationId: "updateWebhook",
        tags: ["admin"],
        summary: "Change a webhook's name, URL, format, events, or switch it on or off (admins)",
        parameters: [idParam],
        requestBody: body("WebhookPatch"),
        responses: { "200": json("WebhookEnvelope", "The webhook"), ...errors("BadRequest", "Unauthorized", "Forbidden", "NotFound") },
      },
      delete: {
        operationId: "deleteWebhook",
        tags: ["admin"],
        summary: "Remove a webhook and its delivery history (admins)",
        parameters: [idParam],
        responses: { "204": { description: "Done" }, ...errors("Unauthorized", "Forbidden", "NotFound") },
      },
    },
  };
}
