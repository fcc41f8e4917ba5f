import { setTimeout as sleep } from "node:timers/promises";

/**
 * Resolves with the condition's first truthy value, checking every `intervalMs`; throws
 * once `timeoutMs` passes. For tests that wait on something happening elsewhere (another
 * process, a socket, a background loop) rather than for time to pass.
 */
export async function waitFor<T>(condition: () => T | Promise<T>, { timeoutMs = 5_000, intervalMs = 10, what = "condition" } = {}): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await condition();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`${what} did not hold within ${timeoutMs} ms`);
    await sleep(intervalMs);
  }
}
