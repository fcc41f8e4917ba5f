import type { ReactNode } from "react";
import { ClientMessages } from "@/app/_components/client-messages";
import { Logo } from "@/app/_components/logo";

export default function AuthLayout({ children }: { children: ReactNode }) {
  return (
    <main className="flex min-h-screen items-center justify-center px-4 py-10">
      <div className="w-full max-w-sm">
        <div className="mb-6 flex justify-center text-xl">
          <Logo />
        </div>
        <div className="card">
          <ClientMessages paths={["auth"]}>{children}</ClientMessages>
        </div>
      </div>
    </main>
  );
}
