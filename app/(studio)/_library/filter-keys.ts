// The list filters that live in the URL (/library?q=…&status=…), shared by the form and the pages.
export const FILTER_KEYS = ["q", "status", "model", "provider", "member", "starred", "from", "to"] as const;
export type FilterKey = (typeof FILTER_KEYS)[number];
export type FilterValues = Partial<Record<FilterKey, string>>;
