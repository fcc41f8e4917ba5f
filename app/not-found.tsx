import { Logo } from "@/app/_components/logo";
import { NotFoundMessage } from "@/app/_components/not-found-message";

export default function NotFound() {
  return (
    <main className="flex min-h-screen items-center justify-center px-4">
      <NotFoundMessage>
        <Logo className="mb-6 text-xl" />
      </NotFoundMessage>
    </main>
  );
}
