// Password hashes in flight, process-wide (SEC-14). Each scrypt holds 128 MiB and a
// libuv worker thread for about half a second, so a flood of sign-ins, wrong or
// unknown alike, could exhaust memory and stall every other request. Past the cap an
// attempt is turned away at once (429) instead of queueing. Browsers that signed in
// before get a slot of their own, so a flood from elsewhere cannot keep them out.

export const HASH_SLOTS = 2;
export const KNOWN_DEVICE_SLOTS = 1;

// On globalThis: Next.js bundles the sign-in route and the server actions separately,
// and the cap is for the whole process.
const holder = globalThis as typeof globalThis & { __songloftHashesInFlight?: number };

/** Takes a slot, or null when the cap is reached; call the returned function when done. */
export function takeHashSlot(knownDevice: boolean): (() => void) | null {
  const inFlight = holder.__songloftHashesInFlight ?? 0;
  if (inFlight >= HASH_SLOTS + (knownDevice ? KNOWN_DEVICE_SLOTS : 0)) return null;
  holder.__songloftHashesInFlight = inFlight + 1;
  let released = false;
  return () => {
    if (released) return;
    released = true;
    holder.__songloftHashesInFlight = (holder.__songloftHashesInFlight ?? 1) - 1;
  };
}
