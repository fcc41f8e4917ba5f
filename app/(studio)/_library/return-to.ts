import { searchParamsRecord } from "@/lib/schemas/clips";

/** Where to come back to after signing in: the same path with the same filters, so bookmarks survive a login. */
export function returnTo(path: string, searchParams: Record<string, string | string[] | undefined>): string {
  const qs = new URLSearchParams(searchParamsRecord(searchParams)).toString();
  return qs ? `${path}?${qs}` : path;
}
