import type { Locator } from "@playwright/test";
import { StudioPage } from "./studio-page";

// Admin → Webhooks: the add form (whose answer shows the signing secret once) and one
// card per webhook with its recent deliveries.

export class WebhooksPage extends StudioPage {
  private readonly w = this.t.notifications.webhooks;
  readonly form = this.page.getByTestId("webhook-form");
  readonly secret = this.page.getByTestId("webhook-secret").locator("input");
  readonly cards = this.page.getByTestId("webhook-card");

  async goto() {
    await this.page.goto("/admin/webhooks");
  }

  async add(name: string, url: string, format: "slack" | "standard") {
    await this.form.getByLabel(this.w.fields.name).fill(name);
    await this.form.getByLabel(this.w.fields.url).fill(url);
    await this.form.getByLabel(this.w.fields.format).selectOption(format);
    await this.form.getByRole("button", { name: this.w.add }).click();
  }

  card(name: string): Locator {
    return this.cards.filter({ has: this.page.getByRole("heading", { name }) });
  }

  deliveries(card: Locator): Locator {
    return card.getByTestId("webhook-delivery");
  }
}
