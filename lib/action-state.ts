// What a server action answers a form or a button with. Isomorphic on purpose: server
// actions build it and client components read it, so it imports nothing from the server.
// Errors are catalogue keys (full paths such as "common.errors.conflict") with optional
// parameters; the page translates them, so a form never shows the server's English.

export interface Message {
  key: string;
  params?: Record<string, string | number>;
}

export type ActionState<T extends object = object> = {
  ok?: boolean;
  fieldErrors?: Record<string, Message[]>;
  formError?: Message;
  /** The submitted text fields, so a failed form keeps what was typed (never passwords). */
  values?: Record<string, string>;
} & Partial<T>;

/** What a form shows for a failure it cannot explain better. */
export const UNEXPECTED: Message = { key: "common.errors.unexpected" };

/**
 * Field errors from a schema or a service name keys inside one catalogue group (the
 * API returns them as they are); a form gets them as full paths in that group.
 */
export function fieldMessages(group: string, errors: Record<string, string[]>): Record<string, Message[]> {
  return Object.fromEntries(Object.entries(errors).map(([field, keys]) => [field, keys.map((key) => ({ key: `${group}.${key}` }))]));
}
