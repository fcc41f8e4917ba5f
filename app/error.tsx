"use client";

import { useTranslations } from "use-intl";

// Shown instead of a stack trace when rendering fails; the server logs the details.
export default function ErrorPage({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const t = useTranslations("common.error");
  return (
    <main className="flex min-h-[60vh] items-center justify-center px-4">
      <div className="card max-w-md text-center">
        <h1 className="mb-2 text-xl font-semibold">{t("title")}</h1>
        <p className="mb-5 muted">{t("body")}</p>
        <button type="button" className="btn-primary" onClick={reset}>
          {t("retry")}
        </button>
      </div>
    </main>
  );
}
