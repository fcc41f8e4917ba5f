import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getT } from "@/lib/i18n/server";
import { requirePageUser } from "@/lib/server/auth/session";
import { listLibraryMembers } from "@/lib/server/services/library";
import { EmptyState } from "../../../_library/empty-state";
import { LibraryView } from "../../../_library/library-view";
import { PageHeading } from "../../../_library/page-heading";
import { parseLibraryParams } from "../../../_library/query";
import { returnTo } from "../../../_library/return-to";

type Props = { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

function findMember(id: string) {
  return listLibraryMembers().find((m) => m.id === id);
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const member = findMember((await params).id);
  return { title: member ? (await getT("library"))("member.title", { name: member.name }) : undefined };
}

/** One member's team-visible history; their private songs never show here, even to admins (SEC-2). */
export default async function MemberPage({ params, searchParams }: Props) {
  const { id } = await params;
  const raw = await searchParams;
  const viewer = await requirePageUser(returnTo(`/members/${encodeURIComponent(id)}`, raw));
  const member = findMember(id);
  if (!member) notFound();
  const t = await getT("library");
  const query = parseLibraryParams(raw, { scope: "team", member: member.id });
  const isMe = member.id === viewer.id;
  return (
    <div className="space-y-5">
      <PageHeading
        title={<span data-testid="member-name">{t("member.title", { name: member.name })}</span>}
        lead={isMe ? t("member.leadMe") : t("member.lead", { name: member.name })}
      >
        <Link href={`/team?member=${encodeURIComponent(member.id)}`} className="btn-secondary">
          {t("member.inTeam")}
        </Link>
      </PageHeading>
      <LibraryView
        viewer={viewer}
        basePath={`/members/${encodeURIComponent(member.id)}`}
        params={query}
        fixed={{ scope: "team", member: member.id }}
        showOwner={false}
        empty={<EmptyState title={t("empty.member", { name: member.name })} lead={t("empty.memberLead")} />}
      />
    </div>
  );
}
