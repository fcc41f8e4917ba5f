"use server";

import { revalidatePath } from "next/cache";
import { notFound, redirect } from "next/navigation";
import { z } from "zod";
import type { ActionState } from "@/lib/action-state";
import { VISIBILITIES } from "@/lib/domain";
import { AppError, isAppError } from "@/lib/errors";
import { listProviderNames } from "@/lib/server/services/provider-catalog";
import { clipIdParamSchema, clipListQuerySchema } from "@/lib/schemas/clips";
import { requireActionUser } from "@/lib/server/auth/session";
import { formValues, toActionState } from "@/lib/server/form";
import * as library from "@/lib/server/services/library";
import { toCardData, type ClipCardData } from "./card-data";

// Every action checks the caller itself, before reading its input (a signed-out caller
// is sent to sign in), and goes through the library service, which answers not_found
// for anything the caller may not see (SEC-1, SEC-2). Actions that buttons call
// directly answer {ok}; form actions redirect or return form state.

const visibilitySchema = z.enum(VISIBILITIES);

/** Malformed input from a button is a bad request, not a server fault. */
function parseInput<T extends z.ZodType>(schema: T, value: unknown): z.infer<T> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new AppError("bad_request", "The request is not valid.");
  return parsed.data;
}

async function attempt<T extends object>(fn: () => T | Promise<T>): Promise<ActionState<T>> {
  try {
    return { ok: true, ...(await fn()) };
  } catch (err) {
    return toActionState(err);
  }
}

const parseId = (value: unknown) => {
  const parsed = clipIdParamSchema.safeParse(value);
  if (!parsed.success) throw new AppError("not_found", "This clip does not exist or you cannot see it.", { key: "common.errors.clipNotFound" });
  return parsed.data;
};

export async function setStarredAction(clipId: string, starred: boolean): Promise<ActionState<{ starred: boolean }>> {
  const viewer = await requireActionUser();
  return attempt(() => {
    const clip = library.setClipStarred(viewer, parseId(clipId), parseInput(z.boolean(), starred));
    return { starred: clip.starred };
  });
}

export async function setVisibilityAction(clipId: string, visibility: string): Promise<ActionState<{ visibility: "team" | "private" }>> {
  const viewer = await requireActionUser();
  return attempt(() => {
    const clip = library.setClipVisibility(viewer, parseId(clipId), parseInput(visibilitySchema, visibility));
    revalidatePath(`/clips/${clip.id}`);
    return { visibility: clip.visibility };
  });
}

export async function restoreClipAction(clipId: string): Promise<ActionState> {
  const viewer = await requireActionUser();
  return attempt(() => {
    library.restoreClip(viewer, parseId(clipId));
    return {};
  });
}

export async function purgeClipAction(clipId: string): Promise<ActionState> {
  const viewer = await requireActionUser();
  return attempt(() => {
    library.purgeClip(viewer, parseId(clipId));
    return {};
  });
}

/** Inline rename on the clip page (useActionState); field errors are catalogue keys. */
export async function renameClipAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  const viewer = await requireActionUser();
  const values = formValues(form, ["title"]);
  try {
    // The service validates the title with the API's PATCH schema; its field errors come back as form errors.
    const clip = library.renameClip(viewer, parseId(form.get("clipId")), String(form.get("title") ?? ""));
    revalidatePath(`/clips/${clip.id}`);
    return { ok: true, values: { title: clip.title } };
  } catch (err) {
    return toActionState(err, { values, fields: "clip.errors" });
  }
}

/** For form actions: a clip the caller may not change is "not found", like its page (SEC-2). */
function orNotFound<T>(fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    if (isAppError(err) && (err.code === "not_found" || err.code === "forbidden")) notFound();
    throw err;
  }
}

/** Soft delete from the clip page; the library then offers Undo. */
export async function deleteClipAction(form: FormData): Promise<void> {
  const viewer = await requireActionUser();
  const clip = orNotFound(() => library.deleteClip(viewer, parseId(form.get("clipId"))));
  redirect(`/library?deleted=${encodeURIComponent(clip.id)}`);
}

/** Undo from the banner: the song comes back and its page opens again. */
export async function undoDeleteAction(form: FormData): Promise<void> {
  const viewer = await requireActionUser();
  const clip = orNotFound(() => library.restoreClip(viewer, parseId(form.get("clipId"))));
  redirect(`/clips/${encodeURIComponent(clip.id)}`);
}

/** "Load more": the next keyset page of the same filtered view, as list rows. */
export async function loadMoreClipsAction(query: Record<string, string>, cursor: string): Promise<ActionState<{ items: ClipCardData[]; nextCursor: string | null }>> {
  const viewer = await requireActionUser();
  return attempt(() => {
    const parsed = parseInput(clipListQuerySchema, { ...query, cursor });
    const page = library.listLibrarySummaries(viewer, parsed);
    const names = listProviderNames();
    return { items: page.items.map((c) => toCardData(c, names)), nextCursor: page.nextCursor };
  });
}
