import type { Locale } from "./locales";

// Every namespace is one JSON file per locale; add a line to both maps when adding one.
import enAdmin from "./messages/en/admin.json";
import enAuth from "./messages/en/auth.json";
import enCommon from "./messages/en/common.json";
import enCreate from "./messages/en/create.json";
import enProviders from "./messages/en/providers.json";
import enSettings from "./messages/en/settings.json";
import enTasks from "./messages/en/tasks.json";
import enLibrary from "./messages/en/library.json";
import enClip from "./messages/en/clip.json";
import enPlayer from "./messages/en/player.json";
import enUsage from "./messages/en/usage.json";
import enNotifications from "./messages/en/notifications.json";
import enPlaylists from "./messages/en/playlists.json";
import zhAdmin from "./messages/zh-CN/admin.json";
import zhAuth from "./messages/zh-CN/auth.json";
import zhCommon from "./messages/zh-CN/common.json";
import zhCreate from "./messages/zh-CN/create.json";
import zhProviders from "./messages/zh-CN/providers.json";
import zhSettings from "./messages/zh-CN/settings.json";
import zhTasks from "./messages/zh-CN/tasks.json";
import zhLibrary from "./messages/zh-CN/library.json";
import zhClip from "./messages/zh-CN/clip.json";
import zhPlayer from "./messages/zh-CN/player.json";
import zhUsage from "./messages/zh-CN/usage.json";
import zhNotifications from "./messages/zh-CN/notifications.json";
import zhPlaylists from "./messages/zh-CN/playlists.json";

export const catalogs = {
  en: {
    common: enCommon,
    auth: enAuth,
    admin: enAdmin,
    settings: enSettings,
    providers: enProviders,
    create: enCreate,
    tasks: enTasks,
    library: enLibrary,
    clip: enClip,
    player: enPlayer,
    usage: enUsage,
    notifications: enNotifications,
    playlists: enPlaylists,
  },
  "zh-CN": {
    common: zhCommon,
    auth: zhAuth,
    admin: zhAdmin,
    settings: zhSettings,
    providers: zhProviders,
    create: zhCreate,
    tasks: zhTasks,
    library: zhLibrary,
    clip: zhClip,
    player: zhPlayer,
    usage: zhUsage,
    notifications: zhNotifications,
    playlists: zhPlaylists,
  },
} satisfies Record<Locale, Record<string, unknown>>;

export type Messages = (typeof catalogs)["en"];
