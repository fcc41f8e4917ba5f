import { expect, type Locator } from "@playwright/test";
import { StudioPage } from "./studio-page";

// /admin/usage: the charts above the tables. A chart has drawn once its canvas is in
// and its host says so (the chart module loads on demand).

export class UsagePage extends StudioPage {
  readonly songsChart = this.page.getByTestId("chart-songs");
  readonly failuresChart = this.page.getByTestId("chart-failures");
  readonly quotaChart = this.page.getByTestId("chart-quotas");
  readonly stackToggle = this.page.getByTestId("chart-songs-stack");

  async gotoUsage(query = "") {
    await this.page.goto(`/admin/usage${query}`);
  }

  async lastDays(days: number) {
    await this.page
      .getByTestId("usage-presets")
      .getByRole("link", { name: `Last ${days} days` })
      .click();
    await expect(this.page).toHaveURL(/\/admin\/usage\?from=\d{4}-\d{2}-\d{2}&to=\d{4}-\d{2}-\d{2}$/);
  }

  /** Waits until the chart has drawn: its canvas is there and sized. */
  async drawn(chart: Locator) {
    const host = chart.getByTestId(`${await chart.getAttribute("data-testid")}-canvas`);
    await expect(host).toHaveAttribute("data-ready", "true");
    await expect(host.locator("canvas")).toBeVisible();
    return host;
  }

  /** The series names in the chart's legend, as uPlot lists them (its first row is the x value). */
  legend(chart: Locator) {
    return chart.locator(".u-legend .u-series:not(:first-child) .u-label");
  }

  /** The values the legend shows for the bar under the pointer. */
  legendValues(chart: Locator) {
    return chart.locator(".u-legend .u-series:not(:first-child) .u-value");
  }

  /** The day (or month, reason, member) under the pointer. */
  hoveredCategory(chart: Locator) {
    return chart.locator(".u-legend .u-series:first-child .u-value");
  }

  /** Points at the rightmost bar (today, for a range ending today). */
  async hoverLastBar(host: Locator) {
    const over = host.locator(".u-over");
    const box = (await over.boundingBox())!;
    await over.hover({ position: { x: box.width - 4, y: box.height / 2 } });
  }

  async stackBy(name: "Member" | "Provider") {
    await this.stackToggle.getByRole("radio", { name }).click();
    await expect(this.stackToggle.getByRole("radio", { name })).toHaveAttribute("aria-checked", "true");
  }
}
