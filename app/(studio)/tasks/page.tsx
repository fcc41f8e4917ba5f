import type { Metadata } from "next";
import Link from "next/link";
import { ClientMessages } from "@/app/_components/client-messages";
import { TASK_KINDS, TASK_STATUSES } from "@/lib/domain";
import { isAppError } from "@/lib/errors";
import { getT } from "@/lib/i18n/server";
import { requirePageUser } from "@/lib/server/auth/session";
import { listProviderNames } from "@/lib/server/services/provider-catalog";
import { canRetry, isReusableKind, listTaskHistory } from "@/lib/server/services/task-history";
import { EmptyState } from "../_library/empty-state";
import { PageHeading } from "../_library/page-heading";
import { returnTo } from "../_library/return-to";
import { parseTaskParams, tasksHref } from "./query";
import { TaskFilters } from "./task-filters";
import { TaskRow } from "./task-row";

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getT("tasks"))("history.title") };
}

/** The task history: the viewer's tasks (an admin may switch to everyone's), filtered, newest first, in keyset pages. */
export default async function TasksPage({ searchParams }: Props) {
  const raw = await searchParams;
  const viewer = await requirePageUser(returnTo("/tasks", raw));
  const t = await getT("tasks");
  const isAdmin = viewer.role === "admin";
  const { query, values } = parseTaskParams(raw, isAdmin);
  const page = loadPage(viewer, query);
  const all = values.scope === "all";
  const filtered = Boolean(values.status || values.kind || values.provider);
  const providers = [...listProviderNames()].map(([value, label]) => ({ value, label }));

  const scopeLink = (scope: "mine" | "all") => {
    const active = (scope === "all") === all;
    return (
      <Link
        href={tasksHref({ ...values, scope: scope === "all" ? "all" : undefined })}
        aria-current={active ? "page" : undefined}
        className={active ? "btn-primary py-1.5" : "btn-secondary py-1.5"}
        data-testid={`task-scope-${scope}`}
      >
        {t(`history.scope.${scope}`)}
      </Link>
    );
  };

  return (
    <ClientMessages paths={["tasks"]}>
      <div className="space-y-5">
        <PageHeading title={t("history.title")} lead={all ? t("history.leadAll") : t("history.lead")}>
          {isAdmin ? (
            <nav aria-label={t("history.scope.label")} className="flex gap-2">
              {scopeLink("mine")}
              {scopeLink("all")}
            </nav>
          ) : null}
        </PageHeading>
        <TaskFilters
          key={tasksHref(values)}
          values={values}
          statuses={[{ value: "open", label: t("history.filters.open") }, ...TASK_STATUSES.map((s) => ({ value: s, label: t(`status.${s}`) }))]}
          kinds={TASK_KINDS.map((k) => ({ value: k, label: t(`kind.${k}`) }))}
          providers={providers}
        />
        {page.items.length === 0 ? (
          filtered || query.cursor ? (
            <div className="card flex flex-col items-center gap-3 py-12 text-center" data-testid="empty-results">
              <p className="font-medium">{t("history.empty.noResults")}</p>
              <p className="max-w-md text-sm muted">{t("history.empty.noResultsLead")}</p>
              <Link href={tasksHref({ scope: values.scope })} className="btn-secondary">
                {t("history.filters.clear")}
              </Link>
            </div>
          ) : (
            <EmptyState title={t("history.empty.title")} lead={t("history.empty.lead")} action={{ href: "/", label: t("history.empty.create") }} />
          )
        ) : (
          <ul
            className="divide-y divide-zinc-100 overflow-hidden rounded-xl border border-zinc-200 bg-white shadow-sm dark:divide-zinc-800 dark:border-zinc-800 dark:bg-zinc-900"
            data-testid="task-list"
          >
            {page.items.map((task) => (
              <TaskRow key={task.id} task={task} t={t} showOwner={all} retry={canRetry(viewer, task)} reuse={isReusableKind(task.kind)} />
            ))}
          </ul>
        )}
        {query.cursor || page.nextCursor ? (
          <nav className="flex justify-center gap-3">
            {query.cursor ? (
              <Link href={tasksHref(values)} className="btn-secondary" data-testid="tasks-newest">
                {t("history.newest")}
              </Link>
            ) : null}
            {page.nextCursor ? (
              <Link href={tasksHref(values, page.nextCursor)} className="btn-secondary" data-testid="tasks-older">
                {t("history.older")}
              </Link>
            ) : null}
          </nav>
        ) : null}
      </div>
    </ClientMessages>
  );
}

/** A cursor that no longer decodes (a hand-edited link) opens the newest page instead of failing. */
function loadPage(viewer: Parameters<typeof listTaskHistory>[0], query: Parameters<typeof listTaskHistory>[1]) {
  try {
    return listTaskHistory(viewer, query);
  } catch (err) {
    if (isAppError(err) && err.code === "bad_request" && query.cursor) return listTaskHistory(viewer, { ...query, cursor: undefined });
    throw err;
  }
}
