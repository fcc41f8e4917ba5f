import type { Viewer } from "@/lib/domain";
import { AppError } from "@/lib/errors";
import { recordProviderBalance, setProviderBalanceWarning } from "@/lib/server/data/provider-balance";
import { getProviderRow, listProviderRows } from "@/lib/server/data/providers";
import type { ProviderRow } from "@/lib/server/db/schema";
import { logger } from "@/lib/server/logger";
import { adapterFor, redactProviderKey } from "@/lib/server/providers/registry";
import { VendorError } from "@/lib/server/providers/types";

// Vendor balances (issue 14, item 3): read in the background every BALANCE_EVERY_MS
// and when an admin asks, stored on the provider row, shown under Admin → Providers
// with a warning below the admin's threshold. Never read while a member's request or
// the poller waits: a slow billing endpoint delays nothing but this refresher.

export const BALANCE_EVERY_MS = 15 * 60_000;
/** The first reading after start, once the server has settled. */
const FIRST_AFTER_MS = 10_000;

export interface ProviderBalanceDto {
  /** Whether the provider's protocol reports a balance at all. */
  supported: boolean;
  amount: number | null;
  unit: string | null;
  checkedAt: string | null;
  warnBelow: number | null;
  /** Below the admin's threshold. */
  low: boolean;
}

export function balanceOf(row: ProviderRow): ProviderBalanceDto {
  let supported = false;
  try {
    supported = typeof adapterFor(row).fetchBalance === "function";
  } catch {
    supported = false; // an adapter that cannot be built reports nothing
  }
  return {
    supported,
    amount: row.balance,
    unit: row.balanceUnit,
    checkedAt: row.balanceCheckedAt?.toISOString() ?? null,
    warnBelow: row.balanceWarnBelow,
    low: row.balance !== null && row.balanceWarnBelow !== null && row.balance < row.balanceWarnBelow,
  };
}

/** Reads and stores one provider's balance; a failure keeps the last reading and says why. */
async function refreshOne(row: ProviderRow): Promise<{ ok: boolean; message?: string }> {
  const adapter = adapterFor(row);
  if (!adapter.fetchBalance) return { ok: false, message: "This provider does not report a balance." };
  try {
    recordProviderBalance(row.id, await adapter.fetchBalance(), new Date());
    return { ok: true };
  } catch (err) {
    const message = redactProviderKey(row.id, err instanceof VendorError ? err.vendorMessage : String(err));
    logger.warn("reading a vendor balance failed", { providerId: row.id, code: err instanceof VendorError ? err.code : "internal", message });
    return { ok: false, message };
  }
}

/** Every enabled provider that reports a balance, one after another (a handful of GETs). */
export async function refreshProviderBalances(): Promise<void> {
  for (const row of listProviderRows()) {
    if (row.enabled) await refreshOne(row);
  }
}

type Actor = Pick<Viewer, "role">;

function assertAdmin(actor: Actor) {
  if (actor.role !== "admin") throw new AppError("forbidden", "Only admins can manage providers.", { key: "providers.errors.forbidden" });
}

/** "Check now" under Admin → Providers: the admin asked and waits for this one reading. */
export async function refreshProviderBalanceForAdmin(actor: Actor, id: string): Promise<{ ok: boolean; message?: string }> {
  assertAdmin(actor);
  const row = getProviderRow(id);
  if (!row) throw new AppError("not_found", "Provider not found.", { key: "providers.errors.notFound" });
  return refreshOne(row);
}

/** The threshold below which the balance shows a warning (null: never warn). */
export function setBalanceWarningForAdmin(actor: Actor, id: string, warnBelow: number | null) {
  assertAdmin(actor);
  if (!setProviderBalanceWarning(id, warnBelow)) throw new AppError("not_found", "Provider not found.", { key: "providers.errors.notFound" });
}

/** Providers whose balance is below their threshold, for the admin pages' warning. */
export function listLowBalanceProviders(actor: Actor): { id: string; name: string; amount: number; unit: string | null }[] {
  assertAdmin(actor);
  return listProviderRows()
    .filter((r) => r.enabled && r.balance !== null && r.balanceWarnBelow !== null && r.balance < r.balanceWarnBelow)
    .map((r) => ({ id: r.id, name: r.name, amount: r.balance!, unit: r.balanceUnit }));
}

// One refresher per process, on globalThis like the poller (instrumentation and route
// handlers are bundled apart). Its timer never keeps the process alive.
const holder = globalThis as typeof globalThis & { __songloftBalances?: { timers: NodeJS.Timeout[]; running: boolean } };

export function startBalanceRefresher(everyMs = BALANCE_EVERY_MS) {
  if (holder.__songloftBalances) return;
  const state = { timers: [] as NodeJS.Timeout[], running: false };
  const run = () => {
    if (state.running) return; // a slow vendor: the next round waits for this one
    state.running = true;
    refreshProviderBalances()
      .catch((err: unknown) => logger.error("refreshing vendor balances failed", { err }))
      .finally(() => (state.running = false));
  };
  state.timers.push(setTimeout(run, Math.min(FIRST_AFTER_MS, everyMs)).unref(), setInterval(run, everyMs).unref());
  holder.__songloftBalances = state;
}

export function stopBalanceRefresher() {
  const state = holder.__songloftBalances;
  if (!state) return;
  for (const timer of state.timers) clearTimeout(timer);
  holder.__songloftBalances = undefined;
}
