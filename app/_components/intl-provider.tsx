"use client";

import { useMemo, type ReactNode } from "react";
import { IntlErrorCode, IntlProvider, useLocale, useMessages, type IntlError } from "use-intl";
import { mergeMessages, type Tree } from "@/lib/i18n/slice";

// A missing string renders as its key; say so in the console, where a browser test
// (and a curious operator) will see it. Other use-intl complaints are noise here.
function reportMissing(error: IntlError) {
  if (error.code === IntlErrorCode.MISSING_MESSAGE) console.error(`[songloft] ${error.message}`);
}

/** Hands the request's locale and the app-wide strings to client components. */
export function ClientIntl({ locale, messages, children }: { locale: string; messages: object; children: ReactNode }) {
  return (
    <IntlProvider locale={locale} messages={messages as Tree} timeZone="UTC" onError={reportMissing}>
      {children}
    </IntlProvider>
  );
}

/** Adds a page's or layout's own strings to those of the providers above it. */
export function MoreMessages({ messages, children }: { messages: object; children: ReactNode }) {
  const locale = useLocale();
  const parent = useMessages() as Tree;
  const merged = useMemo(() => mergeMessages(parent, messages as Tree), [parent, messages]);
  return (
    <IntlProvider locale={locale} messages={merged} timeZone="UTC" onError={reportMissing}>
      {children}
    </IntlProvider>
  );
}
