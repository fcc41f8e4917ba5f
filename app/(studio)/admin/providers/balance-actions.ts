"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import type { ActionState } from "@/lib/action-state";
import { AppError } from "@/lib/errors";
import { providerIdSchema } from "@/lib/schemas/providers";
import { requireAdmin } from "@/lib/server/auth/session";
import { toActionState } from "@/lib/server/form";
import { refreshProviderBalanceForAdmin, setBalanceWarningForAdmin } from "@/lib/server/services/provider-balance";

// Admin → Providers → balance: read it now, and the threshold below which it warns.

const LIST = "/admin/providers";

function idOf(form: FormData): string {
  const parsed = providerIdSchema.safeParse(form.get("id"));
  if (!parsed.success) throw new AppError("not_found", "Provider not found.", { key: "providers.errors.notFound" });
  return parsed.data;
}

/** Blank: never warn; else a non-negative amount in the balance's unit. */
const warnBelowField = z
  .string()
  .trim()
  .transform((v, ctx) => {
    if (v === "") return null;
    const n = Number(v);
    if (!Number.isFinite(n) || n < 0 || n > 1e12) {
      ctx.addIssue({ code: "custom", message: "warnBelowInvalid" });
      return z.NEVER;
    }
    return n;
  });

export type BalanceState = ActionState<{ message: string }>;

export async function refreshBalanceAction(_prev: BalanceState, form: FormData): Promise<BalanceState> {
  try {
    const admin = await requireAdmin();
    const result = await refreshProviderBalanceForAdmin(admin, idOf(form));
    revalidatePath(LIST);
    return result.ok ? { ok: true } : { formError: { key: "providers.balance.failed" }, message: result.message };
  } catch (err) {
    return toActionState(err);
  }
}

export async function setBalanceWarningAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  try {
    const admin = await requireAdmin();
    const parsed = warnBelowField.safeParse(form.get("warnBelow") ?? "");
    if (!parsed.success) return { fieldErrors: { warnBelow: [{ key: "providers.balance.warnBelowInvalid" }] } };
    setBalanceWarningForAdmin(admin, idOf(form), parsed.data);
    revalidatePath(LIST);
    return { ok: true };
  } catch (err) {
    return toActionState(err);
  }
}
