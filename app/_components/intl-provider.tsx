"use client";

import { IntlProvider } from "use-intl";
import type { ReactNode } from "react";
import type { Messages } from "@/lib/i18n/catalog";

/** Hands the request's catalogue to client components (useTranslations from "use-intl"). */
export function ClientIntl({ locale, messages, children }: { locale: string; messages: Messages; children: ReactNode }) {
  return (
    <IntlProvider locale={locale} messages={messages} timeZone="UTC" onError={() => {}}>
      {children}
    </IntlProvider>
  );
}
