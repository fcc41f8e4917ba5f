import type { Metadata } from "next";
import Link from "next/link";
import { ExportControl } from "@/app/_components/export/export-control";
import { getT } from "@/lib/i18n/server";
import { requirePageUser } from "@/lib/server/auth/session";
import { DeletedBanner } from "../../_library/deleted-banner";
import { EmptyState } from "../../_library/empty-state";
import { InFlightTasks } from "../../_library/in-flight-tasks";
import { PageHeading } from "../../_library/page-heading";
import { LibraryView } from "../../_library/library-view";
import { MonthGlance } from "../../_library/month-glance";
import { parseLibraryParams } from "../../_library/query";
import { returnTo } from "../../_library/return-to";

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata({ searchParams }: Props): Promise<Metadata> {
  const t = await getT("library");
  return { title: (await searchParams).view === "trash" ? t("trash.title") : t("title") };
}

export default async function LibraryPage({ searchParams }: Props) {
  const raw = await searchParams;
  const viewer = await requirePageUser(returnTo("/library", raw));
  const t = await getT("library");
  const trash = raw.view === "trash";
  const deleted = typeof raw.deleted === "string" ? raw.deleted : null;

  if (trash) {
    const params = parseLibraryParams({}, { scope: "mine", view: "trash" });
    return (
      <div className="space-y-5">
        <PageHeading title={t("trash.title")} lead={t("trash.lead")}>
          <Link href="/library" className="btn-secondary">
            {t("trash.back")}
          </Link>
        </PageHeading>
        <LibraryView
          viewer={viewer}
          basePath="/library?view=trash"
          params={params}
          fixed={{ scope: "mine", view: "trash" }}
          showOwner={false}
          trash
          empty={<EmptyState title={t("empty.trash")} lead={t("empty.trashLead")} />}
        />
      </div>
    );
  }

  const params = parseLibraryParams(raw, { scope: "mine" });
  return (
    <div className="space-y-5">
      <PageHeading title={t("title")} lead={t("lead")}>
        <ExportControl layout="menu" />
        <Link href="/library?view=trash" className="btn-secondary" data-testid="open-trash">
          {t("trash.open")}
        </Link>
      </PageHeading>
      <MonthGlance viewer={viewer} />
      {deleted ? <DeletedBanner viewer={viewer} clipId={deleted} /> : null}
      {params.hasFilters ? null : <InFlightTasks viewer={viewer} />}
      <LibraryView
        viewer={viewer}
        basePath="/library"
        params={params}
        fixed={{ scope: "mine" }}
        showOwner={false}
        empty={<EmptyState title={t("empty.mine")} lead={t("empty.mineLead")} action={{ href: "/", label: t("empty.create") }} />}
      />
    </div>
  );
}
