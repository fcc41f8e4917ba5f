import type { Messages } from "./catalog";

// Slices of a catalogue for the browser. Kept apart from catalog.ts, which imports
// every JSON file: client components import this module, and must not pull those in.

export type Tree = { [key: string]: string | Tree };

/** Dotted paths to every group of messages ("tasks", "tasks.status", …), never to a single string. */
type GroupPaths<T, Prefix extends string = ""> = {
  [K in keyof T & string]: T[K] extends string ? never : `${Prefix}${K}` | GroupPaths<T[K], `${Prefix}${K}.`>;
}[keyof T & string];
export type MessagePath = GroupPaths<Messages>;

/**
 * The slice of a catalogue that client components need: only the named groups, with
 * their parents kept so `useTranslations("tasks.status")` finds them. Pages hand the
 * browser this instead of every string of the app, which kept the RSC payload (and
 * so every page's render) half as heavy (PERF-3).
 */
export function pickMessages(messages: Messages, paths: readonly MessagePath[]): Partial<Messages> {
  const out: Tree = {};
  for (const p of paths) {
    const parts = p.split(".");
    let from: string | Tree = messages as unknown as Tree;
    let to = out;
    parts.forEach((part, i) => {
      from = (from as Tree)[part];
      if (from === undefined) throw new Error(`No messages at "${p}"`);
      if (i === parts.length - 1) to[part] = mergeMessages(to[part] as Tree | undefined, from as Tree);
      // Copy on the way down: a group taken whole is the shared catalogue object itself.
      else to = to[part] = { ...((to[part] as Tree | undefined) ?? {}) };
    });
  }
  return out as Partial<Messages>;
}

/** Deep merge of two message trees; `extra` wins on conflicts. */
export function mergeMessages<T extends Tree>(base: T | undefined, extra: T): T {
  if (!base) return extra;
  const out: Tree = { ...base };
  for (const [key, value] of Object.entries(extra)) {
    const current = out[key];
    out[key] = typeof value === "object" && typeof current === "object" ? mergeMessages(current, value) : value;
  }
  return out as T;
}
