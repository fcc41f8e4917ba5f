import Link from "next/link";
import { LocalTime } from "@/app/_components/local-time";
import type { ShareDto } from "@/lib/dto";
import { getT } from "@/lib/i18n/server";
import { revokeShareAction } from "../_clip/share-actions";

/** Settings → Shared links: every public link of mine, what it shares, its state and views; revoke. */
export async function ShareTable({ shares }: { shares: ShareDto[] }) {
  const t = await getT("settings");
  const st = await getT("clip");
  if (shares.length === 0) return <p className="text-sm muted">{t("sharesEmpty")}</p>;
  return (
    <table className="data-table" data-testid="shares-table">
      <thead>
        <tr>
          <th>{t("shareSong")}</th>
          <th>{t("shareState")}</th>
          <th>{t("shareViews")}</th>
          <th>{t("shareCreated")}</th>
          <th />
        </tr>
      </thead>
      <tbody>
        {shares.map((s) => (
          <tr key={s.id} data-testid={`share-${s.id}`}>
            <td className="font-medium">
              {s.playlistId ? (
                <>
                  <span className="badge mr-2">{t("sharePlaylist")}</span>
                  <Link href={`/playlists/${s.playlistId}`} className="hover:underline" data-testid="share-playlist-link">
                    {s.playlistName}
                  </Link>
                </>
              ) : (
                <Link href={`/clips/${s.clipId}`} className="hover:underline">
                  {s.clipTitle || st("untitled")}
                </Link>
              )}
              <div className="font-mono text-xs muted">{s.url}</div>
            </td>
            <td>
              <span className="badge">{st(`share.states.${s.state}`)}</span>
              <div className="text-xs muted">
                {s.expiresAt ? (
                  <>
                    {st("share.expires")} <LocalTime iso={s.expiresAt} mode="date" />
                  </>
                ) : (
                  st("share.noExpiry")
                )}
              </div>
            </td>
            <td>{s.views}</td>
            <td>
              <LocalTime iso={s.createdAt} />
            </td>
            <td className="text-right">
              <form action={revokeShareAction}>
                <input type="hidden" name="shareId" value={s.id} />
                <button type="submit" className="btn-danger py-1 text-xs">
                  {st("share.revoke")}
                </button>
              </form>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
