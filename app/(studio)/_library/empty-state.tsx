import Link from "next/link";
import { MusicIcon } from "@/app/_components/player/icons";

/** What an empty list says: why it is empty and the one thing to do next. */
export function EmptyState({ title, lead, action }: { title: string; lead: string; action?: { href: string; label: string } }) {
  return (
    <div className="card flex flex-col items-center gap-3 px-6 py-14 text-center" data-testid="empty-state">
      <span className="flex h-12 w-12 items-center justify-center rounded-full bg-accent-100 text-accent-600 dark:bg-accent-600/20 dark:text-accent-100">
        <MusicIcon className="h-6 w-6" />
      </span>
      <p className="text-lg font-semibold">{title}</p>
      <p className="max-w-md text-sm muted">{lead}</p>
      {action ? (
        <Link href={action.href} className="btn-primary mt-2">
          {action.label}
        </Link>
      ) : null}
    </div>
  );
}
