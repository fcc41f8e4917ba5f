import type { Metadata } from "next";
import { LocalTime } from "@/app/_components/local-time";
import { getT } from "@/lib/i18n/server";
import { requirePageAdmin } from "@/lib/server/auth/session";
import { listAdminInvites, listMembersForAdmin } from "@/lib/server/services/members";
import { InviteForm } from "./invite-form";
import { QuotaSection } from "./quota-section";
import { UserRowActions } from "./user-row-actions";
import { revokeInviteAction } from "./actions";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getT("admin"))("usersTitle") };
}

export default async function AdminUsersPage() {
  const admin = await requirePageAdmin("/admin/users");
  const t = await getT("admin");
  const members = listMembersForAdmin();
  const invites = listAdminInvites();
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold">{t("usersTitle")}</h1>
        <p className="muted text-sm">{t("usersLead")}</p>
      </div>
      <section className="card">
        <h2 className="mb-3 font-semibold">{t("inviteTitle")}</h2>
        <InviteForm />
      </section>
      <section className="card overflow-x-auto p-0">
        <table className="data-table" data-testid="members-table">
          <thead>
            <tr>
              <th>{t("name")}</th>
              <th>{t("email")}</th>
              <th>{t("role")}</th>
              <th>{t("status")}</th>
              <th>{t("created")}</th>
              <th>{t("lastSignIn")}</th>
              <th className="text-right">{t("actions")}</th>
            </tr>
          </thead>
          <tbody>
            {members.map((m) => (
              <tr key={m.id} data-testid={`member-${m.email}`}>
                <td className="font-medium">{m.name}</td>
                <td>{m.email}</td>
                <td>
                  <span className="badge">{t(`roles.${m.role}`)}</span>
                  {m.isOwner ? <span className="badge ml-1">{t("owner")}</span> : null}
                </td>
                <td>
                  {m.disabled ? <span className="badge bg-red-100 text-red-700 dark:bg-red-950 dark:text-red-300">{t("disabled")}</span> : t("active")}
                  {m.resetPending ? <span className="badge ml-1">{t("resetPending")}</span> : null}
                </td>
                <td>
                  <LocalTime iso={m.createdAt} mode="date" />
                </td>
                <td>{m.lastLoginAt ? <LocalTime iso={m.lastLoginAt} /> : <span className="muted">{t("never")}</span>}</td>
                <td>
                  {m.isOwner ? (
                    <p className="muted text-right text-xs">{t("ownerNote")}</p>
                  ) : (
                    <UserRowActions userId={m.id} name={m.name} role={m.role} disabled={m.disabled} isSelf={m.id === admin.id} />
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <QuotaSection admin={admin} />
      {invites.length > 0 ? (
        <section className="card overflow-x-auto p-0">
          <h2 className="px-5 pt-4 font-semibold">{t("invitesTitle")}</h2>
          <table className="data-table">
            <thead>
              <tr>
                <th>{t("role")}</th>
                <th>{t("inviteFor")}</th>
                <th>{t("createdBy")}</th>
                <th>{t("created")}</th>
                <th>{t("status")}</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {invites.map((i) => (
                <tr key={i.id} data-testid="invite-row">
                  <td>{t(`roles.${i.role}`)}</td>
                  <td>{i.email ?? <span className="muted">{t("inviteAnyone")}</span>}</td>
                  <td>{i.createdByName}</td>
                  <td>
                    <LocalTime iso={i.createdAt} />
                  </td>
                  <td>{t(`inviteStates.${i.state}`)}</td>
                  <td className="text-right">
                    {i.state === "pending" ? (
                      <form action={revokeInviteAction}>
                        <input type="hidden" name="inviteId" value={i.id} />
                        <button type="submit" className="btn-secondary py-1 text-xs">
                          {t("revoke")}
                        </button>
                      </form>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ) : null}
    </div>
  );
}
