import type { Metadata } from "next";
import Link from "next/link";
import { ClientMessages } from "@/app/_components/client-messages";
import { ClipPlayer } from "@/app/_components/player/clip-player";
import { QueueActions } from "@/app/_components/player/queue-actions";
import { MusicIcon } from "@/app/_components/player/icons";
import { formatClock } from "@/app/_components/player/time";
import { LocalTime } from "@/app/_components/local-time";
import { getT } from "@/lib/i18n/server";
import { currentUser, requirePageUser } from "@/lib/server/auth/session";
import { clipTaskLinks } from "@/lib/server/services/task-history";
import { listClipShares } from "@/lib/server/services/shares";
import { toTracks, toCardData } from "../../_clip/card-data";
import { StarButton } from "../../_clip/star-button";
import { deleteClipAction } from "../../_clip/actions";
import { AddToPlaylist } from "../../_playlist/add-to-playlist";
import { CopyLinkButton, VisibilityToggle } from "./clip-controls";
import { ClipOrigin } from "./clip-origin";
import { DownloadMenu } from "./download-menu";
import { absoluteUrl, loadClipDetails } from "./load-clip";
import { Lyrics } from "./lyrics";
import { RelatedClips } from "./related-clips";
import { RenameTitle } from "./rename-title";
import { SharePanel } from "./share-panel";
import { ClipOperations } from "../../_operations/clip-operations";
import { providerCapabilities } from "@/lib/server/services/provider-catalog";
import { TimedLyricsPanel } from "./timed-lyrics-panel";

