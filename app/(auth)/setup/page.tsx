import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getT } from "@/lib/i18n/server";
import { isSetUp } from "@/lib/server/services/accounts";
import { SetupForm } from "./setup-form";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getT("auth"))("setupTitle") };
}

// Exists only until the owner is created.
export default async function SetupPage() {
  if (isSetUp()) notFound();
  const t = await getT("auth");
  return (
    <>
      <h1 className="mb-1 text-lg font-semibold">{t("setupTitle")}</h1>
      <p className="mb-5 text-sm muted">{t("setupLead")}</p>
      <SetupForm />
    </>
  );
}
