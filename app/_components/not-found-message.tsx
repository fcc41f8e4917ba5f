import Link from "next/link";
import type { ReactNode } from "react";
import { getT } from "@/lib/i18n/server";

/** The words of a not-found page and the way back; each page frames it (a logo outside the studio). */
export async function NotFoundMessage({ children }: { children?: ReactNode }) {
  const t = await getT("common");
  return (
    <div className="text-center">
      {children}
      <h1 className="mb-2 text-2xl font-semibold">{t("notFound.title")}</h1>
      <p className="mb-6 muted">{t("notFound.body")}</p>
      <Link href="/" className="btn-primary">
        {t("notFound.home")}
      </Link>
    </div>
  );
}
