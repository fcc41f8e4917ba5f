import type { Metadata } from "next";
import Link from "next/link";
import { getT } from "@/lib/i18n/server";
import { passwordResetState } from "@/lib/server/services/accounts";
import { ResetForm } from "./reset-form";

export async function generateMetadata(): Promise<Metadata> {
  // The link is a secret: keep it out of search engines and out of the Referer of links on the page.
  return { title: (await getT("auth"))("resetTitle"), robots: { index: false, follow: false }, referrer: "no-referrer" };
}

export default async function ResetPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const t = await getT("auth");
  const { state, user } = passwordResetState(token);
  if (state !== "valid" || !user) {
    return (
      <div data-testid="reset-invalid">
        <h1 className="mb-2 text-lg font-semibold">{t(`reset.${state === "valid" ? "unknown" : state}Title`)}</h1>
        <p className="mb-5 text-sm muted">{t(`reset.${state === "valid" ? "unknown" : state}Body`)}</p>
        <Link href="/login" className="btn-secondary w-full">
          {t("goToSignIn")}
        </Link>
      </div>
    );
  }
  return (
    <>
      <h1 className="mb-1 text-lg font-semibold">{t("resetTitle")}</h1>
      <p className="mb-5 text-sm muted">{t("resetLead", { name: user.name, email: user.email })}</p>
      <ResetForm token={token} email={user.email} />
    </>
  );
}
