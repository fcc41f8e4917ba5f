import { z } from "zod";
import { normaliseEmail, ROLES } from "@/lib/domain";

// Form and API schemas for accounts. Messages are catalogue keys (auth.errors.*), so
// the same schema serves both languages; the page translates them.

export const PASSWORD_MIN = 8;
export const PASSWORD_MAX = 256;

export const emailField = z.string().overwrite(normaliseEmail).max(320, "emailInvalid").pipe(z.email("emailInvalid"));
export const nameField = z.string().trim().min(1, "nameRequired").max(80, "nameTooLong");
export const newPasswordField = z
  .string()
  .refine((p) => [...p].length >= PASSWORD_MIN, "passwordTooShort")
  .refine((p) => [...p].length <= PASSWORD_MAX, "passwordTooLong");
export const roleField = z.enum(ROLES);

const confirmed = (v: { password: string; confirm: string }) => v.password === v.confirm;
const mismatch = { path: ["confirm"], message: "passwordMismatch" };

export const setupSchema = z.object({ name: nameField, email: emailField, password: newPasswordField, confirm: z.string() }).refine(confirmed, mismatch);
export const acceptInviteSchema = setupSchema;
export const loginSchema = z.object({
  email: z.string().trim().min(1, "emailInvalid").max(320, "emailInvalid"),
  password: z.string().min(1, "passwordRequired").max(1024, "passwordTooLong"),
});
export const changePasswordSchema = z
  .object({ current: z.string().min(1, "passwordRequired").max(1024), password: newPasswordField, confirm: z.string() })
  .refine(confirmed, mismatch);
export const resetPasswordSchema = z.object({ password: newPasswordField, confirm: z.string() }).refine(confirmed, mismatch);
export const profileSchema = z.object({ name: nameField });
export const tokenNameField = z.string().trim().min(1, "nameRequired").max(60, "nameTooLong");
/** Days until an API token stops working; none means until revoked. */
export const tokenExpiryField = z.coerce.number().int("tokenExpiryInvalid").min(1, "tokenExpiryInvalid").max(3650, "tokenExpiryInvalid");
export const TOKEN_EXPIRY_CHOICES = [7, 30, 90, 365] as const;
export const tokenFormSchema = z.object({
  name: tokenNameField,
  expiresInDays: z.preprocess((v) => (v === "" || v === "never" ? undefined : v), tokenExpiryField.optional()),
  readOnly: z.preprocess((v) => v === "on", z.boolean()),
});
