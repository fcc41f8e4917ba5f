"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import type { ActionState } from "@/lib/action-state";
import { AppError } from "@/lib/errors";
import { playlistFormSchema } from "@/lib/schemas/playlists";
import { requireActionUser } from "@/lib/server/auth/session";
import { formValues, parseForm, toActionState } from "@/lib/server/form";
import { addToPlaylist, removeFromPlaylist, reorderPlaylist } from "@/lib/server/services/playlist-items";
import { createPlaylist, deletePlaylist, listPlaylistChoices, updatePlaylist } from "@/lib/server/services/playlists";

// The playlist pages' and the "Add to playlist" menu's actions. Each checks the caller
// first and goes through the playlist services, which answer not_found for a playlist
// or song the caller may not see and forbidden for a teammate's playlist.

export type PlaylistFormState = ActionState;
export type PlaylistChoice = { id: string; name: string; itemCount: number; hasClip: boolean };

const id = z.string().min(1).max(64);
const FIELDS = ["name", "description", "visibility"];

function parseId(value: unknown): string {
  const parsed = id.safeParse(value);
  if (!parsed.success) throw new AppError("bad_request", "The request is not valid.");
  return parsed.data;
}

async function attempt<T extends object>(fn: () => T): Promise<ActionState<T>> {
  try {
    return { ok: true, ...fn() };
  } catch (err) {
    return toActionState(err);
  }
}

/** The "New playlist" form: opens the new playlist. */
export async function createPlaylistAction(_prev: PlaylistFormState, form: FormData): Promise<PlaylistFormState> {
  const viewer = await requireActionUser();
  const values = formValues(form, FIELDS);
  const parsed = parseForm(playlistFormSchema, form, "playlists.errors");
  if ("errors" in parsed) return { fieldErrors: parsed.errors, values };
  let created: string;
  try {
    created = createPlaylist(viewer, parsed.data).id;
  } catch (err) {
    return toActionState(err, { values, fields: "playlists.errors" });
  }
  revalidatePath("/playlists");
  redirect(`/playlists/${created}`);
}

export async function updatePlaylistAction(_prev: PlaylistFormState, form: FormData): Promise<PlaylistFormState> {
  const viewer = await requireActionUser();
  const values = formValues(form, FIELDS);
  const parsed = parseForm(playlistFormSchema, form, "playlists.errors");
  if ("errors" in parsed) return { fieldErrors: parsed.errors, values };
  try {
    const playlist = updatePlaylist(viewer, parseId(form.get("playlistId")), { ...parsed.data, description: parsed.data.description ?? null });
    revalidatePath(`/playlists/${playlist.id}`);
    revalidatePath("/playlists");
    return { ok: true };
  } catch (err) {
    return toActionState(err, { values, fields: "playlists.errors" });
  }
}

export async function deletePlaylistAction(form: FormData) {
  const viewer = await requireActionUser();
  deletePlaylist(viewer, parseId(form.get("playlistId")));
  revalidatePath("/playlists");
  revalidatePath("/settings");
  redirect("/playlists");
}

/** The menu's list, loaded only when it opens: my playlists, and whether each holds the song. */
export async function playlistChoicesAction(clipId: string): Promise<ActionState<{ items: PlaylistChoice[] }>> {
  const viewer = await requireActionUser();
  return attempt(() => ({ items: listPlaylistChoices(viewer, parseId(clipId)) }));
}

export async function addToPlaylistAction(playlistId: string, clipId: string): Promise<ActionState> {
  const viewer = await requireActionUser();
  return attempt(() => {
    const playlist = addToPlaylist(viewer, parseId(playlistId), { clipId: parseId(clipId) });
    revalidatePath(`/playlists/${playlist.id}`);
    return {};
  });
}

/** "New playlist…" in the menu: a team playlist named as typed, with the song in it. */
export async function createPlaylistWithClipAction(name: string, clipId: string): Promise<ActionState<{ playlist: PlaylistChoice }>> {
  const viewer = await requireActionUser();
  try {
    const playlist = createPlaylist(viewer, { name, visibility: "team" });
    addToPlaylist(viewer, playlist.id, { clipId: parseId(clipId) });
    revalidatePath("/playlists");
    return { ok: true, playlist: { id: playlist.id, name: playlist.name, itemCount: 1, hasClip: true } };
  } catch (err) {
    return toActionState(err, { fields: "playlists.errors" });
  }
}

export async function removeFromPlaylistAction(playlistId: string, clipId: string): Promise<ActionState> {
  const viewer = await requireActionUser();
  return attempt(() => {
    removeFromPlaylist(viewer, parseId(playlistId), parseId(clipId));
    revalidatePath(`/playlists/${playlistId}`);
    return {};
  });
}

export async function reorderPlaylistAction(playlistId: string, clipIds: string[]): Promise<ActionState> {
  const viewer = await requireActionUser();
  return attempt(() => {
    reorderPlaylist(viewer, parseId(playlistId), { clipIds });
    revalidatePath(`/playlists/${playlistId}`);
    return {};
  });
}
