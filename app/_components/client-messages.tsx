import type { ReactNode } from "react";
import { getMessages } from "@/lib/i18n/server";
import { pickMessages, type MessagePath } from "@/lib/i18n/slice";
import { MoreMessages } from "./intl-provider";

/**
 * Sends the browser the message groups its client components below use, and no
 * more. Each layout and page names its own; `client-messages.test.ts` checks the
 * names against the `useTranslations` calls each page can reach.
 */
export async function ClientMessages({ paths, children }: { paths: readonly MessagePath[]; children: ReactNode }) {
  return <MoreMessages messages={pickMessages(await getMessages(), paths)}>{children}</MoreMessages>;
}
