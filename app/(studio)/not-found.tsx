import Link from "next/link";
import { getT } from "@/lib/i18n/server";

// A studio page that calls notFound() (an unknown clip, a teammate's private one)
// keeps the studio around it: header, navigation and the player, which may be
// playing. So this fits inside the layout's <main>, without a logo or a main of its own.
export default async function StudioNotFound() {
  const t = await getT("common");
  return (
    <div className="flex min-h-[50vh] items-center justify-center">
      <div className="text-center">
        <h1 className="mb-2 text-2xl font-semibold">{t("notFound.title")}</h1>
        <p className="mb-6 muted">{t("notFound.body")}</p>
        <Link href="/" className="btn-primary">
          {t("notFound.home")}
        </Link>
      </div>
    </div>
  );
}
