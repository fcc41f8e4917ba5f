import { getT } from "@/lib/i18n/server";
import { isAppError } from "@/lib/errors";
import type { Viewer } from "@/lib/server/auth/session";
import { getClip } from "@/lib/server/services/library";
import { undoDeleteAction } from "../_clip/actions";

/** After a delete: the song is in the trash, and one click brings it back. */
export async function DeletedBanner({ viewer, clipId }: { viewer: Viewer; clipId: string }) {
  let title: string;
  try {
    const clip = getClip(viewer, clipId, { includeDeleted: true });
    if (!clip.deletedAt || clip.owner.id !== viewer.id) return null;
    title = clip.title.trim();
  } catch (err) {
    if (isAppError(err)) return null;
    throw err;
  }
  const t = await getT("library");
  return (
    <div
      role="status"
      data-testid="deleted-banner"
      className="flex flex-wrap items-center justify-between gap-3 rounded-xl border border-zinc-200 bg-zinc-900 px-4 py-3 text-sm text-white shadow-lg dark:border-zinc-700 dark:bg-zinc-800"
    >
      <span>{title ? t("deleted.named", { title }) : t("deleted.unnamed")}</span>
      <form action={undoDeleteAction}>
        <input type="hidden" name="clipId" value={clipId} />
        <button type="submit" className="rounded-lg px-3 py-1.5 font-semibold text-accent-100 hover:bg-white/10" data-testid="undo-delete">
          {t("deleted.undo")}
        </button>
      </form>
    </div>
  );
}
