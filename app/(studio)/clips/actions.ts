"use server";

import { revalidatePath } from "next/cache";
import { notFound, redirect, unstable_rethrow } from "next/navigation";
import { z } from "zod";
import { VISIBILITIES } from "@/lib/domain";
import { AppError, isAppError } from "@/lib/errors";
import { listProviderNames } from "@/lib/server/services/provider-catalog";
import { clipIdParamSchema, clipListQuerySchema } from "@/lib/schemas/clips";
import { requireActionUser } from "@/lib/server/auth/session";
import { actionError, formValues, type ActionState } from "@/lib/server/form";
import { logger } from "@/lib/server/logger";
import * as library from "@/lib/server/services/library";
import { toCardData, type ClipCardData } from "../_library/card-data";

// Every action checks the caller itself, before reading its input (a signed-out caller
// is sent to sign in), and goes through the library service, which answers not_found
// for anything the caller may not see (SEC-1, SEC-2). Actions that buttons call
// directly answer {ok}; form actions redirect or return form state.

type Result<T = object> = ({ ok: true } & T) | { ok: false; error: string };

const visibilitySchema = z.enum(VISIBILITIES);

async function attempt<T extends object>(what: string, fn: () => T | Promise<T>): Promise<Result<T>> {
  try {
    return { ok: true, ...(await fn()) };
  } catch (err) {
    unstable_rethrow(err);
    // A caller revoked mid-request is sent to sign in, as every other action does.
    if (isAppError(err) && err.code === "unauthorized") redirect("/login");
    if (isAppError(err)) return { ok: false, error: err.code };
    if (err instanceof z.ZodError) return { ok: false, error: "validation" };
    logger.error(`clip action failed: ${what}`, { err });
    return { ok: false, error: "internal" };
  }
}

const parseId = (value: unknown) => {
  const parsed = clipIdParamSchema.safeParse(value);
  if (!parsed.success) throw new AppError("not_found", "This clip does not exist or you cannot see it.");
  return parsed.data;
};

export async function setStarredAction(clipId: string, starred: boolean): Promise<Result<{ starred: boolean }>> {
  const viewer = await requireActionUser();
  return attempt("star", () => {
    const clip = library.setClipStarred(viewer, parseId(clipId), z.boolean().parse(starred));
    return { starred: clip.starred };
  });
}

export async function setVisibilityAction(clipId: string, visibility: string): Promise<Result<{ visibility: "team" | "private" }>> {
  const viewer = await requireActionUser();
  return attempt("visibility", () => {
    const clip = library.setClipVisibility(viewer, parseId(clipId), visibilitySchema.parse(visibility));
    revalidatePath(`/clips/${clip.id}`);
    return { visibility: clip.visibility };
  });
}

export async function restoreClipAction(clipId: string): Promise<Result> {
  const viewer = await requireActionUser();
  return attempt("restore", () => {
    library.restoreClip(viewer, parseId(clipId));
    return {};
  });
}

export async function purgeClipAction(clipId: string): Promise<Result> {
  const viewer = await requireActionUser();
  return attempt("purge", () => {
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
    return actionError(err, values);
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
export async function loadMoreClipsAction(query: Record<string, string>, cursor: string): Promise<Result<{ items: ClipCardData[]; nextCursor: string | null }>> {
  const viewer = await requireActionUser();
  return attempt("load more", () => {
    const parsed = clipListQuerySchema.parse({ ...query, cursor });
    const page = library.listLibrarySummaries(viewer, parsed);
    const names = listProviderNames();
    return { items: page.items.map((c) => toCardData(c, names)), nextCursor: page.nextCursor };
  });
}
