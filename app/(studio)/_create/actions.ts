"use server";

import { fieldMessages, type ActionState } from "@/lib/action-state";
import type { TaskDto } from "@/lib/dto";
import { isAppError } from "@/lib/errors";
import { generationBodySchema, idempotencyKeySchema, lyricsBodySchema } from "@/lib/schemas/generate";
import { requireActionUser, requireUser } from "@/lib/server/auth/session";
import { fieldErrors } from "@/lib/validation";
import { formRecord, parseRecord, toActionState } from "@/lib/server/form";
import { submitGeneration, submitLyrics } from "@/lib/server/services/generate";
import { getQuotaStatus } from "@/lib/server/services/quotas";
import type { QuotaStatus } from "@/lib/schemas/quotas";

/** The generation schemas' field errors are keys in this catalogue group. */
const FIELDS = "create.errors";

export type CreateState = ActionState<{
  /** The submitted task (also when the vendor refused it: the card explains why). */
  task: TaskDto;
  /** The key was already spent on a different request: the form takes a new one. */
  renewKey: boolean;
}>;

function keyFrom(value: unknown): string | undefined {
  const parsed = idempotencyKeySchema.safeParse(value);
  return parsed.success ? parsed.data : undefined;
}

const ADVANCED = ["vocalGender", "weirdness", "styleInfluence"] as const;

/** The form posts the advanced knobs as plain fields; the request nests them under `advanced` when any is set. */
function withAdvanced(form: FormData): Record<string, unknown> {
  const record = formRecord(generationBodySchema, form);
  const advanced = Object.fromEntries(ADVANCED.map((name) => [name, String(form.get(name) ?? "").trim()]).filter(([, value]) => value !== ""));
  return Object.keys(advanced).length > 0 ? { ...record, advanced } : record;
}

/** `advanced.weirdness` in the request is the form's `weirdness` field. */
function flatAdvanced<T>(errors: Record<string, T>): Record<string, T> {
  return Object.fromEntries(Object.entries(errors).map(([key, value]) => [key.replace(/^advanced\./, ""), value]));
}

/** The create form: one task per idempotency key, however often it is posted. */
export async function createSongAction(_prev: CreateState, form: FormData): Promise<CreateState> {
  try {
    const user = await requireUser();
    const parsed = parseRecord(generationBodySchema, withAdvanced(form), FIELDS);
    if ("errors" in parsed) return { fieldErrors: flatAdvanced(parsed.errors) };
    const { task } = await submitGeneration(user, parsed.data, { idempotencyKey: keyFrom(form.get("idempotencyKey")) });
    return { ok: true, task };
  } catch (err) {
    const state: CreateState = toActionState(err, { fields: FIELDS });
    if (state.fieldErrors) state.fieldErrors = flatAdvanced(state.fieldErrors);
    // The person changed the text after a send whose answer they never saw: the next send is a new song.
    return isAppError(err) && err.code === "conflict" ? { ...state, renewKey: true } : state;
  }
}

/** "Write lyrics for me": starts a lyrics task; the browser then follows it to its result. */
export async function writeLyricsAction(input: { provider: string; prompt: string; idempotencyKey: string }): Promise<ActionState<{ task: TaskDto }>> {
  try {
    const user = await requireUser();
    const parsed = lyricsBodySchema.safeParse({ provider: input?.provider, prompt: input?.prompt });
    if (!parsed.success) return { fieldErrors: fieldMessages(FIELDS, fieldErrors(parsed.error)) };
    const { task } = await submitLyrics(user, parsed.data, { idempotencyKey: keyFrom(input?.idempotencyKey) });
    return { ok: true, task };
  } catch (err) {
    return toActionState(err, { fields: FIELDS });
  }
}

/** What is left of the member's songs, read again after each send (the create page's counter). A signed-out caller is sent to sign in, like every action (SEC-1). */
export async function myQuotaAction(): Promise<QuotaStatus> {
  return getQuotaStatus(await requireActionUser());
}
