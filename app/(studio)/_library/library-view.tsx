import Link from "next/link";
import type { ReactNode } from "react";
import { getT } from "@/lib/i18n/server";
import { MODEL_IDS } from "@/lib/models";
import { CLIP_STATES } from "@/lib/domain";
import type { Viewer } from "@/lib/server/auth/session";
import { ClipList } from "./clip-list";
import { LibraryFilters } from "./library-filters";
import { loadFirstPage } from "./load";
import { viewKey, type LibraryParams } from "./query";

interface Props {
  viewer: Viewer;
  basePath: string;
  params: LibraryParams;
  /** Fixed parts of the query that are not filters (scope, member, view), sent again by "Load more". */
  fixed: Record<string, string>;
  showOwner: boolean;
  members?: { id: string; name: string }[];
  trash?: boolean;
  /** Shown when the view is empty and no filter is set. */
  empty: ReactNode;
}

/** Filters and the first page of a list, shared by /library, /team and /members/<id>. */
export async function LibraryView({ viewer, basePath, params, fixed, showOwner, members, trash = false, empty }: Props) {
  const t = await getT("library");
  const page = loadFirstPage(viewer, params.query);
  const key = viewKey(params.values);
  const noResults = (
    <div className="card flex flex-col items-center gap-3 py-12 text-center" data-testid="empty-results">
      <p className="font-medium">{t("empty.noResults")}</p>
      <p className="max-w-md text-sm muted">{t("empty.noResultsLead")}</p>
      <Link href={basePath} className="btn-secondary" data-testid="clear-filters">
        {t("filters.clear")}
      </Link>
    </div>
  );
  return (
    <div className="space-y-4">
      {trash ? null : (
        <LibraryFilters
          key={`filters:${key}`}
          basePath={basePath}
          values={params.values}
          models={MODEL_IDS.map((m) => ({ value: m, label: m }))}
          providers={[...page.providerNames].map(([value, label]) => ({ value, label }))}
          statuses={CLIP_STATES.map((s) => ({ value: s, label: t(`state.${s}`) }))}
          members={members?.map((m) => ({ value: m.id, label: m.name }))}
        />
      )}
      <ClipList
        key={`list:${key}`}
        initialItems={page.items}
        initialCursor={page.nextCursor}
        query={{ ...(params.values as Record<string, string>), ...fixed }}
        // A server component renders once per request: one clock reading for the whole list.
        // eslint-disable-next-line react-hooks/purity
        now={Date.now()}
        showOwner={showOwner}
        trash={trash}
        // Rows leave the list only in the trash; elsewhere a list that starts with rows
        // never shows its empty state, so the page does not send it.
        empty={page.items.length > 0 && !trash ? null : params.hasFilters ? noResults : empty}
      />
    </div>
  );
}
