import type { Metadata } from "next";
import { ClientMessages } from "@/app/_components/client-messages";
import { getT } from "@/lib/i18n/server";
import { requirePageUser } from "@/lib/server/auth/session";
import { listProvidersForMembers } from "@/lib/server/services/provider-catalog";
import { listRecentSongTasksForViewer } from "@/lib/server/services/task-view";
import { CreateStudio } from "./_create/create-studio";
import type { ProviderOption } from "./_create/types";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getT("create"))("pageTitle") };
}

export default async function CreatePage() {
  const user = await requirePageUser("/");
  const t = await getT("create");
  // Only what the form needs crosses to the browser: never base URLs or key hints (SEC-8).
  const providers: ProviderOption[] = listProvidersForMembers()
    .filter((p) => p.models.length > 0)
    .map((p) => ({ id: p.id, name: p.name, models: p.models.map((m) => ({ id: m.id, limits: m.limits })) }));
  const tasks = listRecentSongTasksForViewer(user, 10);
  return (
    <ClientMessages paths={["create", "tasks", "auth.errors"]}>
      <header className="mb-6">
        <h1 className="text-2xl font-semibold tracking-tight">{t("heading")}</h1>
        <p className="mt-1 text-sm muted">{t("lead")}</p>
      </header>
      <CreateStudio providers={providers} initialTasks={tasks} noProviderHint={user.role === "admin" ? t("noProviders.admin") : t("noProviders.member")} />
    </ClientMessages>
  );
}
