import { NotFoundMessage } from "@/app/_components/not-found-message";

// /setup once an owner exists, an unknown invite: the sign-in layout already gives the
// page its main, its logo and its card, so only the message goes inside.
export default function AuthNotFound() {
  return <NotFoundMessage />;
}
