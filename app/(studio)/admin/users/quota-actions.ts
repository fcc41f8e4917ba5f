"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import type { ActionState } from "@/lib/action-state";
import { quotaFormSchema } from "@/lib/schemas/quotas";
import { requireAdmin } from "@/lib/server/auth/session";
import { parseForm, toActionState } from "@/lib/server/form";
import { setMemberQuota, setTeamQuotaDefaultsForAdmin } from "@/lib/server/services/quotas";

// Admin → Users → Spending limits: blank fields are null (a member: the team default;
// the team default: unlimited).

const FIELDS = "admin.quotas.errors";
const userIdField = z.string().min(1).max(64);

export async function setMemberQuotaAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  try {
    const admin = await requireAdmin();
    const parsed = parseForm(quotaFormSchema, form, FIELDS);
    if ("errors" in parsed) return { fieldErrors: parsed.errors };
    setMemberQuota(admin, userIdField.parse(form.get("userId")), parsed.data);
    revalidatePath("/admin/users");
    return { ok: true };
  } catch (err) {
    return toActionState(err, { fields: FIELDS });
  }
}

export async function setTeamQuotaAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  try {
    const admin = await requireAdmin();
    const parsed = parseForm(quotaFormSchema, form, FIELDS);
    if ("errors" in parsed) return { fieldErrors: parsed.errors };
    setTeamQuotaDefaultsForAdmin(admin, parsed.data);
    revalidatePath("/admin/users");
    return { ok: true };
  } catch (err) {
    return toActionState(err, { fields: FIELDS });
  }
}
