"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import type { ActionState } from "@/lib/action-state";
import { shareFormSchema } from "@/lib/schemas/shares";
import { requireActionUser } from "@/lib/server/auth/session";
import { parseForm, toActionState } from "@/lib/server/form";
import { createPlaylistShare } from "@/lib/server/services/playlist-shares";
import { createClipShare, revokeShare } from "@/lib/server/services/shares";

// Share links from the clip and playlist pages and Settings → Shared links. The
// services refuse a clip or playlist that is not the caller's own, whatever the form says.

export type ShareState = ActionState<{ url: string }>;

const idField = z.string().min(1).max(64);

export async function createShareAction(_prev: ShareState, form: FormData): Promise<ShareState> {
  try {
    const viewer = await requireActionUser();
    const playlistId = form.get("playlistId");
    const subject = typeof playlistId === "string" && playlistId ? { playlistId: idField.parse(playlistId) } : { clipId: idField.parse(form.get("clipId")) };
    const parsed = parseForm(shareFormSchema, form, "clip.share.errors");
    if ("errors" in parsed) return { fieldErrors: parsed.errors };
    const options = { expiresInDays: parsed.data.expiresInDays };
    const share = subject.playlistId ? createPlaylistShare(viewer, subject.playlistId, options) : createClipShare(viewer, subject.clipId!, options);
    revalidatePath(subject.playlistId ? `/playlists/${subject.playlistId}` : `/clips/${subject.clipId}`);
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
  const playlistId = form.get("playlistId");
  if (typeof playlistId === "string" && playlistId) revalidatePath(`/playlists/${playlistId}`);
}
