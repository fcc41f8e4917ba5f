import type { Locale } from "./locales";

// Every namespace is one JSON file per locale; add a line to both maps when adding one.
import enAdmin from "./messages/en/admin.json";
import enAuth from "./messages/en/auth.json";
import enCommon from "./messages/en/common.json";
import enCreate from "./messages/en/create.json";
import enProviders from "./messages/en/providers.json";
import enSettings from "./messages/en/settings.json";
import enTasks from "./messages/en/tasks.json";
import zhAdmin from "./messages/zh-CN/admin.json";
import zhAuth from "./messages/zh-CN/auth.json";
import zhCommon from "./messages/zh-CN/common.json";
import zhCreate from "./messages/zh-CN/create.json";
import zhProviders from "./messages/zh-CN/providers.json";
import zhSettings from "./messages/zh-CN/settings.json";
import zhTasks from "./messages/zh-CN/tasks.json";

export const catalogs = {
  en: { common: enCommon, auth: enAuth, admin: enAdmin, settings: enSettings, providers: enProviders, create: enCreate, tasks: enTasks },
  "zh-CN": { common: zhCommon, auth: zhAuth, admin: zhAdmin, settings: zhSettings, providers: zhProviders, create: zhCreate, tasks: zhTasks },
} satisfies Record<Locale, Record<string, unknown>>;

export type Messages = (typeof catalogs)["en"];
