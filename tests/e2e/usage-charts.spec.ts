import type { Locator } from "@playwright/test";
import { test, createToken, expect, generateSong } from "./fixtures";
import { LibraryPage } from "./pages/library-page";
import { UsagePage } from "./pages/usage-page";

// Usage you can see (issue 17): a member makes songs with the demo provider and sees
// their month at a glance above their library; the admin opens /admin/usage and
// finds the songs charted per day, stacked by member or by provider, in light and
// dark, in English and in Chinese.

test.use({ appEnv: {} });
test.describe.configure({ mode: "serial" });

/** A CSS colour of the element (any notation: Tailwind writes lab()) as lightness 0–1, through a canvas pixel. */
async function lightness(el: Locator, property: "color" | "backgroundColor" = "color"): Promise<number> {
  return el.evaluate((node, prop) => {
    const ctx = document.createElement("canvas").getContext("2d")!;
    ctx.fillStyle = getComputedStyle(node)[prop];
    ctx.fillRect(0, 0, 1, 1);
    const [r, g, b] = ctx.getImageData(0, 0, 1, 1).data;
    return (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255;
  }, property);
}

const STYLE = "synthwave, dreamy, female vocals";

test.beforeAll(async ({ app, member, admin }) => {
  const token = createToken(app, member.email);
  const takes = await generateSong(app, token, { mode: "custom", title: "Neon Harbour", style: STYLE, lyrics: "[Verse]\nLights on the water", model: "v4.5" });
  await generateSong(app, token, { mode: "custom", title: "Night Ferry", style: "synthwave, 808", lyrics: "[Verse]\nThe last boat home", model: "v4.5" });
  await generateSong(app, createToken(app, admin.email), { mode: "inspiration", description: "A march for the office plants", model: "v4.5" });
  // One take to the trash: the month counts what is in the library.
  const trashed = await fetch(`${app.url}/api/v1/clips/${takes[0]}`, { method: "DELETE", headers: { authorization: `Bearer ${token}` } });
  expect(trashed.ok).toBe(true);
});

test("a member's Library header shows their month: songs, minutes and favourite styles", async ({ memberPage }) => {
  const library = new LibraryPage(memberPage);
  await library.gotoLibrary();
  await expect(library.monthSongs).toHaveText("3 songs this month");
  await expect(library.monthMinutes).toHaveText(/^\d+ minutes? of music$/);
  await expect(library.month.getByTestId("month-sparkline")).toHaveAttribute("aria-label", /3 in all/);
  await expect(library.monthStyles.first()).toHaveText("synthwave");
  await expect(library.monthStyles).toContainText(["synthwave", "808", "dreamy", "female vocals"]);

  await library.monthStyles.first().click();
  await expect(memberPage).toHaveURL(/\/library\?q=synthwave$/);
  await expect(library.rows).toHaveCount(3);
});

test("the admin sees songs per day stacked by member, then by provider, with the tables below", async ({ adminPage, admin, member }) => {
  const usage = new UsagePage(adminPage);
  await usage.gotoUsage();
  await usage.lastDays(7);
  const host = await usage.drawn(usage.songsChart);
  await expect(usage.songsChart).toHaveAccessibleName("Songs per day");
  await expect(usage.legend(usage.songsChart)).toHaveText([member.name, admin.name]);
  // Today's bar: the member's three songs in the library plus the trashed take (the chart counts all made), the admin's two.
  await usage.hoverLastBar(host);
  await expect(usage.legendValues(usage.songsChart)).toHaveText(["4", "2"]);

  await usage.stackBy("Provider");
  await expect(usage.legend(usage.songsChart)).toHaveText(["Demo (offline)"]);
  await usage.stackBy("Member");
  await expect(usage.legend(usage.songsChart)).toHaveText([member.name, admin.name]);

  await usage.drawn(usage.quotaChart);
  await expect(usage.legend(usage.quotaChart)).toHaveText(["Songs", "Limit"]);
  await expect(adminPage.getByTestId("usage-members")).toContainText(member.name);
});

test("the charts redraw in the dark theme with light text", async ({ adminPage }) => {
  const usage = new UsagePage(adminPage);
  await usage.gotoUsage();
  const host = await usage.drawn(usage.songsChart);
  await expect(host).toHaveAttribute("data-scheme", "light");
  expect(await lightness(host)).toBeLessThan(0.5);
  // Switched while the page is open: the chart draws itself again in the new colours.
  await adminPage.emulateMedia({ colorScheme: "dark" });
  await expect(host).toHaveAttribute("data-scheme", "dark");
  await expect(host.locator("canvas")).toBeVisible();
  // The axis labels are drawn in the host's text colour: bright on the dark card.
  expect(await lightness(host)).toBeGreaterThan(0.7);
  expect(await lightness(adminPage.locator("body"), "backgroundColor")).toBeLessThan(0.1);
});

test("in Chinese the charts' controls, and the day under the pointer, read in Chinese", async ({ adminPage, app }) => {
  await adminPage.context().addCookies([{ name: "songloft-locale", value: "zh-CN", url: app.url }]);
  const usage = new UsagePage(adminPage);
  await usage.gotoUsage();
  const host = await usage.drawn(usage.songsChart);
  await expect(usage.songsChart).toHaveAccessibleName("每日歌曲数");
  await expect(usage.stackToggle.getByRole("radio", { name: "服务商" })).toBeVisible();
  await usage.hoverLastBar(host);
  await expect(usage.hoveredCategory(usage.songsChart)).toHaveText(/^\d+月\d+日$/);
});
