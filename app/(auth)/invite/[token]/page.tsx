import type { Metadata } from "next";
import Link from "next/link";
import { getT } from "@/lib/i18n/server";
import { inviteState } from "@/lib/server/services/accounts";
import { ssoName } from "@/lib/server/services/sso";
import { ssoSignInAction } from "../../actions";
import { InviteForm } from "./invite-form";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getT("auth"))("inviteTitle") };
}

export default async function InvitePage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const t = await getT("auth");
  const { state, email } = inviteState(token);
  // An invite made out to an email also lets that person join through the team's identity provider.
  const sso = ssoName();
  if (state !== "valid") {
    return (
      <div data-testid="invite-invalid">
        <h1 className="mb-2 text-lg font-semibold">{t(`invite.${state}Title`)}</h1>
        <p className="mb-5 text-sm muted">{t(`invite.${state}Body`)}</p>
        <Link href="/login" className="btn-secondary w-full">
          {t("goToSignIn")}
        </Link>
      </div>
    );
  }
  return (
    <>
      <h1 className="mb-1 text-lg font-semibold">{t("inviteTitle")}</h1>
      <p className="mb-5 text-sm muted">{t("inviteLead")}</p>
      {email ? (
        <p className="mb-4 text-sm" data-testid="invite-for">
          {t("inviteFor", { email })}
        </p>
      ) : null}
      {email && sso ? (
        <>
          <form action={ssoSignInAction}>
            <input type="hidden" name="next" value="/" />
            <button type="submit" className="btn-secondary w-full" data-testid="sso-sign-in">
              {t("sso.joinWith", { name: sso })}
            </button>
          </form>
          <p className="my-4 text-center text-xs muted">{t("sso.orPassword")}</p>
        </>
      ) : null}
      <InviteForm token={token} email={email} />
    </>
  );
}
