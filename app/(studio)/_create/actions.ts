"use server";

import type { FormState } from "@/app/_components/form";
import type { TaskDto } from "@/lib/dto";
import { isAppError } from "@/lib/errors";
import { generationBodySchema, idempotencyKeySchema, lyricsBodySchema } from "@/lib/schemas/generate";
import { requireUser } from "@/lib/server/auth/session";
import { actionError, parseForm } from "@/lib/server/form";
import { submitGeneration, submitLyrics } from "@/lib/server/services/generate";

export type CreateState = FormState & {
  /** The submitted task (also when the vendor refused it: the card explains why). */
  task?: TaskDto;
  /** The key was already spent on a different request: the form takes a new one. */
  renewKey?: boolean;
};

function keyFrom(value: unknown): string | undefined {
  const parsed = idempotencyKeySchema.safeParse(value);
  return parsed.success ? parsed.data : undefined;
}

/** The create form: one task per idempotency key, however often it is posted. */
export async function createSongAction(_prev: CreateState, form: FormData): Promise<CreateState> {
  try {
    const user = await requireUser();
    const parsed = parseForm(generationBodySchema, form);
    if ("errors" in parsed) return { fieldErrors: parsed.errors };
    const { task } = await submitGeneration(user, parsed.data, { idempotencyKey: keyFrom(form.get("idempotencyKey")) });
    return { ok: true, task };
  } catch (err) {
    // Only a reused key conflicts here: the person changed the text after a send whose answer they never saw.
    if (isAppError(err) && err.code === "conflict") return { formError: "keyReused", renewKey: true };
    return actionError(err);
  }
}

/** The lyrics task, or why it could not start: a catalogue key (create.errors.*) or a message to show as is. */
export type WriteLyricsResult = { task: TaskDto } | { error: string };

/** "Write lyrics for me": starts a lyrics task; the browser then follows it to its result. */
export async function writeLyricsAction(input: { provider: string; prompt: string; idempotencyKey: string }): Promise<WriteLyricsResult> {
  try {
    const user = await requireUser();
    const parsed = lyricsBodySchema.safeParse({ provider: input?.provider, prompt: input?.prompt });
    if (!parsed.success) return { error: parsed.error.issues[0]?.message ?? "unexpected" };
    const { task } = await submitLyrics(user, parsed.data, { idempotencyKey: keyFrom(input?.idempotencyKey) });
    return { task };
  } catch (err) {
    const state = actionError(err);
    return { error: Object.values(state.fieldErrors ?? {})[0]?.[0] ?? state.formError ?? "unexpected" };
  }
}
