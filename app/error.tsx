"use client";

import { ErrorCard } from "@/app/_components/error-card";

// Shown instead of a stack trace when a page outside the studio, or the studio's own
// layout, fails to render. Pages inside the studio have (studio)/error.tsx.
export default function ErrorPage({ retry }: { error: unknown; retry: () => void }) {
  return (
    <main className="flex min-h-[60vh] items-center justify-center px-4">
      <ErrorCard retry={retry} />
    </main>
  );
}
