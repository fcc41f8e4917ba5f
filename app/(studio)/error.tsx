"use client";

import { ErrorCard } from "@/app/_components/error-card";

// A studio page that fails to render keeps the studio around it: header, navigation
// and the player, which may be playing. So this fits inside the layout's <main>.
export default function StudioError({ retry }: { error: unknown; retry: () => void }) {
  return (
    <div className="flex min-h-[50vh] items-center justify-center">
      <ErrorCard retry={retry} />
    </div>
  );
}
