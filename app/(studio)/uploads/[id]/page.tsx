import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { ClientMessages } from "@/app/_components/client-messages";
import { formatSeconds } from "@/app/_components/task/format";
import { getT } from "@/lib/i18n/server";
import { requirePageUser } from "@/lib/server/auth/session";
import { getUploadForViewer, uploadProvider } from "@/lib/server/services/uploads";
import { CoverForm } from "../../_operations/cover-form";
import { ExtendForm } from "../../clips/[id]/extend/extend-form";

type Props = { params: Promise<{ id: string }> };

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getT("create"))("upload.pageTitle") };
}

/** One of my uploads: extend it or make a cover of it, with the provider that takes uploads. */
export default async function UploadPage({ params }: Props) {
  const { id } = await params;
  const user = await requirePageUser(`/uploads/${encodeURIComponent(id)}`);
  const upload = getUploadForViewer(user, id);
  if (!upload) notFound();
  const t = await getT("create");
  const provider = uploadProvider();
  const source = { id: upload.id, title: upload.title, style: null, lyrics: null, duration: upload.duration, audioUrl: null, model: "v3.5" };
  return (
    <ClientMessages paths={["create", "tasks", "auth.errors"]}>
      <div className="mx-auto max-w-2xl space-y-6" data-testid="upload-page">
        <header>
          <p className="text-xs uppercase tracking-wide muted">{t("upload.uploaded")}</p>
          <h1 className="text-2xl font-semibold tracking-tight break-words" data-testid="upload-title">
            {upload.title}
          </h1>
          <p className="mt-1 text-sm muted">
            {[upload.contentType === "audio/wav" ? "WAV" : "MP3", upload.duration !== null ? formatSeconds(upload.duration) : null].filter(Boolean).join(" · ")}
          </p>
        </header>
        {!provider ? (
          <p className="card text-sm">{t("upload.noProvider")}</p>
        ) : (
          <>
            {provider.capabilities.includes("extend") ? (
              <section className="card space-y-4" aria-labelledby="upload-extend">
                <h2 id="upload-extend" className="text-base font-semibold">
                  {t("upload.extendHeading")}
                </h2>
                <ExtendForm clip={source} source="upload" provider={provider.id} submitLabel={t("upload.extendSubmit")} />
              </section>
            ) : null}
            {provider.capabilities.includes("cover") ? (
              <section className="card space-y-4" aria-labelledby="upload-cover">
                <h2 id="upload-cover" className="text-base font-semibold">
                  {t("upload.coverHeading")}
                </h2>
                <CoverForm source={{ uploadId: upload.id }} model={null} provider={provider.id} />
              </section>
            ) : null}
          </>
        )}
      </div>
    </ClientMessages>
  );
}
