"use client";

import Link from "next/link";
import { useActionState, useState } from "react";
import { useTranslations } from "use-intl";
import { Field, FormError } from "@/app/_components/form";
import { Spinner } from "@/app/_components/spinner";
import { useKeyedSubmit } from "@/app/(studio)/_create/use-keyed-submit";
import type { Capability } from "@/lib/domain";
import { clipOperationAction, personaAction } from "./actions";

interface Props {
  clipId: string;
  capabilities: Capability[];
  /** The clip continues another one: it can be joined into the whole song. */
  isExtension: boolean;
  hasWav: boolean;
  hasVideo: boolean;
}

/**
 * "More with this song": only what the clip's provider can do is offered. Each button
 * starts a task and opens its page; an error (the vendor refused, the clip is not
 * finished) appears here.
 */
export function ClipOperations({ clipId, capabilities, isExtension, hasWav, hasVideo }: Props) {
  const t = useTranslations("clip.operations");
  const [state, dispatch, pending] = useActionState(clipOperationAction, {});
  const [busy, setBusy] = useState<string | null>(null);
  const keyed = useKeyedSubmit();
  const can = (c: Capability) => capabilities.includes(c);
  const buttons = [
    { op: "concat", show: can("concat") && isExtension, label: t("concat"), hint: t("concatHint") },
    { op: "stems", show: can("stems"), label: t("stems"), hint: t("stemsHint") },
    { op: "wav", show: can("wav") && !hasWav, label: t("wav"), hint: t("wavHint") },
    { op: "video", show: can("video") && !hasVideo, label: t("video"), hint: t("videoHint") },
  ].filter((b) => b.show);
  if (buttons.length === 0 && !can("cover") && !can("persona")) return null;

  return (
    <section className="card space-y-4 p-4" aria-labelledby="operations-heading" data-testid="clip-operations">
      <h2 id="operations-heading" className="text-sm font-semibold">
        {t("title")}
      </h2>
      <FormError error={state.formError} />
      <div className="flex flex-wrap gap-2">
        {can("cover") ? (
          <Link href={`/clips/${clipId}/cover`} className="btn-secondary" data-testid="operation-cover" title={t("coverHint")}>
            {t("cover")}
          </Link>
        ) : null}
        {buttons.map((b) => (
          <form
            key={b.op}
            onSubmit={(event) => {
              setBusy(b.op);
              keyed.renew();
              keyed.submitWith(dispatch)(event);
            }}
          >
            <input type="hidden" name="clipId" value={clipId} />
            <input type="hidden" name="operation" value={b.op} />
            <button type="submit" className="btn-secondary" disabled={pending} aria-busy={pending && busy === b.op} title={b.hint} data-testid={`operation-${b.op}`}>
              {pending && busy === b.op ? <Spinner /> : null}
              {b.label}
            </button>
          </form>
        ))}
      </div>
      {can("persona") ? <PersonaForm clipId={clipId} /> : null}
    </section>
  );
}

function PersonaForm({ clipId }: { clipId: string }) {
  const t = useTranslations("clip.operations");
  const [state, dispatch, pending] = useActionState(personaAction, {});
  const submit = useKeyedSubmit().submitWith(dispatch);
  const errors = state.fieldErrors ?? {};
  return (
    <details className="rounded-lg border border-zinc-200 p-3 dark:border-zinc-800" open={Boolean(state.fieldErrors || state.formError)}>
      <summary className="cursor-pointer text-sm font-medium" data-testid="operation-persona">
        {t("persona")}
      </summary>
      <form onSubmit={submit} className="mt-3 space-y-3" noValidate data-testid="persona-form">
        <p className="text-xs muted">{t("personaHint")}</p>
        <input type="hidden" name="clipId" value={clipId} />
        <FormError error={state.formError} />
        <Field label={t("personaName")} name="name" id="persona-name" maxLength={60} defaultValue={state.values?.name} errors={errors.name} required />
        <Field label={t("personaDescription")} name="description" id="persona-description" maxLength={500} defaultValue={state.values?.description} errors={errors.description} />
        <button type="submit" className="btn-primary" disabled={pending} aria-busy={pending} data-testid="persona-submit">
          {pending ? <Spinner /> : null}
          {t("personaSubmit")}
        </button>
      </form>
    </details>
  );
}
