"use server";

import { fieldMessages, type ActionState } from "@/lib/action-state";
import type { TaskDto } from "@/lib/dto";
import { isAppError } from "@/lib/errors";
import { generationBodySchema, idempotencyKeySchema, lyricsBodySchema } from "@/lib/schemas/generate";
import { requireUser } from "@/lib/server/auth/session";
import { fieldErrors } from "@/lib/validation";
import { parseForm, toActionState } from "@/lib/server/form";
import { submitGeneration, submitLyrics } from "@/lib/server/services/generate";

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

/** The create form: one task per idempotency key, however often it is posted. */
export async function createSongAction(_prev: CreateState, form: FormData): Promise<CreateState> {
  try {
    const user = await requireUser();
    const parsed = parseForm(generationBodySchema, form, FIELDS);
    if ("errors" in parsed) return { fieldErrors: parsed.errors };
    const { task } = await submitGeneration(user, parsed.data, { idempotencyKey: keyFrom(form.get("idempotencyKey")) });
    return { ok: true, task };
  } catch (err) {
    const state: CreateState = toActionState(err, { fields: FIELDS });
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
