import type { Metadata, Viewport } from "next";
import type { ReactNode } from "react";
import { ClientIntl } from "@/app/_components/intl-provider";
import { getLocale, getMessages } from "@/lib/i18n/server";
import { pickMessages } from "@/lib/i18n/slice";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Songloft", template: "%s · Songloft" },
  description: "A self-hosted studio for AI music.",
  robots: { index: false, follow: false },
};

export const viewport: Viewport = {
  themeColor: [
    { media: "(prefers-color-scheme: light)", color: "#fafafa" },
    { media: "(prefers-color-scheme: dark)", color: "#09090b" },
  ],
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  const locale = await getLocale();
  const messages = await getMessages();
  return (
    <html lang={locale}>
      <body className="min-h-screen font-sans">
        {/* App-wide strings only; layouts and pages add their own with <ClientMessages>. */}
        <ClientIntl locale={locale} messages={pickMessages(messages, ["common"])}>
          {children}
        </ClientIntl>
      </body>
    </html>
  );
}
