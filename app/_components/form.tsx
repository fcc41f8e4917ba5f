"use client";

import { useFormStatus } from "react-dom";
import { useTranslations } from "use-intl";
import type { InputHTMLAttributes, ReactNode } from "react";

/** Result of a form server action consumed by useActionState. Errors are catalogue keys. */
export type FormState = {
  ok?: boolean;
  fieldErrors?: Record<string, string[]>;
  formError?: string;
  values?: Record<string, string>;
  message?: string;
};

export function Field({
  label,
  name,
  errors,
  hint,
  id: givenId,
  ...input
}: { label: string; name: string; errors?: string[]; hint?: ReactNode } & InputHTMLAttributes<HTMLInputElement>) {
  const t = useTranslations("auth.errors");
  // Pass an id when two forms on one page share a field name (profile name, token name).
  const id = givenId ?? `field-${name}`;
  const invalid = Boolean(errors?.length);
  return (
    <div>
      <label htmlFor={id} className="label">
        {label}
      </label>
      <input
        id={id}
        name={name}
        className="input"
        aria-invalid={invalid}
        aria-describedby={invalid ? `${id}-error` : undefined}
        {...input}
      />
      {hint && !invalid ? <p className="mt-1 text-xs muted">{hint}</p> : null}
      {invalid ? (
        <p id={`${id}-error`} className="field-error" role="alert">
          {errors!.map((e) => (t.has(e) ? t(e) : e)).join(" ")}
        </p>
      ) : null}
    </div>
  );
}

export function FormError({ error }: { error?: string }) {
  const t = useTranslations("auth.errors");
  if (!error) return null;
  return (
    <p role="alert" data-testid="form-error" className="rounded-lg border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-700 dark:border-red-900 dark:bg-red-950/50 dark:text-red-300">
      {t.has(error) ? t(error) : error}
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
