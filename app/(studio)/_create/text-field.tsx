"use client";

import type { ReactNode } from "react";
import { useMessageText } from "@/app/_components/form";
import type { Message } from "@/lib/action-state";
import { CharCount } from "./char-count";

interface TextFieldProps {
  name: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  max: number;
  errors?: Message[];
  placeholder?: string;
  rows?: number;
  /** Extra controls on the label row (e.g. "Write lyrics for me"). */
  action?: ReactNode;
  autoFocus?: boolean;
}

/** A labelled input or textarea with a live character counter and its field errors in place. */
export function TextField({ name, label, value, onChange, max, errors, placeholder, rows, action, autoFocus }: TextFieldProps) {
  const text = useMessageText();
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
          {errors.map(text).join(" ")}
        </p>
      ) : null}
    </div>
  );
}
