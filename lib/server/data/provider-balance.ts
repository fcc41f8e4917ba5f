import { eq } from "drizzle-orm";
import { getDb } from "@/lib/server/db/client";
import { providers } from "@/lib/server/db/schema";

// The vendor balance columns of a provider row. These writes leave updated_at alone:
// it is part of the adapter's cache fingerprint (registry.ts), and a balance reading
// is not a change of the provider's settings.

export function recordProviderBalance(id: string, reading: { amount: number; unit: string } | null, checkedAt: Date) {
  getDb()
    .update(providers)
    .set({ balance: reading?.amount ?? null, balanceUnit: reading?.unit ?? null, balanceCheckedAt: checkedAt })
    .where(eq(providers.id, id))
    .run();
}

/** False when there is no such provider. */
export function setProviderBalanceWarning(id: string, warnBelow: number | null): boolean {
  return getDb().update(providers).set({ balanceWarnBelow: warnBelow }).where(eq(providers.id, id)).run().changes > 0;
}
