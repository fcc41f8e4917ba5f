import { z } from "zod";
import type { VendorBalance } from "./types";
import type { VendorHttp } from "./vendor-http";

// The account balance on a new-api gateway: its OpenAI-compatible billing pair, read
// with the same API key [C QuantumNous/new-api controller/billing.go, new-api docs
// "Account Billing Dashboard"]. `hard_limit_usd` is everything the key (or its user)
// was given, `total_usage` what it used, in hundredths; left = limit − usage / 100.
// Both are in the gateway's display unit: USD unless its owner switched the site to
// CNY or raw tokens, which the answer does not say [I]. An unlimited token reports
// 100,000,000: no balance to watch. nengyongai runs a new-api style gateway, so it is
// assumed to answer the same [I]. A failure answers HTTP 200 with `{error}`, which
// the schemas below refuse as an unreadable answer.

const UNLIMITED = 100_000_000;

const subscriptionSchema = z.looseObject({ hard_limit_usd: z.number() });
const usageSchema = z.looseObject({ total_usage: z.number() });

export async function fetchNewapiBalance(http: VendorHttp, timeoutMs: number): Promise<VendorBalance | null> {
  const { data: subscription } = await http.request({ method: "GET", path: "/v1/dashboard/billing/subscription", timeoutMs, schema: subscriptionSchema });
  if (subscription.hard_limit_usd >= UNLIMITED) return null;
  const { data: usage } = await http.request({ method: "GET", path: "/v1/dashboard/billing/usage", timeoutMs, schema: usageSchema });
  const left = subscription.hard_limit_usd - usage.total_usage / 100;
  return { amount: Math.round(left * 100) / 100, unit: "USD" };
}
