import { notFound } from "next/navigation";
import { requirePageUser } from "@/lib/server/auth/session";

// PERF-3's yardstick: a signed-in page of the studio layout with nothing of its own,
// so the pages bench can compare /library with the framework's cost for the same
// shell. It exists only when the bench starts the server with SONGLOFT_BENCH=1;
// everywhere else it is a 404 like any unknown path.
export default async function BenchBaselinePage() {
  const user = await requirePageUser("/bench/baseline");
  if (process.env.SONGLOFT_BENCH !== "1") notFound();
  return <p className="text-sm muted">{user.name}</p>;
}
