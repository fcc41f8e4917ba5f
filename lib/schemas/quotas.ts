import { z } from "zod";

// Songs per member per UTC day and month (REL-13): the API's and the admin forms'
// shapes. Messages are catalogue keys (quotas.errors.*). Isomorphic and secret-free.

/** The largest limit anyone can set: far above any team's use, small enough to stay an integer everywhere. */
export const QUOTA_MAX = 100_000;

export const QUOTA_PERIODS = ["daily", "monthly"] as const;
export type QuotaPeriod = (typeof QUOTA_PERIODS)[number];

/** A limit in songs, or null: for a member, "the team default"; for the team default, "unlimited". */
export const quotaLimitField = z.number("limitInvalid").int("limitInvalid").min(0, "limitInvalid").max(QUOTA_MAX, "limitInvalid").nullable();

/** PUT /api/v1/users/{id}/quota and /api/v1/quota/default: a field left out stays as it is. */
export const quotaUpdateSchema = z
  .strictObject({
    daily: quotaLimitField.optional().describe("Songs per UTC day; null clears it (a member falls back to the team default, the team default becomes unlimited)"),
    monthly: quotaLimitField.optional().describe("Songs per UTC calendar month; null clears it, as for daily"),
  })
  .describe("Only the fields sent change");
export type QuotaUpdate = z.infer<typeof quotaUpdateSchema>;

const isoTime = z.iso.datetime({ offset: true });

export const quotaPeriodSchema = z.object({
  limit: z.number().int().nullable().describe("Songs allowed in the period; null: unlimited"),
  used: z.number().int().describe("Songs counted in the period so far"),
  resetsAt: isoTime.describe("When the period ends (00:00 UTC of the next day, or of the 1st of next month)"),
});
export const quotaStatusSchema = z.object({ daily: quotaPeriodSchema, monthly: quotaPeriodSchema });
export type QuotaStatus = z.infer<typeof quotaStatusSchema>;

export const quotaLimitsSchema = z.object({ daily: z.number().int().nullable(), monthly: z.number().int().nullable() });
export type QuotaLimits = z.infer<typeof quotaLimitsSchema>;
export const memberQuotaSchema = z.object({
  userId: z.string(),
  own: quotaLimitsSchema.describe("The member's own limits; null fields follow the team default"),
  effective: quotaLimitsSchema.describe("What applies now (own, else the team default; null: unlimited)"),
});

/**
 * A form's text field → a limit: blank is null ("team default" / "unlimited"), anything
 * else a whole number. Admin forms post strings.
 */
export const quotaFormField = z
  .string()
  .trim()
  .transform((v, ctx) => {
    if (v === "") return null;
    const n = Number(v);
    if (!/^\d+$/.test(v) || n > QUOTA_MAX) {
      ctx.addIssue({ code: "custom", message: "limitInvalid" });
      return z.NEVER;
    }
    return n;
  });
export const quotaFormSchema = z.object({ daily: quotaFormField, monthly: quotaFormField });
