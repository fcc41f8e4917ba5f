import { ERRORS, schemaRef } from "./openapi-paths";

// The spending-limit routes (REL-13) of the OpenAPI document: a member's own quota,
// the admin's per-member limits and the team default.

type JsonObject = Record<string, unknown>;

const errors = (...names: (keyof typeof ERRORS)[]): JsonObject => Object.fromEntries(names.map((n) => [ERRORS[n][0], { $ref: `#/components/responses/${n}` }]));
const json = (id: string, description: string) => ({ description, content: { "application/json": { schema: schemaRef(id) } } });
const body = { required: true, content: { "application/json": { schema: schemaRef("QuotaUpdate") } } };

export function quotaPaths(): Record<string, JsonObject> {
  return {
    "/api/v1/me/quota": {
      get: {
        operationId: "getMyQuota",
        tags: ["quota"],
        summary: "Your songs today and this month against your limits",
        description:
          "A song is a task of kind music, extend, cover, concat or stems, whatever became of it, except one that failed before the vendor accepted it. " +
          "Lyrics, WAV, video, persona and upload tasks do not count. Periods are UTC days and calendar months.",
        responses: { "200": json("QuotaStatus", "Limits (null: unlimited), use and reset times"), ...errors("Unauthorized") },
      },
    },
    "/api/v1/users/{id}/quota": {
      put: {
        operationId: "setUserQuota",
        tags: ["quota"],
        summary: "Set a member's own song limits per day and month (admin); null hands a period back to the team default",
        parameters: [{ name: "id", in: "path", required: true, description: "The user id", schema: { type: "string" } }],
        requestBody: body,
        responses: { "200": json("MemberQuota", "The member's limits"), ...errors("BadRequest", "Unauthorized", "Forbidden", "NotFound", "TooLarge") },
      },
    },
    "/api/v1/quota/default": {
      get: {
        operationId: "getQuotaDefault",
        tags: ["quota"],
        summary: "The team default song limits (admin); null: unlimited",
        responses: { "200": json("QuotaLimits", "The team default"), ...errors("Unauthorized", "Forbidden") },
      },
      put: {
        operationId: "setQuotaDefault",
        tags: ["quota"],
        summary: "Set the team default song limits per day and month (admin); they apply to members without their own",
        requestBody: body,
        responses: { "200": json("QuotaLimits", "The team default"), ...errors("BadRequest", "Unauthorized", "Forbidden", "TooLarge") },
      },
    },
  };
}
