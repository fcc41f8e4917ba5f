import { z } from "zod";

// Team webhooks: what an admin sends (the form and the JSON API share these) and what
// they get back. Messages are catalogue keys (notifications.errors.*). Isomorphic and
// secret-free: the signing secret is shown once, on creation, and never read back.

export const WEBHOOK_EVENTS = ["task.succeeded", "task.failed"] as const;
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];
export const WEBHOOK_FORMATS = ["slack", "standard"] as const;
export type WebhookFormat = (typeof WEBHOOK_FORMATS)[number];

const nameField = z.string().trim().min(1, "nameRequired").max(80, "nameTooLong");

/** Where the events go: http(s), no credentials in the URL (put a token in the path or query instead). */
export const webhookUrlField = z
  .string()
  .trim()
  .min(1, "urlRequired")
  .max(2000, "urlInvalid")
  .refine((value) => {
    if (value === "") return true; // already reported as urlRequired
    try {
      const url = new URL(value);
      return (url.protocol === "http:" || url.protocol === "https:") && !!url.hostname && !url.username && !url.password;
    } catch {
      return false;
    }
  }, "urlInvalid")
  .describe("http(s) URL; must resolve to a public address unless its host is in WEBHOOK_ALLOWED_HOSTS");

const formatField = z.enum(WEBHOOK_FORMATS, "formatInvalid").describe('"slack": Slack/Discord-compatible `{text, content}`; "standard": Standard Webhooks, signed');

const eventsField = z
  .array(z.enum(WEBHOOK_EVENTS, "eventInvalid"))
  .min(1, "eventsRequired")
  .transform((events) => [...new Set(events)]);

export const createWebhookSchema = z.strictObject({
  name: nameField,
  url: webhookUrlField,
  format: formatField,
  events: eventsField.default([...WEBHOOK_EVENTS]),
  enabled: z.boolean("enabledInvalid").default(true),
});
export type CreateWebhookInput = z.infer<typeof createWebhookSchema>;

export const updateWebhookSchema = z.strictObject({
  name: nameField.optional(),
  url: webhookUrlField.optional(),
  format: formatField.optional(),
  events: eventsField.optional(),
  enabled: z.boolean("enabledInvalid").optional(),
});
export type UpdateWebhookInput = z.infer<typeof updateWebhookSchema>;

export const webhookIdSchema = z.string().trim().min(1).max(64);

const isoTime = z.iso.datetime({ offset: true });

export const webhookDeliveryDtoSchema = z.object({
  id: z.string().describe("Also the webhook-id header, the same on every retry"),
  event: z.string().describe("task.succeeded, task.failed or webhook.test"),
  status: z.enum(["pending", "delivered", "failed"]),
  attempts: z.number().int(),
  lastStatus: z.number().int().nullable().describe("The receiver's last HTTP status"),
  lastError: z.string().nullable(),
  nextAttemptAt: isoTime.nullable(),
  createdAt: isoTime,
  deliveredAt: isoTime.nullable(),
});

export const webhookDtoSchema = z.object({
  id: z.string(),
  name: z.string(),
  url: z.string(),
  format: z.enum(WEBHOOK_FORMATS),
  events: z.array(z.string()),
  enabled: z.boolean(),
  createdAt: isoTime,
  updatedAt: isoTime.nullable(),
  deliveries: z.array(webhookDeliveryDtoSchema).describe("The most recent deliveries, newest first"),
});
export type WebhookDto = z.infer<typeof webhookDtoSchema>;
export type WebhookDeliveryDto = z.infer<typeof webhookDeliveryDtoSchema>;

export const webhookListSchema = z.object({ items: z.array(webhookDtoSchema) });
export const webhookEnvelopeSchema = z.object({ webhook: webhookDtoSchema });
export const createdWebhookSchema = z.object({
  webhook: webhookDtoSchema,
  secret: z.string().describe("whsec_…: the Standard Webhooks signing secret, shown this once"),
});
