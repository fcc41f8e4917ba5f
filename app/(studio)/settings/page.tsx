import type { Metadata } from "next";
import { ClientMessages } from "@/app/_components/client-messages";
import { ExportControl } from "@/app/_components/export/export-control";
import { DesktopNotificationsControl } from "@/app/_components/notifications/desktop-notifications-control";
import { LOCALE_NAMES, LOCALES } from "@/lib/i18n/locales";
import { getLocale, getT } from "@/lib/i18n/server";
import { requirePageUser } from "@/lib/server/auth/session";
import { listApiTokens } from "@/lib/server/services/api-tokens";
import { listMyShares } from "@/lib/server/services/shares";
import { linkedIdentity } from "@/lib/server/services/sso";
import { setLanguageAction } from "./actions";
import { PasswordForm, ProfileForm, TokenForm } from "./forms";
import { ShareTable } from "./share-table";
import { TokenTable } from "./token-table";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getT("settings"))("title") };
}

export default async function SettingsPage({ searchParams }: { searchParams: Promise<{ password?: string }> }) {
  const user = await requirePageUser("/settings");
  const t = await getT("settings");
  const tn = await getT("notifications");
  const locale = await getLocale();
  const tokens = listApiTokens(user);
  const { password } = await searchParams;
  const identity = linkedIdentity(user.id);
  return (
    <ClientMessages paths={["settings", "auth.errors", "notifications.desktop", "library.export"]}>
      <div className="mx-auto max-w-3xl space-y-6">
        <h1 className="text-2xl font-semibold">{t("title")}</h1>
        <section className="card">
          <h2 className="mb-4 font-semibold">{t("profile")}</h2>
          <ProfileForm name={user.name} email={user.email} />
          {identity ? (
            <p className="mt-3 text-sm muted" data-testid="linked-identity">
              {t("signedInWith", { name: identity.provider })}
            </p>
          ) : null}
        </section>
        <section className="card">
          <h2 className="mb-1 font-semibold">{t("language")}</h2>
          <p className="mb-4 text-sm muted">{t("languageLead")}</p>
          <form action={setLanguageAction} className="flex flex-wrap items-end gap-3">
            <select name="locale" aria-label={t("language")} defaultValue={user.locale ?? "auto"} className="input w-auto">
              <option value="auto">{t("languageAuto")}</option>
              {LOCALES.map((l) => (
                <option key={l} value={l}>
                  {LOCALE_NAMES[l]}
                </option>
              ))}
            </select>
            <button type="submit" className="btn-secondary">
              {t("saveLanguage")}
            </button>
            <span className="text-sm muted">{t("currentLanguage", { name: LOCALE_NAMES[locale] })}</span>
          </form>
        </section>
        <section className="card">
          <h2 className="mb-1 font-semibold">{tn("desktop.title")}</h2>
          <p className="mb-4 text-sm muted">{tn("desktop.lead")}</p>
          <DesktopNotificationsControl />
        </section>
        <section className="card" data-testid="export-section">
          <h2 className="mb-1 font-semibold">{t("exportTitle")}</h2>
          <p className="mb-4 text-sm muted">{t("exportLead")}</p>
          <ExportControl layout="buttons" />
        </section>
        <section className="card">
          <h2 className="mb-4 font-semibold">{t("password")}</h2>
          {identity && !identity.hasPassword ? (
            <p className="text-sm muted">{t("ssoNoPassword", { name: identity.provider })}</p>
          ) : (
            <>
              <PasswordForm changed={password === "changed"} />
              <p className="mt-3 text-xs muted">{t("passwordSessionsNote")}</p>
            </>
          )}
        </section>
        <section className="card">
          <h2 className="mb-1 font-semibold">{t("tokens")}</h2>
          <p className="mb-4 text-sm muted">{t("tokensLead")}</p>
          <TokenForm />
          <p className="mt-3 text-xs muted">{t("tokensPasswordNote")}</p>
          <TokenTable tokens={tokens} />
        </section>
        <section className="card" id="shared-links">
          <h2 className="mb-1 font-semibold">{t("sharesTitle")}</h2>
          <p className="mb-4 text-sm muted">{t("sharesLead")}</p>
          <ShareTable shares={listMyShares(user)} />
        </section>
      </div>
    </ClientMessages>
  );
}
