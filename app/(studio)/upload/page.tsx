import type { Metadata } from "next";
import { ClientMessages } from "@/app/_components/client-messages";
import { getT } from "@/lib/i18n/server";
import { requirePageUser } from "@/lib/server/auth/session";
import { uploadAvailability } from "@/lib/server/services/uploads";
import { UploadForm } from "./upload-form";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getT("create"))("upload.pageTitle") };
}

/** Bring your own audio: drop or link an MP3/WAV, then extend or cover it on the next page. */
export default async function UploadPage() {
  await requirePageUser("/upload");
  const t = await getT("create");
  const availability = uploadAvailability();
  return (
    <ClientMessages paths={["create.upload", "create.errors", "auth.errors"]}>
      <div className="mx-auto max-w-2xl space-y-6">
        <header>
          <h1 className="text-2xl font-semibold tracking-tight">{t("upload.heading")}</h1>
          <p className="mt-1 text-sm muted">{t("upload.lead")}</p>
        </header>
        <section className="card">
          {availability === "ok" ? (
            <UploadForm />
          ) : (
            <p className="text-sm" role="note" data-testid="upload-unavailable">
              {availability === "needsAppUrl" ? t("upload.needsAppUrl") : t("upload.noProvider")}
            </p>
          )}
        </section>
      </div>
    </ClientMessages>
  );
}
