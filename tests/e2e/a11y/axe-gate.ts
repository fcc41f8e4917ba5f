import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";

// The accessibility gate (issue 17): axe-core's WCAG 2.x A and AA rules on a page, and
// a failure for every serious or critical violation. Minor and moderate findings are
// left to review; these two levels block someone from using the page at all.

export const WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];
const BLOCKING = new Set(["serious", "critical"]);

/** One blocking violation on one page, with what a person needs to find and fix it. */
export interface Finding {
  page: string;
  rule: string;
  impact: string;
  help: string;
  helpUrl: string;
  /** Each offending element: its selector, its markup and what axe found wrong with it. */
  targets: string[];
}

/** Runs axe on the page as it is now and returns its serious and critical violations. */
export async function audit(page: Page, label: string): Promise<Finding[]> {
  // Legacy mode runs axe in the page itself; the default finishes each run in a new blank
  // page, which only cross-origin frames need, and which doubled the time per page. Only
  // violations are worked out in full: passes and incomplete results are not read.
  const results = await new AxeBuilder({ page })
    .withTags(WCAG_TAGS)
    .options({ resultTypes: ["violations"] })
    .setLegacyMode()
    .analyze();
  return results.violations
    .filter((v) => BLOCKING.has(v.impact ?? ""))
    .map((v) => ({
      page: label,
      rule: v.id,
      impact: v.impact ?? "",
      help: v.help,
      helpUrl: v.helpUrl,
      targets: v.nodes.map((n) => {
        const why = n.failureSummary?.split("\n").slice(1).join(" ").trim();
        return `${n.target.map(String).join(" >>> ")}  ${n.html.slice(0, 160)}${why ? `\n      ${why}` : ""}`;
      }),
    }));
}

/** A readable list: one block per violation, each offending element on a line of its own. */
export function formatFindings(findings: Finding[]): string {
  return findings.map((f) => [`${f.page}: ${f.rule} (${f.impact}) ${f.help}`, ...f.targets.map((t) => `    element: ${t}`), `    how to fix: ${f.helpUrl}`].join("\n")).join("\n");
}

/** Throws listing every finding; passes silently when there are none. */
export function assertNoFindings(findings: Finding[]): void {
  if (findings.length === 0) return;
  const count = findings.reduce((n, f) => n + f.targets.length, 0);
  throw new Error(`Accessibility gate: ${findings.length} serious or critical violation(s) on ${count} element(s)\n${formatFindings(findings)}`);
}

/** The gate for one page: audits it and throws if anything blocks. */
export async function expectAccessible(page: Page, label: string): Promise<void> {
  assertNoFindings(await audit(page, label));
}
