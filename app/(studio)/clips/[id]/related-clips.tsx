import Link from "next/link";
import { MusicIcon } from "@/app/_components/player/icons";
import { formatClock } from "@/app/_components/player/time";
import type { ClipDto } from "@/lib/dto";

/** A short list of linked songs (the other take, the song it extends, its extensions). */
export function RelatedClips({ title, note, clips, untitled, testId }: { title: string; note?: string; clips: ClipDto[]; untitled: string; testId: string }) {
  if (clips.length === 0) return null;
  return (
    <section className="card p-4" data-testid={testId}>
      <h2 className="mb-3 text-sm font-semibold">
        {title}
        {note ? <span className="ml-2 font-normal muted">{note}</span> : null}
      </h2>
      <ul className="space-y-2">
        {clips.map((clip) => (
          <li key={clip.id}>
            <Link href={`/clips/${clip.id}`} className="flex items-center gap-3 rounded-lg p-1.5 transition hover:bg-zinc-50 dark:hover:bg-zinc-800/60">
              <span className="flex h-11 w-11 shrink-0 items-center justify-center overflow-hidden rounded-md bg-linear-to-br from-accent-500 to-sky-500 text-white">
                {clip.imageUrl ? <img src={clip.imageUrl} alt="" loading="lazy" className="h-full w-full object-cover" /> : <MusicIcon className="h-5 w-5" />}
              </span>
              <span className="min-w-0 flex-1">
                <span className="block truncate text-sm font-medium">{clip.title.trim() || untitled}</span>
                <span className="block truncate text-xs muted">{[clip.style, clip.duration ? formatClock(clip.duration) : null].filter(Boolean).join(" · ")}</span>
              </span>
            </Link>
          </li>
        ))}
      </ul>
    </section>
  );
}
