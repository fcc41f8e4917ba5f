import { describe, expect, it } from "vitest";
import { createTranslator } from "use-intl/core";
import { catalogs } from "@/lib/i18n/catalog";
import { describeTaskError } from "./task-error";

// Loosely typed, like the client's useTranslations("tasks") that describeTaskError takes.
type Loose = Record<string, any>; // what use-intl gives an untyped client
const en = createTranslator({ locale: "en", messages: catalogs.en as Loose, namespace: "tasks" });
const zh = createTranslator({ locale: "zh-CN", messages: catalogs["zh-CN"] as Loose, namespace: "tasks" });

describe("describeTaskError", () => {
  it("uses the server's sentence when it says the same thing and more", () => {
    const error = { code: "moderation", message: "The prompt was refused by moderation: artist name" };
    expect(describeTaskError(en, error)).toEqual({ headline: "The prompt was refused by moderation: artist name", detail: null });
  });

  it("says it once when the server's text is our sentence", () => {
    expect(describeTaskError(en, { code: "auth", message: "The vendor rejected the API key." })).toEqual({ headline: "The vendor rejected the API key.", detail: null });
  });

  it("translates the code and keeps the vendor's words as a detail in another language", () => {
    const { headline, detail } = describeTaskError(zh, { code: "quota", message: "Not enough credit at the vendor." });
    expect(headline).toBe("服务商账户余额不足。");
    expect(detail).toContain("Not enough credit at the vendor.");
  });

  it("falls back to the message for unknown codes, and to a generic reason without one", () => {
    expect(describeTaskError(en, { code: "weird", message: "Something odd" }).headline).toBe("Something odd");
    expect(describeTaskError(en, { code: "weird", message: "" }).headline).toBe("The task failed.");
  });

  it("has a plain sentence for every vendor and task failure code, in both languages", () => {
    const codes = ["auth", "quota", "moderation", "bad_request", "not_found", "rate_limited", "vendor_unavailable", "timeout", "bad_response", "no_output", "submit_timeout", "timed_out"];
    for (const t of [en, zh]) for (const code of codes) expect(t.has(`errors.${code}`)).toBe(true);
  });
});
