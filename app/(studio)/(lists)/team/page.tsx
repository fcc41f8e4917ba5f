import type { Metadata } from "next";
import { getT } from "@/lib/i18n/server";
import { requirePageUser } from "@/lib/server/auth/session";
import { listLibraryMembers } from "@/lib/server/services/library";
import { EmptyState } from "../../_library/empty-state";
import { LibraryView } from "../../_library/library-view";
import { PageHeading } from "../../_library/page-heading";
import { parseLibraryParams } from "../../_library/query";
import { returnTo } from "../../_library/return-to";

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getT("library"))("team.title") };
}

export default async function TeamPage({ searchParams }: Props) {
  const raw = await searchParams;
  const viewer = await requirePageUser(returnTo("/team", raw));
  const t = await getT("library");
  const params = parseLibraryParams(raw, { scope: "team" });
  return (
    <div className="space-y-5">
      <PageHeading title={t("team.title")} lead={t("team.lead")} />
      <LibraryView
        viewer={viewer}
        basePath="/team"
        params={params}
        fixed={{ scope: "team" }}
        showOwner
        members={listLibraryMembers()}
        empty={<EmptyState title={t("empty.team")} lead={t("empty.teamLead")} action={{ href: "/", label: t("empty.create") }} />}
      />
    </div>
  );
}
