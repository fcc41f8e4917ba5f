"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import type { ActionState } from "@/lib/action-state";
import { shareFormSchema } from "@/lib/schemas/shares";
import { requireActionUser } from "@/lib/server/auth/session";
import { parseForm, toActionState } from "@/lib/server/form";
import { createClipShare, revokeShare } from "@/lib/server/services/shares";

// Share links from the clip page and Settings → Shared links. The service refuses a
// clip that is not the caller's own (404), whatever the form says.

export type ShareState = ActionState<{ url: string }>;

const idField = z.string().min(1).max(64);

export async function createShareAction(_prev: ShareState, form: FormData): Promise<ShareState> {
  try {
    const viewer = await requireActionUser();
    const clipId = idField.parse(form.get("clipId"));
    const parsed = parseForm(shareFormSchema, form, "clip.share.errors");
    if ("errors" in parsed) return { fieldErrors: parsed.errors };
    const share = createClipShare(viewer, clipId, { expiresInDays: parsed.data.expiresInDays });
    revalidatePath(`/clips/${clipId}`);
    revalidatePath("/settings");
    return { ok: true, url: share.url };
  } catch (err) {
    return toActionState(err);
  }
}

export async function revokeShareAction(form: FormData) {
  const viewer = await requireActionUser();
  revokeShare(viewer, idField.parse(form.get("shareId")));
  revalidatePath("/settings");
  const clipId = form.get("clipId");
  if (typeof clipId === "string" && clipId) revalidatePath(`/clips/${clipId}`);
}
