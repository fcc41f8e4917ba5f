"use client";

import type { ReactNode } from "react";
import { useTranslations } from "use-intl";
import { CharCount } from "./char-count";

interface TextFieldProps {
  name: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  max: number;
  errors?: string[];
  placeholder?: string;
  rows?: number;
  /** Extra controls on the label row (e.g. "Write lyrics for me"). */
  action?: ReactNode;
  autoFocus?: boolean;
}

/** A labelled input or textarea with a live character counter and its field errors in place. */
export function TextField({ name, label, value, onChange, max, errors, placeholder, rows, action, autoFocus }: TextFieldProps) {
  const t = useTranslations("create.errors");
  const id = `create-${name}`;
  const invalid = Boolean(errors?.length) || value.length > max;
  const described = [`${id}-count`, errors?.length ? `${id}-error` : null].filter(Boolean).join(" ");
  const common = {
    id,
    name,
    value,
    placeholder,
    autoFocus,
    className: "input",
    "aria-invalid": invalid,
    "aria-describedby": described,
  };
  return (
    <div className="relative">
      <div className="mb-1 flex items-end justify-between gap-2">
        <label htmlFor={id} className="label mb-0">
          {label}
        </label>
        <div className="flex items-center gap-3">
          {action}
          <CharCount id={`${id}-count`} value={value} max={max} />
        </div>
      </div>
      {rows ? (
        <textarea {...common} rows={rows} onChange={(e) => onChange(e.target.value)} className="input resize-y leading-relaxed" />
      ) : (
        <input {...common} type="text" onChange={(e) => onChange(e.target.value)} />
      )}
      {errors?.length ? (
        <p id={`${id}-error`} className="field-error" role="alert">
          {errors.map((e) => (t.has(e) ? t(e) : e)).join(" ")}
        </p>
      ) : null}
    </div>
  );
}
