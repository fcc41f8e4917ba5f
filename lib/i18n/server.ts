import { cookies, headers } from "next/headers";
import { cache } from "react";
import { _createCache, _createIntlFormatters, createTranslator } from "use-intl/core";
import { currentUser } from "@/lib/server/auth/session";
import { catalogs, type Messages } from "./catalog";
import { isLocale, LOCALE_COOKIE, localeFromAcceptLanguage, type Locale } from "./locales";

/** The request's language: the settings choice (cookie, then profile), else Accept-Language. */
export const getLocale = cache(async (): Promise<Locale> => {
  const fromCookie = (await cookies()).get(LOCALE_COOKIE)?.value;
  if (isLocale(fromCookie)) return fromCookie;
  const user = await currentUser().catch(() => null);
  if (isLocale(user?.locale)) return user.locale;
  return localeFromAcceptLanguage((await headers()).get("accept-language"));
});

export async function getMessages(): Promise<Messages> {
  return catalogs[await getLocale()];
}

// One formatter cache for the process: the catalogues never change while it runs, and
// a translator's own cache would parse each ICU message again on every request
// (PERF-3). Entries are keyed by message text, locale and formats, so they are shared
// safely between requests and languages, and bounded by the catalogue's size.
const intlCache = _createCache();
const formatters = _createIntlFormatters(intlCache);

export async function getT<N extends keyof Messages>(namespace: N) {
  const locale = await getLocale();
  return createTranslator({ locale, messages: catalogs[locale] as Messages, namespace, _cache: intlCache, _formatters: formatters });
}
