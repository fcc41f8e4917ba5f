import { requirePageUser } from "@/lib/server/auth/session";

export default async function CreatePage() {
  const user = await requirePageUser("/");
  return <h1 className="text-xl font-semibold">Hello {user.name}</h1>;
}
