import { LocalTime } from "@/app/_components/local-time";
import { getT } from "@/lib/i18n/server";
import type { ApiTokenSummary } from "@/lib/server/services/api-tokens";
import { revokeTokenAction } from "./actions";

/** The user's API tokens: what each may do, until when, and when it was last used. */
export async function TokenTable({ tokens }: { tokens: ApiTokenSummary[] }) {
  const t = await getT("settings");
  const now = new Date();
  if (tokens.length === 0) return <p className="mt-4 text-sm muted">{t("noTokens")}</p>;
  return (
    <table className="data-table mt-4" data-testid="tokens-table">
      <thead>
        <tr>
          <th>{t("tokenName")}</th>
          <th>{t("tokenEnds")}</th>
          <th>{t("tokenAccess")}</th>
          <th>{t("tokenCreated")}</th>
          <th>{t("tokenExpires")}</th>
          <th>{t("tokenLastUsed")}</th>
          <th />
        </tr>
      </thead>
      <tbody>
        {tokens.map((tok) => (
          <tr key={tok.id}>
            <td className="font-medium">{tok.name}</td>
            <td className="font-mono text-xs">…{tok.hint}</td>
            <td>{tok.readOnly ? t("tokenAccessRead") : t("tokenAccessFull")}</td>
            <td>
              <LocalTime iso={tok.createdAt.toISOString()} />
            </td>
            <td>
              {!tok.expiresAt ? (
                <span className="muted">{t("tokenExpiresNever")}</span>
              ) : tok.expiresAt <= now ? (
                <span className="text-red-700 dark:text-red-400">{t("tokenExpired")}</span>
              ) : (
                <LocalTime iso={tok.expiresAt.toISOString()} mode="date" />
              )}
            </td>
            <td>{tok.lastUsedAt ? <LocalTime iso={tok.lastUsedAt.toISOString()} /> : <span className="muted">{t("never")}</span>}</td>
            <td className="text-right">
              <form action={revokeTokenAction}>
                <input type="hidden" name="tokenId" value={tok.id} />
                <button type="submit" className="btn-danger py-1 text-xs">
                  {t("revoke")}
                </button>
              </form>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
