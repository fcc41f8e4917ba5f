import type { Metadata } from "next";
import Link from "next/link";
import { ClientMessages } from "@/app/_components/client-messages";
import { formatSeconds } from "@/app/_components/task/format";
import { getT } from "@/lib/i18n/server";
import { clipOr404 } from "../load-clip";
import { requirePageUser } from "@/lib/server/auth/session";
import { providerCapabilities } from "@/lib/server/services/provider-catalog";
import { CoverForm } from "../../../_operations/cover-form";

type Props = { params: Promise<{ id: string }> };

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getT("create"))("cover.pageTitle") };
}

/** A new arrangement of a finished clip, by the provider that made it. */
export default async function CoverPage({ params }: Props) {
  const { id } = await params;
  const user = await requirePageUser(`/clips/${encodeURIComponent(id)}/cover`);
  const clip = clipOr404(user, id);
  const t = await getT("create");
  const title = clip.title || (await getT("tasks"))("clip.untitled");
  const can = providerCapabilities(clip.providerId).includes("cover");

  return (
    <ClientMessages paths={["create", "tasks", "auth.errors"]}>
      <div className="mx-auto max-w-2xl space-y-6">
        <header>
          <Link href={`/clips/${clip.id}`} className="text-sm text-accent-600 hover:underline dark:text-accent-400">
            ← {t("extend.back")}
          </Link>
          <h1 className="mt-2 text-2xl font-semibold tracking-tight break-words">{t("cover.heading", { title })}</h1>
          <p className="mt-1 text-sm muted">{t("cover.lead")}</p>
        </header>
        <section className="card flex items-center gap-4" aria-label={t("cover.source")}>
          <div className="h-16 w-16 shrink-0 overflow-hidden rounded-lg bg-gradient-to-br from-accent-500 to-sky-500">
            {clip.imageUrl ? <img src={clip.imageUrl} alt="" className="h-full w-full object-cover" /> : null}
          </div>
          <div className="min-w-0">
            <p className="text-xs uppercase tracking-wide muted">{t("cover.source")}</p>
            <p className="truncate font-medium">{title}</p>
            <p className="truncate text-xs muted">{[clip.style, clip.model, clip.duration !== null ? formatSeconds(clip.duration) : null].filter(Boolean).join(" · ")}</p>
          </div>
        </section>
        <section className="card">
          {!can ? (
            <p className="text-sm muted">{t("errors.operationUnavailable")}</p>
          ) : clip.state === "succeeded" ? (
            <CoverForm source={{ clipId: clip.id }} model={clip.model} />
          ) : (
            <p className="text-sm muted">{t("extend.notFinished")}</p>
          )}
        </section>
      </div>
    </ClientMessages>
  );
}
