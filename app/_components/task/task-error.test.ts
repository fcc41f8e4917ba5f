import { describe, expect, it } from "vitest";
import { createTranslator } from "use-intl/core";
import { catalogs } from "@/lib/i18n/catalog";
import { describeTaskError } from "./task-error";

// Loosely typed, like the client's useTranslations("tasks") that describeTaskError takes.
type Loose = Record<string, any>; // what use-intl gives an untyped client
const en = createTranslator({ locale: "en", messages: catalogs.en as Loose, namespace: "tasks" });
const zh = createTranslator({ locale: "zh-CN", messages: catalogs["zh-CN"] as Loose, namespace: "tasks" });

describe("describeTaskError", () => {
  it("says our sentence for the code in the reader's language, and never passes our English off as the vendor's", () => {
    const error = { code: "quota", message: "Not enough credit at the vendor.", vendorMessage: null };
    expect(describeTaskError(zh, error)).toEqual({ headline: catalogs["zh-CN"].tasks.errors.quota, detail: null });
    expect(describeTaskError(en, error)).toEqual({ headline: "Not enough credit at the vendor.", detail: null });
  });

  it("adds the vendor's own words, whatever language they are in", () => {
    const error = { code: "moderation", message: "The prompt was refused by moderation: artist name", vendorMessage: "artist name" };
    expect(describeTaskError(zh, error)).toEqual({ headline: catalogs["zh-CN"].tasks.errors.moderation, detail: "服务商原始信息：artist name" });
    expect(describeTaskError(en, { ...error, vendorMessage: "当前分组上游负载已饱和" }).detail).toBe("The vendor said: 当前分组上游负载已饱和");
  });

  it("reads an unknown code as a generic failure, not as the server's English", () => {
    expect(describeTaskError(zh, { code: "weird", message: "Something odd", vendorMessage: null })).toEqual({ headline: catalogs["zh-CN"].tasks.errors.unknown, detail: null });
    expect(describeTaskError(en, { code: "weird", message: "", vendorMessage: "  " })).toEqual({ headline: "The task failed.", detail: null });
  });

  it("has a plain sentence for every vendor and task failure code, in both languages", () => {
    const codes = [
      "auth",
      "quota",
      "moderation",
      "bad_request",
      "not_found",
      "rate_limited",
      "vendor_unavailable",
      "timeout",
      "bad_response",
      "no_output",
      "submit_timeout",
      "timed_out",
      "generation_failed",
      "provider_missing",
      "internal",
    ];
    for (const t of [en, zh]) for (const code of codes) expect(t.has(`errors.${code}`)).toBe(true);
  });
});
