import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { catalogs } from "./catalog";
import { LOCALES, localeFromAcceptLanguage } from "./locales";

function keys(value: unknown, prefix = ""): string[] {
  if (value && typeof value === "object" && !Array.isArray(value)) {
    return Object.entries(value).flatMap(([k, v]) => keys(v, prefix ? `${prefix}.${k}` : k));
  }
  return [prefix];
}

describe("message catalogues", () => {
  it("have the same keys in every language, none empty", () => {
    const en = keys(catalogs.en).sort();
    for (const locale of LOCALES) {
      const other = keys(catalogs[locale]).sort();
      expect(
        other.filter((k) => !en.includes(k)),
        `${locale}: keys missing in en`,
      ).toEqual([]);
      expect(
        en.filter((k) => !other.includes(k)),
        `keys missing in ${locale}`,
      ).toEqual([]);
      for (const k of other) {
        const value = k.split(".").reduce<unknown>((o, p) => (o as Record<string, unknown>)[p], catalogs[locale]);
        expect(typeof value === "string" && value.trim().length > 0, `${locale}:${k} is empty`).toBe(true);
      }
    }
  });

  it("register every namespace file that exists on disk", () => {
    for (const locale of LOCALES) {
      const dir = path.join(__dirname, "messages", locale);
      const files = fs
        .readdirSync(dir)
        .map((f) => f.replace(/\.json$/, ""))
        .sort();
      expect(Object.keys(catalogs[locale]).sort(), locale).toEqual(files);
    }
  });

  it("keep ICU placeholders identical across languages", () => {
    // Argument names: "{name}" or "{name, plural, …}", not the words inside plural branches.
    const placeholders = (s: string) => [...new Set([...s.matchAll(/\{\s*(\w+)\s*[,}]/g)].map((m) => m[1]))].sort();
    for (const k of keys(catalogs.en)) {
      const get = (c: unknown) => k.split(".").reduce<unknown>((o, p) => (o as Record<string, unknown>)[p], c) as string;
      expect(placeholders(get(catalogs["zh-CN"])), k).toEqual(placeholders(get(catalogs.en)));
    }
  });
});

describe("localeFromAcceptLanguage", () => {
  it.each([
    ["zh-CN,zh;q=0.9,en;q=0.8", "zh-CN"],
    ["zh-TW", "zh-CN"],
    ["en-US,en;q=0.9", "en"],
    ["fr-FR,zh;q=0.5", "zh-CN"],
    ["de", "en"],
    ["en;q=0.2,zh;q=0.8", "zh-CN"],
    ["", "en"],
  ])("%s → %s", (header, expected) => {
    expect(localeFromAcceptLanguage(header)).toBe(expected);
  });
});
