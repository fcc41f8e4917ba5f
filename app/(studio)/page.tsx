import type { Metadata } from "next";
import Link from "next/link";
import { ClientMessages } from "@/app/_components/client-messages";
import { getT } from "@/lib/i18n/server";
import { requirePageUser } from "@/lib/server/auth/session";
import { listProvidersForMembers } from "@/lib/server/services/provider-catalog";
import { getReuseSettings } from "@/lib/server/services/task-history";
import { listRecentSongTasksForViewer } from "@/lib/server/services/task-view";
import { CreateStudio } from "./_create/create-studio";
import type { PersonaOption, ProviderOption } from "./_create/types";
import { listPersonas } from "@/lib/server/services/operations";
import { getQuotaStatus } from "@/lib/server/services/quotas";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getT("create"))("pageTitle") };
}

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function CreatePage({ searchParams }: Props) {
  const { reuse } = await searchParams;
  const reuseId = typeof reuse === "string" && reuse.length <= 64 ? reuse : null;
  const user = await requirePageUser(reuseId ? `/?reuse=${encodeURIComponent(reuseId)}` : "/");
  const t = await getT("create");
  // Only what the form needs crosses to the browser: never base URLs or key hints (SEC-8).
  const providers: ProviderOption[] = listProvidersForMembers()
    .filter((p) => p.models.length > 0)
    .map((p) => ({ id: p.id, name: p.name, models: p.models.map((m) => ({ id: m.id, limits: m.limits })), capabilities: p.capabilities, advancedModels: p.advancedModels }));
  const personas: PersonaOption[] = listPersonas(user).map((p) => ({ id: p.id, name: p.name, providerId: p.providerId }));
  const tasks = listRecentSongTasksForViewer(user, 10);
  // "Reuse settings" (/?reuse=<taskId>): only a task the viewer may read; anything else is a blank form.
  const reused = reuseId ? (getReuseSettings(user, reuseId) ?? undefined) : undefined;
  return (
    <ClientMessages paths={["create", "tasks", "auth.errors"]}>
      <header className="mb-6">
        <h1 className="text-2xl font-semibold tracking-tight">{t("heading")}</h1>
        <p className="mt-1 text-sm muted">
          {t("lead")}{" "}
          <Link
            href="/upload"
            className="text-accent-600 underline underline-offset-2 hover:text-accent-700 dark:text-accent-400 dark:hover:text-accent-100"
            data-testid="upload-link"
          >
            {t("upload.link")}
          </Link>
        </p>
      </header>
      <CreateStudio
        key={reuseId ?? "new"}
        providers={providers}
        personas={personas}
        initialTasks={tasks}
        noProviderHint={user.role === "admin" ? t("noProviders.admin") : t("noProviders.member")}
        reused={reused}
        quota={getQuotaStatus(user)}
      />
    </ClientMessages>
  );
}
