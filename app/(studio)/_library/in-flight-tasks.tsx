import { getT } from "@/lib/i18n/server";
import type { Viewer } from "@/lib/server/auth/session";
import { listInFlightTasksForViewer } from "@/lib/server/services/in-flight-tasks";
import { InFlightTask } from "./in-flight-task";

/** The top of /library: songs still being made, each following its own live status. */
export async function InFlightTasks({ viewer }: { viewer: Viewer }) {
  const tasks = listInFlightTasksForViewer(viewer);
  if (tasks.length === 0) return null;
  const t = await getT("library");
  return (
    <section aria-labelledby="in-flight-heading" className="overflow-hidden rounded-xl border border-sky-200 bg-sky-50/60 dark:border-sky-900/60 dark:bg-sky-950/20">
      <h2 id="in-flight-heading" className="border-b border-sky-200 px-4 py-2 text-sm font-semibold text-sky-900 dark:border-sky-900/60 dark:text-sky-200">
        {t("inFlight.title", { count: tasks.length })}
      </h2>
      <ul className="divide-y divide-sky-100 dark:divide-sky-900/40">
        {tasks.map((task) => (
          <InFlightTask key={task.id} initialTask={task} />
        ))}
      </ul>
    </section>
  );
}
