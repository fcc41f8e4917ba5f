"use client";

import { useFormStatus } from "react-dom";
import { useTranslations } from "use-intl";
import type { InputHTMLAttributes, ReactNode } from "react";
import { UNEXPECTED, type Message } from "@/lib/action-state";

/**
 * Turns an action's error keys into the reader's language. A key the page was not sent
 * reads as the generic failure: a form never shows the server's own words.
 */
export function useMessageText(): (message: Message) => string {
  const t = useTranslations();
  return (message) => (t.has(message.key) ? t(message.key, message.params) : t(UNEXPECTED.key));
}

export function Field({
  label,
  name,
  errors,
  hint,
  id: givenId,
  ...input
}: { label: string; name: string; errors?: Message[]; hint?: ReactNode } & InputHTMLAttributes<HTMLInputElement>) {
  const text = useMessageText();
  // Pass an id when two forms on one page share a field name (profile name, token name).
  const id = givenId ?? `field-${name}`;
  const invalid = Boolean(errors?.length);
  return (
    <div>
      <label htmlFor={id} className="label">
        {label}
      </label>
      <input id={id} name={name} className="input" aria-invalid={invalid} aria-describedby={invalid ? `${id}-error` : undefined} {...input} />
      {hint && !invalid ? <p className="mt-1 text-xs muted">{hint}</p> : null}
      {invalid ? (
        <p id={`${id}-error`} className="field-error" role="alert">
          {errors!.map(text).join(" ")}
        </p>
      ) : null}
    </div>
  );
}

export function FormError({ error }: { error?: Message }) {
  const text = useMessageText();
  if (!error) return null;
  return (
    <p
      role="alert"
      data-testid="form-error"
      className="rounded-lg border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-700 dark:border-red-900 dark:bg-red-950/50 dark:text-red-300"
    >
      {text(error)}
    </p>
  );
}

export function SubmitButton({ children, className = "btn-primary", ...rest }: { children: ReactNode; className?: string } & React.ButtonHTMLAttributes<HTMLButtonElement>) {
  const { pending } = useFormStatus();
  return (
    <button type="submit" className={className} disabled={pending} aria-busy={pending} {...rest}>
      {children}
    </button>
  );
}
