import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getT } from "@/lib/i18n/server";
import { currentUser } from "@/lib/server/auth/session";
import { isSetUp } from "@/lib/server/services/accounts";
import { LoginForm } from "./login-form";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getT("auth"))("signInTitle") };
}

export default async function LoginPage({ searchParams }: { searchParams: Promise<{ next?: string }> }) {
  if (!isSetUp()) redirect("/setup");
  if (await currentUser()) redirect("/");
  const { next } = await searchParams;
  const t = await getT("auth");
  return (
    <>
      <h1 className="mb-1 text-lg font-semibold">{t("signInTitle")}</h1>
      <p className="mb-5 text-sm muted">{t("signInLead")}</p>
      <LoginForm next={typeof next === "string" ? next : "/"} />
    </>
  );
}
