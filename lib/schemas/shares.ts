import { z } from "zod";

/** Days until a share link stops working; absent or null: until revoked. Messages are catalogue keys (clip.share.errors.*). */
export const shareExpiryField = z.coerce.number().int("expiryInvalid").min(1, "expiryInvalid").max(365, "expiryInvalid");

export const createShareSchema = z.strictObject({ expiresInDays: shareExpiryField.nullable().optional() });

/** The clip page's form: "never" or a number of days. */
export const shareFormSchema = z.object({ expiresInDays: z.preprocess((v) => (v === "" || v === "never" || v == null ? undefined : v), shareExpiryField.optional()) });
