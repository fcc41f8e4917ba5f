"use client";

import { usePlayer, usePlayerState } from "@/app/_components/player/player-provider";
import { formatClock } from "@/app/_components/player/time";
import { WaveformBars } from "@/app/_components/player/waveform-bars";
import type { ClipCardData } from "../_clip/card-data";
import styles from "./clip-card.module.css";
import type { RowLabels } from "./row-labels";
import { StarButton } from "../_clip/star-button";
import { AddToPlaylist } from "../_playlist/add-to-playlist";
import { TrashControls } from "./trash-controls";

interface Props {
  clip: ClipCardData;
  labels: RowLabels;
  showOwner: boolean;
  trash: boolean;
  onPlay: () => void;
  onRemoved: () => void;
}

/** One song in a list: cover with play, title and style, details, star. Icons are drawn by the row's CSS. */
export function ClipCard({ clip, labels, showOwner, trash, onPlay, onRemoved }: Props) {
  const store = usePlayer();
  const current = usePlayerState((s) => s.queue[s.index]?.id === clip.id);
  const playing = usePlayerState((s) => s.playing) && current;
  const title = clip.title.trim() || labels.untitled;
  const playable = Boolean(clip.audioUrl) && !trash;

  return (
    <li className={current ? `${styles.row} ${styles.current}` : styles.row} data-testid="clip-row">
      <button
        type="button"
        disabled={!playable}
        onClick={() => (current ? store.toggle() : onPlay())}
        aria-label={playing ? labels.pause(title) : labels.play(title)}
        data-testid="clip-row-play"
        data-playing={playing || undefined}
        className={styles.cover}
      >
        {clip.coverUrl ? <img src={clip.coverUrl} alt="" loading="lazy" /> : <span className={styles.note} />}
      </button>

      <div className={styles.main}>
        <div className={styles.head}>
          {trash ? (
            <span className={styles.title}>{title}</span>
          ) : (
            // Plain links: the list navigates them in place (see ClipList), without a
            // <Link> per row to render and mount, and without prefetching every clip page.
            <a href={`/clips/${clip.id}`} className={styles.title} data-testid="clip-row-link">
              {title}
            </a>
          )}
          {clip.state === "succeeded" ? null : <StateBadge state={clip.state} label={labels.states[clip.state]} />}
          {clip.visibility === "private" ? <span className="badge shrink-0">{labels.private}</span> : null}
        </div>
        <p className={styles.style}>{clip.style || labels.noStyle}</p>
      </div>

      {/* One set of details: narrow screens keep the length, wider ones add the rest. */}
      <div className={styles.meta}>
        {showOwner ? (
          <a href={`/members/${clip.owner.id}`} className={styles.owner}>
            {clip.owner.name}
          </a>
        ) : null}
        <span className={`badge ${styles.model}`}>{clip.model}</span>
        <span className={styles.provider}>{clip.providerName}</span>
        {clip.waveform && !trash ? <WaveformBars peaks={clip.waveform} className={styles.wave} /> : null}
        <span className={styles.duration}>{clip.state === "succeeded" ? formatClock(clip.duration) : null}</span>
        <time dateTime={clip.createdAt} className={styles.when}>
          {labels.relative(clip.createdAt)}
        </time>
      </div>

      {trash ? (
        <TrashControls clipId={clip.id} title={title} onDone={onRemoved} />
      ) : (
        <>
          {clip.state === "succeeded" ? <AddToPlaylist clipId={clip.id} label={labels.addToPlaylist(title)} iconOnlyClassName={styles.add} /> : null}
          <StarButton clipId={clip.id} starred={clip.starred} labels={labels.star} iconOnlyClassName={styles.star} />
        </>
      )}
    </li>
  );
}

function StateBadge({ state, label }: { state: ClipCardData["state"]; label: string }) {
  const tone = state === "failed" ? "bg-red-100 text-red-800 dark:bg-red-500/15 dark:text-red-300" : "bg-sky-100 text-sky-800 dark:bg-sky-500/15 dark:text-sky-300";
  return <span className={`badge shrink-0 ${tone}`}>{label}</span>;
}
