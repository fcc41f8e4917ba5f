import type { ReactNode } from "react";
import { ClientMessages } from "@/app/_components/client-messages";

// Strings for the admin pages' client components. Each page checks it is an admin
// itself (layouts do not re-run on client navigation).
export default function AdminLayout({ children }: { children: ReactNode }) {
  return <ClientMessages paths={["admin", "providers", "auth.errors"]}>{children}</ClientMessages>;
}
