"use client";

import { useTranslations } from "use-intl";

/** What a failed render shows: a plain-language reason and a way to try again. The server logs the details. */
export function ErrorCard({ retry }: { retry: () => void }) {
  const t = useTranslations("common.error");
  return (
    <div className="card max-w-md text-center" role="alert">
      <h1 className="mb-2 text-xl font-semibold">{t("title")}</h1>
      <p className="mb-5 muted">{t("body")}</p>
      {/* retry() fetches the page from the server again; reset() would only redraw the same failure. */}
      <button type="button" className="btn-primary" onClick={retry}>
        {t("retry")}
      </button>
    </div>
  );
}
