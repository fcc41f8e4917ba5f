import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ClientMessages } from "@/app/_components/client-messages";
import { taskHeadline } from "@/app/_components/task/format";
import { TaskFacts } from "@/app/_components/task/task-facts";
import { getT } from "@/lib/i18n/server";
import { currentUser, requirePageUser } from "@/lib/server/auth/session";
import { getClip } from "@/lib/server/services/library";
import { canRetry, isReusableKind } from "@/lib/server/services/task-history";
import { getTaskForViewer, getTaskTimelineForViewer, getTaskVendorDetailsForAdmin } from "@/lib/server/services/task-view";
import { RetryButton } from "../retry-button";
import { LiveTask } from "./live-task";
import { RequestSummary } from "./request-summary";
import { Timeline } from "./timeline";
import { VendorPayload } from "./vendor-payload";

type Props = { params: Promise<{ id: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { id } = await params;
  const user = await currentUser();
  const task = user ? getTaskForViewer(id, user) : null;
  return { title: (task && taskHeadline(task)) || (await getT("tasks"))("pageTitle") };
}

/** The title of the clip the task works on (extended, covered, joined, split…), when the viewer can still see it. */
function sourceTitleFor(viewer: { id: string }, request: Record<string, unknown>): string | null {
  const clipId = (request.extend as { clipId?: unknown } | undefined)?.clipId ?? (request.cover as { clipId?: unknown } | undefined)?.clipId ?? request.clipId;
  if (typeof clipId !== "string") return null;
  try {
    return getClip(viewer, clipId).title || null;
  } catch {
    return null;
  }
}

export default async function TaskPage({ params }: Props) {
  const { id } = await params;
  const user = await requirePageUser(`/tasks/${encodeURIComponent(id)}`);
  const task = getTaskForViewer(id, user);
  if (!task) notFound();
  const t = await getT("tasks");
  const timeline = getTaskTimelineForViewer(id, user) ?? [];
  const vendor = getTaskVendorDetailsForAdmin(id, user);

  return (
    <ClientMessages paths={["tasks"]}>
      <div className="space-y-6">
        <header>
          <Link href="/tasks" className="text-sm text-accent-600 hover:underline dark:text-accent-400">
            ← {t("detail.back")}
          </Link>
          <h1 className="mt-2 text-2xl font-semibold tracking-tight break-words">{taskHeadline(task) ?? t(`kind.${task.kind}`)}</h1>
          <TaskFacts task={task} className="mt-1 text-sm" />
          {canRetry(user, task) || isReusableKind(task.kind) ? (
            <div className="mt-3 flex flex-wrap items-start gap-2">
              {canRetry(user, task) ? <RetryButton taskId={task.id} then="open" /> : null}
              {isReusableKind(task.kind) ? (
                <Link href={`/?reuse=${encodeURIComponent(task.id)}`} className="btn-secondary py-1.5" data-testid="task-reuse">
                  {t("history.reuse")}
                </Link>
              ) : null}
            </div>
          ) : null}
        </header>

        <div className="grid items-start gap-6 lg:grid-cols-[minmax(0,1fr)_20rem]">
          <div className="min-w-0 space-y-6">
            <LiveTask initialTask={task} />
            <section className="card" aria-labelledby="request-heading">
              <h2 id="request-heading" className="mb-4 text-base font-semibold">
                {t("detail.request")}
              </h2>
              <RequestSummary task={task} sourceTitle={sourceTitleFor(user, task.request)} t={t} />
            </section>
          </div>
          <aside className="min-w-0 space-y-6">
            <section className="card" aria-labelledby="timeline-heading">
              <h2 id="timeline-heading" className="mb-4 text-base font-semibold">
                {t("detail.timeline")}
              </h2>
              <Timeline entries={timeline} t={t} />
            </section>
            {vendor ? <VendorPayload details={vendor} t={t} /> : null}
          </aside>
        </div>
      </div>
    </ClientMessages>
  );
}
