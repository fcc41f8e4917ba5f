import type { ReactNode } from "react";
import { ClientMessages } from "@/app/_components/client-messages";

// The song lists (/library, /team, /members/<id>) share their client components:
// filters, rows, Load more, the trash controls and the in-flight tasks' live status.
export default function ListsLayout({ children }: { children: ReactNode }) {
  return <ClientMessages paths={["library", "tasks.status", "tasks.progress"]}>{children}</ClientMessages>;
}
