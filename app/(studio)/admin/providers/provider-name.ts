import type { getT } from "@/lib/i18n/server";

export type ProvidersT = Awaited<ReturnType<typeof getT<"providers">>>;

/** The demo provider is labelled "Demo (offline)" in the reader's language wherever it appears. */
export function displayName(p: { id: string; name: string }, t: ProvidersT): string {
  return p.id === "demo" ? t("demoName") : p.name;
}
