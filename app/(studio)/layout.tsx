import Link from "next/link";
import type { ReactNode } from "react";
import { ClientMessages } from "@/app/_components/client-messages";
import { Logo } from "@/app/_components/logo";
import { NavLink } from "@/app/_components/nav-link";
import { TaskNotifier } from "@/app/_components/notifications/task-notifier";
import { MiniPlayerSlot } from "@/app/_components/player/mini-player-slot";
import { PlayerProvider } from "@/app/_components/player/player-provider";
import { signOutAction } from "@/app/(auth)/actions";
import { getT } from "@/lib/i18n/server";
import { requirePageUser } from "@/lib/server/auth/session";

// Every page below also calls requirePageUser itself: layouts are not re-run on
// client navigation, so they can never be the access check.
export default async function StudioLayout({ children }: { children: ReactNode }) {
  const user = await requirePageUser();
  const t = await getT("common");
  return (
    // The player lives here, above the pages, so a song keeps playing while people browse.
    <ClientMessages paths={["player", "notifications.toast", "tasks.errors", "playlists.add", "playlists.errors"]}>
      <PlayerProvider>
        <div className="flex min-h-screen flex-col">
          {/* The first stop for the keyboard: past the header's links straight to the page. */}
          <a
            href="#main"
            className="sr-only z-50 rounded-lg bg-white px-4 py-2 text-sm font-medium text-zinc-900 shadow-lg focus:not-sr-only focus:fixed focus:top-2 focus:left-2 dark:bg-zinc-900 dark:text-zinc-100"
          >
            {t("nav.skipToContent")}
          </a>
          <header className="sticky top-0 z-20 border-b border-zinc-200 bg-white/85 backdrop-blur dark:border-zinc-800 dark:bg-zinc-950/85">
            <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-4 gap-y-2 px-4 py-2.5">
              <Link href="/" className="mr-2">
                <Logo />
              </Link>
              {/* On phones the links take their own row and scroll sideways instead of wrapping. */}
              <nav aria-label={t("nav.label")} className="order-last -mx-1 flex w-full items-center gap-1 overflow-x-auto px-1 md:order-none md:mx-0 md:w-auto md:flex-1 md:px-0">
                <NavLink href="/">{t("nav.create")}</NavLink>
                <NavLink href="/library">{t("nav.library")}</NavLink>
                <NavLink href="/team">{t("nav.team")}</NavLink>
                <NavLink href="/playlists">{t("nav.playlists")}</NavLink>
                <NavLink href="/tasks">{t("nav.tasks")}</NavLink>
                <NavLink href="/settings">{t("nav.settings")}</NavLink>
                {user.role === "admin" ? <NavLink href="/admin">{t("nav.admin")}</NavLink> : null}
              </nav>
              <div className="ml-auto flex items-center gap-3 text-sm">
                <span className="max-w-32 truncate font-medium sm:max-w-40" data-testid="current-user">
                  {user.name}
                </span>
                <form action={signOutAction}>
                  <button type="submit" className="btn-secondary py-1.5">
                    {t("nav.signOut")}
                  </button>
                </form>
              </div>
            </div>
          </header>
          <main id="main" tabIndex={-1} className="mx-auto w-full max-w-6xl flex-1 px-4 py-6 pb-28 outline-none">
            {children}
          </main>
        </div>
        <MiniPlayerSlot />
        {/* Told on any page when one of the member's tasks finishes. */}
        <TaskNotifier />
      </PlayerProvider>
    </ClientMessages>
  );
}
