import Link from "next/link";
import { Logo } from "@/app/_components/logo";
import { getT } from "@/lib/i18n/server";

export default async function NotFound() {
  const t = await getT("common");
  return (
    <main className="flex min-h-screen items-center justify-center px-4">
      <div className="text-center">
        <Logo className="mb-6 text-xl" />
        <h1 className="mb-2 text-2xl font-semibold">{t("notFound.title")}</h1>
        <p className="mb-6 muted">{t("notFound.body")}</p>
        <Link href="/" className="btn-primary">
          {t("notFound.home")}
        </Link>
      </div>
    </main>
  );
}
