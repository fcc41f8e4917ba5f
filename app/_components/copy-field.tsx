"use client";

import { useState } from "react";
import { useTranslations } from "use-intl";

/**
 * A value shown once to be copied (a link, a token, a secret, embed code): a read-only
 * field that selects itself on focus, and a Copy button that says when it worked.
 */
export function CopyField({ value, label, testId }: { value: string; label: string; testId: string }) {
  const t = useTranslations("common");
  const [copied, setCopied] = useState(false);
  return (
    <div className="flex gap-2">
      <input readOnly value={value} aria-label={label} className="input font-mono text-xs" data-testid={testId} onFocus={(e) => e.currentTarget.select()} />
      <button
        type="button"
        className="btn-secondary"
        onClick={() =>
          navigator.clipboard?.writeText(value).then(
            () => setCopied(true),
            () => setCopied(false),
          )
        }
      >
        {copied ? t("copied") : t("copy")}
      </button>
    </div>
  );
}
