import { and, eq } from "drizzle-orm";
import { getDb } from "@/lib/server/db/client";
import { clips, type ClipRow, type NewClipRow, type TaskRow } from "@/lib/server/db/schema";
import { newId } from "@/lib/server/ids";
import type { VendorClip } from "@/lib/server/providers/types";

// Clips as the vendor reports them, upserted on (provider, vendor clip id) so a
// repeated or late answer never makes a second copy (REL-4). Call inside the task's
// transaction.

const STATE_RANK: Record<ClipRow["state"], number> = { queued: 0, running: 1, streaming: 2, succeeded: 3, failed: 3 };

export interface ClipContext {
  task: Pick<TaskRow, "id" | "providerId" | "ownerId">;
  /** The model asked for; used when the vendor does not say. */
  model: string;
  prompt: string | null;
  parentClipId: string | null;
  continueAt: number | null;
  now: Date;
}

export interface ClipSyncResult {
  changed: boolean;
  /** Clips that reached `succeeded` in this call (their media gets archived). */
  succeededIds: string[];
  /** Every clip of the task this call inserted or updated. */
  clipIds: string[];
}

export function upsertVendorClips(vendorClips: VendorClip[], ctx: ClipContext): ClipSyncResult {
  const out: ClipSyncResult = { changed: false, succeededIds: [], clipIds: [] };
  vendorClips.forEach((vc, position) => {
    const existing = getClipByVendorId(ctx.task.providerId, vc.vendorClipId);
    if (!existing) {
      const row = insertClip(vc, position, ctx);
      if (!row) return; // another writer inserted it first; the next answer updates it
      out.changed = true;
      out.clipIds.push(row.id);
      if (row.state === "succeeded") out.succeededIds.push(row.id);
      return;
    }
    // A clip that belongs to another task (an extend answer echoing its source) or is already final stays as it is.
    if (existing.taskId !== ctx.task.id || STATE_RANK[existing.state] === 3) return;
    const update = mergeClip(existing, vc, ctx);
    if (!update) return;
    getDb().update(clips).set(update).where(eq(clips.id, existing.id)).run();
    out.changed = true;
    out.clipIds.push(existing.id);
    if (update.state === "succeeded") out.succeededIds.push(existing.id);
  });
  return out;
}

function getClipByVendorId(providerId: string, vendorClipId: string): ClipRow | undefined {
  return getDb()
    .select()
    .from(clips)
    .where(and(eq(clips.providerId, providerId), eq(clips.vendorClipId, vendorClipId)))
    .get();
}

function insertClip(vc: VendorClip, position: number, ctx: ClipContext): ClipRow | undefined {
  const values: NewClipRow = {
    id: newId(),
    taskId: ctx.task.id,
    ownerId: ctx.task.ownerId,
    providerId: ctx.task.providerId,
    vendorClipId: vc.vendorClipId,
    position,
    prompt: ctx.prompt,
    parentClipId: ctx.parentClipId,
    continueAt: ctx.continueAt,
    createdAt: ctx.now,
    updatedAt: ctx.now,
    ...vendorFields(vc, null, ctx.model),
  };
  return getDb().insert(clips).values(values).onConflictDoNothing().returning().get();
}

/** The fields that differ, or null when nothing does. The vendor's silence never erases what it said before. */
function mergeClip(existing: ClipRow, vc: VendorClip, ctx: ClipContext): Partial<NewClipRow> | null {
  const next = vendorFields(vc, existing, ctx.model);
  // Answers can arrive out of order; a clip never moves back (streaming → queued).
  if (STATE_RANK[next.state] < STATE_RANK[existing.state]) next.state = existing.state;
  const changed: Partial<NewClipRow> = {};
  for (const [key, value] of Object.entries(next) as [keyof typeof next, unknown][]) {
    if (existing[key] !== value) (changed as Record<string, unknown>)[key] = value;
  }
  if (Object.keys(changed).length === 0) return null;
  return { ...changed, updatedAt: ctx.now };
}

function vendorFields(vc: VendorClip, prev: ClipRow | null, model: string) {
  return {
    title: vc.title ?? prev?.title ?? "",
    lyrics: vc.lyrics ?? prev?.lyrics ?? null,
    style: vc.style ?? prev?.style ?? null,
    model: vc.model !== "unknown" ? vc.model : (prev?.model ?? model),
    vendorModel: vc.vendorModel ?? prev?.vendorModel ?? null,
    duration: vc.duration ?? prev?.duration ?? null,
    state: vc.state,
    errorMessage: vc.errorMessage ?? prev?.errorMessage ?? null,
    audioUrl: vc.audioUrl ?? prev?.audioUrl ?? null,
    streamAudioUrl: vc.streamAudioUrl ?? prev?.streamAudioUrl ?? null,
    imageUrl: vc.imageUrl ?? prev?.imageUrl ?? null,
    imageLargeUrl: vc.imageLargeUrl ?? prev?.imageLargeUrl ?? null,
    videoUrl: vc.videoUrl ?? prev?.videoUrl ?? null,
  };
}
