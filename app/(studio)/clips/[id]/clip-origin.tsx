import Link from "next/link";
import type { ClipDto } from "@/lib/dto";
import type { getT } from "@/lib/i18n/server";

type T = Awaited<ReturnType<typeof getT<"tasks">>>;

/**
 * Where the clip came from: the description it was made from, a link to its task for
 * those who may read the task (its owner, admins), and "Reuse settings" for anyone who
 * can see the clip (its words and style are on this page already).
 */
export function ClipOrigin({ clip, taskHref, reuseHref, t }: { clip: Pick<ClipDto, "prompt">; taskHref: string | null; reuseHref: string | null; t: T }) {
  const prompt = clip.prompt?.trim();
  if (!prompt && !taskHref && !reuseHref) return null;
  return (
    <section className="card space-y-3 p-4" data-testid="clip-origin">
      {prompt ? (
        <div>
          <h2 className="mb-1 text-sm font-semibold">{t("history.origin.prompt")}</h2>
          <p className="text-sm break-words whitespace-pre-line text-zinc-700 dark:text-zinc-300" data-testid="clip-prompt">
            {prompt}
          </p>
        </div>
      ) : null}
      {taskHref || reuseHref ? (
        <div className="flex flex-wrap gap-2">
          {taskHref ? (
            <Link href={taskHref} className="btn-secondary py-1.5" data-testid="clip-task-link">
              {t("history.origin.task")}
            </Link>
          ) : null}
          {reuseHref ? (
            <Link href={reuseHref} className="btn-secondary py-1.5" data-testid="clip-reuse">
              {t("history.reuse")}
            </Link>
          ) : null}
        </div>
      ) : null}
    </section>
  );
}