type Props = { params: Promise<{ id: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const viewer = await currentUser();
  if (!viewer) return {};
  const { clip } = loadClipDetails(viewer.id, (await params).id);
  const t = await getT("clip");
  const title = clip.title.trim() || t("untitled");
  const description = [clip.style, t("byline", { name: clip.owner.name })].filter(Boolean).join(" · ");
  return {
    title,
    description,
    openGraph: {
      type: "music.song",
      title,
      description,
      url: await absoluteUrl(`/clips/${clip.id}`),
      siteName: "Songloft",
      images: clip.imageUrl ? [{ url: await absoluteUrl(clip.imageUrl), alt: title }] : undefined,
      audio: clip.audioUrl ? [{ url: await absoluteUrl(clip.audioUrl) }] : undefined,
      duration: clip.duration ? Math.round(clip.duration) : undefined,
    },
  };
}

export default async function ClipPage({ params }: Props) {
  const { id } = await params;
  const viewer = await requirePageUser(`/clips/${encodeURIComponent(id)}`);
  const { clip, providerName, isOwner, takes, parent, extensions, segments, audioExt, downloadStem } = loadClipDetails(viewer.id, id);
  const t = await getT("clip");
  const lt = await getT("library");
  const tt = await getT("tasks");
  const tp = await getT("playlists");
  const origin = clipTaskLinks(viewer, clip);
  const untitled = t("untitled");
  const names = new Map([[clip.providerId, providerName]]);
  const [track] = toTracks([toCardData(clip, names)], untitled);
  // The queue is this song then its other take, so "next" in the mini-player plays the sibling.
  const queue = track
    ? [
        track,
        ...toTracks(
          takes.map((c) => toCardData(c, names)),
          untitled,
        ),
      ]
    : [];

  return (
    <ClientMessages paths={["clip", "auth.errors", "create.errors"]}>
      {/* Phones read cover, song, then the facts; wide screens keep cover and facts in a left column. */}
      <article className="grid gap-6 lg:grid-cols-[minmax(0,20rem)_minmax(0,1fr)] lg:grid-rows-[auto_1fr] lg:gap-x-8" data-testid="clip-page" data-clip-id={clip.id}>
        <div className="aspect-square w-full max-w-60 overflow-hidden rounded-2xl bg-linear-to-br from-accent-500 to-sky-500 shadow-lg shadow-accent-600/10 sm:max-w-xs lg:col-start-1 lg:row-start-1 lg:max-w-none">
          {clip.imageUrl ? (
            <img src={clip.imageUrl} alt={t("coverAlt", { title: clip.title || untitled })} className="h-full w-full object-cover" data-testid="clip-cover" />
          ) : (
            <div className="flex h-full items-center justify-center text-white/80">
              <MusicIcon className="h-16 w-16" />
            </div>
          )}
        </div>

        <div className="min-w-0 space-y-6 lg:col-start-2 lg:row-span-2 lg:row-start-1">
          <header className="space-y-2">
            <div className="flex flex-wrap items-center gap-2">
              <span className="badge">{clip.model}</span>
              {clip.visibility === "private" ? <span className="badge bg-amber-100 text-amber-800 dark:bg-amber-500/15 dark:text-amber-300">{t("visibility.private")}</span> : null}
              {clip.state !== "succeeded" ? <span className="badge bg-sky-100 text-sky-800 dark:bg-sky-500/15 dark:text-sky-300">{t(`state.${clip.state}`)}</span> : null}
            </div>
            <RenameTitle clipId={clip.id} title={clip.title} canEdit={isOwner} />
            {clip.style ? (
              <p className="text-zinc-600 dark:text-zinc-300" data-testid="clip-style">
                {clip.style}
              </p>
            ) : null}
            <p className="text-sm muted">
              {t.rich("madeBy", {
                name: clip.owner.name,
                link: (chunks) => (
                  <Link href={`/members/${clip.owner.id}`} className="font-medium text-zinc-700 hover:underline dark:text-zinc-200">
                    {chunks}
                  </Link>
                ),
              })}
            </p>
          </header>

          <section className="card p-4">
            {track ? (
              <>
                <ClipPlayer track={track} queue={queue} />
                <QueueActions track={track} />
              </>
            ) : (
              <p className="text-sm muted">{clip.state === "failed" ? clip.errorMessage || t("failed") : t("notReady")}</p>
            )}
          </section>

          {clip.formats.video ? (
            <section className="card overflow-hidden">
              {/* preload="none": the video is fetched only when someone plays it (PERF-5). */}
              <video
                controls
                preload="none"
                src={clip.formats.video}
                poster={clip.imageUrl ?? undefined}
                className="aspect-video w-full bg-black"
                aria-label={t("videoLabel", { title: clip.title || untitled })}
                data-testid="clip-video"
              />
            </section>
          ) : null}

          <div className="flex flex-wrap gap-2">
            <StarButton clipId={clip.id} starred={clip.starred} labels={{ star: lt("star"), unstar: lt("unstar"), starred: lt("starred") }} />
            {clip.state === "succeeded" && !clip.deletedAt ? (
              <AddToPlaylist clipId={clip.id} label={tp("add.label", { title: clip.title || untitled })}>
                {tp("add.button")}
              </AddToPlaylist>
            ) : null}
            <CopyLinkButton path={`/clips/${clip.id}`} />
            <DownloadMenu
              clipId={clip.id}
              stem={downloadStem}
              files={{ audio: clip.audioUrl ? { ext: audioExt } : null, wav: Boolean(clip.formats.wav), video: Boolean(clip.formats.video), cover: Boolean(clip.imageUrl) }}
            />
            {clip.state === "succeeded" ? (
              <Link href={`/clips/${clip.id}/extend`} className="btn-secondary" data-testid="extend">
                {t("extend")}
              </Link>
            ) : null}
          </div>

          {isOwner ? (
            <section className="card flex flex-wrap items-end justify-between gap-4 p-4">
              <VisibilityToggle clipId={clip.id} visibility={clip.visibility} />
              <form action={deleteClipAction}>
                <input type="hidden" name="clipId" value={clip.id} />
                <button type="submit" className="btn-danger" data-testid="delete-clip">
                  {t("delete")}
                </button>
              </form>
            </section>
          ) : null}

          {isOwner && clip.state === "succeeded" && !clip.deletedAt ? <SharePanel target={{ kind: "clip", id: clip.id }} shares={listClipShares(viewer, clip.id)} /> : null}

          <ClipOrigin clip={clip} taskHref={origin.taskHref} reuseHref={origin.reuseHref} t={tt} />

          {clip.state === "succeeded" && !clip.deletedAt ? (
            <ClipOperations
              clipId={clip.id}
              capabilities={providerCapabilities(clip.providerId)}
              isExtension={clip.parentClipId !== null && clip.continueAt !== null}
              hasWav={Boolean(clip.formats.wav)}
              hasVideo={Boolean(clip.formats.video)}
            />
          ) : null}

          <TimedLyricsPanel clipId={clip.id} lyrics={clip.lyrics} track={clip.lyrics ? (track ?? null) : null} queue={queue}>
            <Lyrics text={clip.lyrics} emptyLabel={t("noLyrics")} />
          </TimedLyricsPanel>

          <div className="grid grid-cols-1 gap-4 md:grid-cols-2">
            <RelatedClips title={t("otherTake")} clips={takes} untitled={untitled} testId="sibling-takes" />
            <RelatedClips
              title={clip.continueAt !== null ? t("extendedFrom") : t("madeFrom")}
              note={clip.continueAt !== null ? t("continuesAt", { time: formatClock(clip.continueAt) }) : undefined}
              clips={parent ? [parent] : []}
              untitled={untitled}
              testId="lineage-parent"
            />
            <RelatedClips title={t("extensions")} clips={extensions} untitled={untitled} testId="lineage-extensions" />
            {segments.length > 0 ? <RelatedClips title={t("segments")} clips={segments} untitled={untitled} testId="lineage-segments" /> : null}
          </div>
        </div>
        <dl className="card grid grid-cols-[auto_1fr] gap-x-4 gap-y-2 self-start p-4 text-sm lg:col-start-1 lg:row-start-2">
          <dt className="muted">{t("facts.creator")}</dt>
          <dd className="min-w-0 truncate">
            <Link href={`/members/${clip.owner.id}`} className="font-medium hover:text-accent-600 hover:underline" data-testid="clip-creator">
              {clip.owner.name}
            </Link>
          </dd>
          <dt className="muted">{t("facts.model")}</dt>
          <dd>{clip.model}</dd>
          <dt className="muted">{t("facts.duration")}</dt>
          <dd className="tabular-nums">{formatClock(clip.duration)}</dd>
          <dt className="muted">{t("facts.provider")}</dt>
          <dd className="min-w-0 truncate">{providerName}</dd>
          <dt className="muted">{t("facts.created")}</dt>
          <dd>
            <LocalTime iso={clip.createdAt} />
          </dd>
        </dl>
      </article>
    </ClientMessages>
  );
}
