import type { Metadata } from "next";
import Link from "next/link";
import { ClientMessages } from "@/app/_components/client-messages";
import { LocalTime } from "@/app/_components/local-time";
import type { PlaylistDto } from "@/lib/dto";
import { getT } from "@/lib/i18n/server";
import { requirePageUser } from "@/lib/server/auth/session";
import { listPlaylistsPage } from "@/lib/server/services/playlists";
import { PageHeading } from "../_library/page-heading";
import { PlaylistForm } from "../_playlist/playlist-form";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getT("playlists"))("title") };
}

// A member keeps at most 500 playlists; the page shows the 100 most recently changed of
// each list (the API pages through all of them).
const SHOWN = 100;

export default async function PlaylistsPage() {
  const viewer = await requirePageUser("/playlists");
  const t = await getT("playlists");
  const mine = listPlaylistsPage(viewer, { scope: "mine", limit: SHOWN }).items;
  const team = listPlaylistsPage(viewer, { scope: "team", othersOnly: true, limit: SHOWN }).items;
  return (
    <div className="space-y-6">
      <PageHeading title={t("title")} lead={t("lead")} />
      <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_20rem]">
        <div className="space-y-6">
          <PlaylistSection title={t("mine")} empty={t("mineEmpty")} items={mine} testId="my-playlists" showOwner={false} />
          <PlaylistSection title={t("team")} empty={t("teamEmpty")} items={team} testId="team-playlists" showOwner />
        </div>
        <section className="card space-y-3 self-start p-4" aria-labelledby="new-playlist-title">
          <h2 id="new-playlist-title" className="font-semibold">
            {t("new")}
          </h2>
          <ClientMessages paths={["playlists"]}>
            <PlaylistForm />
          </ClientMessages>
        </section>
      </div>
    </div>
  );
}

async function PlaylistSection({ title, empty, items, testId, showOwner }: { title: string; empty: string; items: PlaylistDto[]; testId: string; showOwner: boolean }) {
  const t = await getT("playlists");
  return (
    <section className="space-y-2" data-testid={testId}>
      <h2 className="text-lg font-semibold">{title}</h2>
      {items.length === 0 ? (
        <p className="text-sm muted">{empty}</p>
      ) : (
        <ul className="card divide-y divide-zinc-200 dark:divide-zinc-800">
          {items.map((p) => (
            <li key={p.id} className="flex flex-wrap items-center gap-x-4 gap-y-1 px-4 py-3" data-testid="playlist-row">
              <Link href={`/playlists/${p.id}`} className="min-w-0 flex-1 truncate font-medium hover:text-accent-600 hover:underline">
                {p.name}
              </Link>
              {p.visibility === "private" ? <span className="badge">{t("privateBadge")}</span> : null}
              {showOwner ? <span className="text-sm muted">{t("by", { name: p.owner.name })}</span> : null}
              <span className="text-sm muted">{t("songs", { count: p.itemCount })}</span>
              <span className="text-xs muted">
                <LocalTime iso={p.updatedAt} />
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
